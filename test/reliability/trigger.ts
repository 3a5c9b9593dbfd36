/**
 * Data changes for the Conta Trigger's reliability cases: for each event, what happens in Conta
 * between the seeding poll and the poll under test, and the key of every item that change must
 * make the trigger emit (exactly once over that poll and the fault-free polls after it).
 *
 * With `pages` (the poll must read more than one page), new-record events get 120 new records
 * (two pages of 100) and status events 510 open invoices before seeding (two pages of 500);
 * without, 3 of each, which is quicker. Status events then change the first and last open
 * invoices, two of which close (each then looked up by number).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { ContaSimulator } from '../../sandbox/conta';
import { addCustomer, addDraft, addInvoice, addTransaction, creditInvoice, payInvoice, remindInvoice } from '../../sandbox/conta/mutations';
import { orgData, type Json } from '../../sandbox/conta/state';

const ORG = 101;
const NEW_RECORDS = 120;
const OPEN_INVOICES = 510;
const FEW = 3;
const line = [{ description: 'Reliability', price: 100, quantity: 1, vatCode: 'high' }];

export interface TriggerScenario {
	/** Before the seeding poll; `pages`: make the poll read more than one page where that takes many records. */
	prepare?: (sim: ContaSimulator, pages: boolean) => void;
	/** The change after seeding; returns the key of every item it must emit. */
	change: (sim: ContaSimulator, pages: boolean) => string[];
	/** The key of an emitted item. */
	keyOf: (item: IDataObject) => string;
}

const times = <T>(pages: boolean, make: () => T): T[] => Array.from({ length: pages ? NEW_RECORDS : FEW }, make);
const idKey = (item: IDataObject) => String(item.id);
const statusKey = (item: IDataObject) => `${String(item.id)}:${String(item.status)}`;

/** The open invoices, newest first (the status scenarios need `prepare` to have run). */
function openInvoices(sim: ContaSimulator): Json[] {
	const open = orgData(sim.state, ORG)
		.invoices.filter((invoice) => invoice.type !== 'CREDIT' && Number(invoice.sumRemaining) > 0 && !String(invoice.status).startsWith('CLOSED'))
		.sort((a, b) => b.id - a.id);
	if (open.length < FEW) throw new Error(`the scenario needs its prepare step: ${open.length} open invoices`);
	return open;
}

const openInvoicesFirst = (sim: ContaSimulator, pages: boolean) => {
	for (let n = 0; n < (pages ? OPEN_INVOICES : FEW); n++) addInvoice(sim.state, ORG, 5002, line);
};

export const TRIGGER_SCENARIOS: Record<string, TriggerScenario> = {
	newCustomer: {
		change: (sim, pages) => times(pages, () => String(addCustomer(sim.state, ORG, { name: 'Reliability AS' }).id)),
		keyOf: idKey,
	},
	newInvoice: {
		change: (sim, pages) => times(pages, () => String(addInvoice(sim.state, ORG, 5001, line).id)),
		keyOf: idKey,
	},
	newInvoiceDraft: {
		change: (sim, pages) => times(pages, () => String(addDraft(sim.state, ORG, 5001, line).id)),
		keyOf: idKey,
	},
	newPayment: {
		// Invoice 7002 (2 500 NOK open) takes 120 part payments of 1 NOK.
		change: (sim, pages) => times(pages, () => `${payInvoice(sim.state, ORG, 7002, 1).id}:7002`),
		keyOf: (item) => `${String(item.id)}:${String(item.invoiceId)}`,
	},
	newTransaction: {
		change: (sim, pages) => times(pages, () => String(addTransaction(sim.state, ORG, { description: 'Reliability', amount: 100 }).id)),
		keyOf: idKey,
	},
	invoicePaid: {
		prepare: openInvoicesFirst,
		// The newest open invoice (first page) and the oldest (last page) are paid in full.
		change: (sim) => {
			const open = openInvoices(sim);
			return [open[0], open[open.length - 1]].map((invoice) => {
				payInvoice(sim.state, ORG, invoice.id);
				return `${invoice.id}:CLOSED_BY_PAYMENT`;
			});
		},
		keyOf: statusKey,
	},
	invoiceStatusChanged: {
		prepare: openInvoicesFirst,
		// A reminder (stays open, first page), a credit note (closes, first page), a full payment
		// (closes, last page).
		change: (sim) => {
			const open = openInvoices(sim);
			const [reminded, credited, paid] = [open[0], open[1], open[open.length - 1]];
			remindInvoice(sim.state, ORG, reminded.id);
			creditInvoice(sim.state, ORG, credited.id);
			payInvoice(sim.state, ORG, paid.id);
			return [`${reminded.id}:PAYMENT_REMINDER_CREATED`, `${credited.id}:CLOSED_BY_CREDIT_NOTE`, `${paid.id}:CLOSED_BY_PAYMENT`];
		},
		keyOf: statusKey,
	},
};

/** The items of a poll's output (none when it failed or found nothing). */
export const emittedItems = (output: INodeExecutionData[][] | null | undefined): IDataObject[] => (output?.[0] ?? []).map((item) => item.json);

/** Expected keys that were never emitted, and keys emitted more than once (with the extra count). */
export function compareEmitted(expected: string[], emitted: string[]): { lost: string[]; duplicated: Array<[string, number]>; unexpected: string[] } {
	const counts = new Map<string, number>();
	for (const key of emitted) counts.set(key, (counts.get(key) ?? 0) + 1);
	return {
		lost: expected.filter((key) => !counts.has(key)),
		duplicated: [...counts].filter(([, n]) => n > 1).map(([key, n]) => [key, n - 1]),
		unexpected: [...counts.keys()].filter((key) => !expected.includes(key)),
	};
}
