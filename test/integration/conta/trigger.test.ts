/**
 * Conta Trigger against the simulator: seeding, exactly-once emission across polls, paging,
 * errors that leave the state alone, manual samples, configuration resets and the state caps.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { rl, useContaSimulator } from '../../helpers/conta';
import { contaTrigger, pollTrigger } from '../../helpers/conta-trigger';
import {
	addCustomer,
	addDraft,
	addInvoice,
	addTransaction,
	creditInvoice,
	deletePayment,
	payInvoice,
	remindInvoice,
} from '../../../sandbox/conta/mutations';
import { invoiceHit } from '../../../sandbox/conta/routes/invoices';
import { nextId, orgData } from '../../../sandbox/conta/state';
import { BOUNDARY_SIZE, TRIGGER_PAGE_SIZE } from '../../../nodes/Conta/trigger/common';
import { MAX_LOOKUPS_PER_POLL, MAX_TRACKED_INVOICES, OPEN_STATUSES } from '../../../nodes/Conta/trigger/invoiceStatus';
import { CONTA_SEARCH_PASSES as MAX_PASSES } from '../../../nodes/Conta/transport/index';

const kit = useContaSimulator();
const state = () => kit.sim().state;
const org101 = () => orgData(state(), 101);

/** Method, path and query of every request since the last clear. */
const sent = () => kit.requests().map((r) => ({ method: r.method, path: r.path, query: r.query }));
const clear = () => kit.sim().clearRequests();
const snapshot = (data: IDataObject) => JSON.parse(JSON.stringify(data)) as IDataObject;

const O = '/invoice/organizations/101';
const MAINTENANCE = {
	category: 'SYSTEM',
	name: 'MaintenanceException',
	messages: { EN: 'Conta is down for maintenance. Try again later.', NO: 'Conta har vedlikehold.' },
};

/** Polls with the same static data each time, like n8n does for one node. */
function triggerOn(params: IDataObject) {
	const staticData: IDataObject = {};
	return {
		staticData,
		poll: (override: IDataObject = {}) => pollTrigger(kit, { ...params, ...override }, { staticData }),
	};
}

const ids = (items: IDataObject[]) => items.map((item) => item.id);

describe('Conta Trigger: description', () => {
	it('is a polling trigger with the Conta credential and the organization list search', () => {
		const d = contaTrigger.description;
		expect(d).toMatchObject({
			name: 'contaTrigger',
			displayName: 'Conta Trigger',
			polling: true,
			group: ['trigger'],
			inputs: [],
			outputs: ['main'],
			credentials: [{ name: 'contaApi', required: true }],
		});
		expect(d.icon).toEqual({ light: 'file:../../icons/conta.svg', dark: 'file:../../icons/conta.dark.svg' });
		expect(Object.keys(contaTrigger.methods.listSearch)).toEqual(['searchOrganizations']);
		const event = d.properties.find((p) => p.name === 'event')!;
		const names = event.options!.map((o) => (o as { name: string }).name);
		expect(names).toEqual([...names].sort());
		expect(event.options!.map((o) => (o as { value: string }).value)).toEqual([
			'invoicePaid',
			'invoiceStatusChanged',
			'newCustomer',
			'newInvoice',
			'newInvoiceDraft',
			'newPayment',
			'newTransaction',
		]);
		expect(d.properties[0].name).toBe('organization');
	});
});

describe('Conta Trigger: New Customer', () => {
	const params = { organization: rl('101'), event: 'newCustomer' };

	it('seeds on the first poll from one page of the newest customers and emits nothing', async () => {
		const t = triggerOn(params);
		const first = await t.poll();
		expect(first.error).toBeUndefined();
		expect(first.output).toBeNull();
		expect(sent()).toEqual([
			{ method: 'GET', path: `${O}/customers`, query: { sort: '-id', hits: String(TRIGGER_PAGE_SIZE), page: '0' } },
		]);
		expect(kit.requests()[0].headers['apikey']).toBeDefined();
		expect(t.staticData).toEqual({
			configKey: expect.any(String),
			records: { cursor: 5003, floor: 0, seen: ['5003', '5002', '5001'] },
		});
	});

	it('emits every new customer exactly once, oldest first, and nothing on an unchanged poll', async () => {
		const t = triggerOn(params);
		await t.poll();
		const a = addCustomer(state(), 101, { name: 'Havbris AS', orgNo: '912345678', emailAddress: 'post@havbris.example' });
		clear();
		const second = await t.poll();
		expect(second.output).toEqual([
			[
				{
					json: {
						id: a.id,
						customerName: 'Havbris AS',
						orgNo: '912345678',
						emailAddress: 'post@havbris.example',
						customerType: 'ORGANIZATION',
						numberOfInvoices: 0,
						sumTotalInvoiced: 0,
						sumRemainingInvoices: 0,
						numberOfEstimates: 0,
						numberOfOrders: 0,
						sumEstimates: 0,
						sumOrders: 0,
						accountsReceivable: 0,
						invoiceDeliveryMethod: 'EMAIL',
						isActive: true,
					},
				},
			],
		]);
		expect(sent()).toEqual([
			{ method: 'GET', path: `${O}/customers`, query: { sort: '-id', hits: '100', page: '0' } },
		]);

		// Two in one poll: both, oldest first.
		const b = addCustomer(state(), 101, { name: 'Bølgen Kafé' });
		const c = addCustomer(state(), 101, { name: 'Cirrus Data AS' });
		const third = await t.poll();
		expect(third.items.map((x) => [x.id, x.customerName])).toEqual([
			[b.id, 'Bølgen Kafé'],
			[c.id, 'Cirrus Data AS'],
		]);

		clear();
		const fourth = await t.poll();
		expect(fourth.output).toBeNull();
		expect(fourth.error).toBeUndefined();
		expect(sent()).toHaveLength(1);
		expect((t.staticData.records as IDataObject).cursor).toBe(c.id);
	});

	it('pages through a backlog larger than a page and emits each customer once', async () => {
		const t = triggerOn(params);
		await t.poll();
		const added = Array.from({ length: 250 }, (_, i) => addCustomer(state(), 101, { name: `Kunde ${i + 1}` }));
		clear();
		const burst = await t.poll();
		expect(burst.items).toHaveLength(250);
		expect(ids(burst.items)).toEqual(added.map((c) => c.id));
		// 253 customers in pages of 100: pages 0, 1 and 2; the seeds sit on the last page.
		expect(sent().map((r) => r.query)).toEqual([
			{ sort: '-id', hits: '100', page: '0' },
			{ sort: '-id', hits: '100', page: '1' },
			{ sort: '-id', hits: '100', page: '2' },
		]);
		const records = t.staticData.records as { cursor: number; floor: number; seen: string[] };
		// The newest BOUNDARY_SIZE ids are remembered; the floor is the oldest of them.
		expect(records.cursor).toBe(added[249].id);
		expect(records.floor).toBe(added[250 - BOUNDARY_SIZE].id);
		expect(records.seen).toEqual(added.slice(250 - BOUNDARY_SIZE + 1).map((c) => String(c.id)).reverse());

		// The next poll stops at the first page (it reaches the floor) and finds nothing.
		clear();
		expect((await t.poll()).output).toBeNull();
		expect(sent()).toHaveLength(1);

		const last = addCustomer(state(), 101, { name: 'Etternøler AS' });
		expect(ids((await t.poll()).items)).toEqual([last.id]);
	});

	it('emits a record that appears late below the newest id, but never one at or below the floor', async () => {
		const t = triggerOn(params);
		// 60 customers with one id left unused among the oldest (a hole): the floor moves above it.
		Array.from({ length: 5 }, (_, i) => addCustomer(state(), 101, { name: `Kunde ${i}` }));
		const hole = state().ids.customer++;
		Array.from({ length: 55 }, (_, i) => addCustomer(state(), 101, { name: `Kunde ${i + 5}` }));
		await t.poll();
		const floor = (t.staticData.records as IDataObject).floor as number;
		const cursor = (t.staticData.records as IDataObject).cursor as number;
		expect(floor).toBeGreaterThan(hole);
		// A new record above everything, leaving a gap below it.
		const gapId = cursor + 10;
		state().ids.customer = gapId + 1;
		addCustomer(state(), 101, { id: gapId, name: 'Newest' });
		expect((await t.poll()).items.map((x) => x.customerName)).toEqual(['Newest']);
		// Committed late, below the newest id but above the floor and never seen: emitted once.
		addCustomer(state(), 101, { id: cursor + 5, name: 'Late but new' });
		expect((await t.poll()).items.map((x) => x.customerName)).toEqual(['Late but new']);
		expect((await t.poll()).output).toBeNull();
		// Committed very late, at or below the floor: never emitted.
		addCustomer(state(), 101, { id: hole, name: 'Too late' });
		expect((await t.poll()).output).toBeNull();
	});

	it('reads every page when a route does not answer newest first (sort ignored), still exactly once', async () => {
		const hits = (from: number, to: number) =>
			Array.from({ length: to - from + 1 }, (_, i) => ({ id: from + i, customerName: `Kunde ${from + i}` }));
		const page = (list: object[], hitCount: number, pageCount: number) => ({ hits: list, hitCount, pageCount, sum: 0 });
		const t = triggerOn(params);
		// Seed: one ascending page of 120 customers. The newest 50 ids decide the floor.
		kit.sim().injectFault({ pathIncludes: '/customers', status: 200, body: page(hits(1, 120), 120, 1) });
		await t.poll();
		expect(t.staticData.records).toEqual({
			cursor: 120,
			floor: 71,
			seen: hits(72, 120).map((h) => String(h.id)).reverse(),
		});
		// Next poll: page 0 (oldest first) already reaches the floor, but the new ids are on page 1.
		kit.sim().injectFault({ match: (r) => r.path.endsWith('/customers') && r.query.page === '0', status: 200, body: page(hits(1, 100), 125, 2) });
		kit.sim().injectFault({ match: (r) => r.path.endsWith('/customers') && r.query.page === '1', status: 200, body: page(hits(101, 125), 125, 2) });
		clear();
		const out = await t.poll();
		expect(ids(out.items)).toEqual([121, 122, 123, 124, 125]);
		expect(sent().map((r) => r.query.page)).toEqual(['0', '1']);
	});

	it('throws Conta’s error on a 503 that outlasts the retries, keeps the state, and catches up on the next poll', async () => {
		const t = triggerOn(params);
		await t.poll();
		const a = addCustomer(state(), 101, { name: 'Før feilen AS' });
		const before = snapshot(t.staticData);
		kit.sim().injectFault({ pathIncludes: '/organizations/101/customers', status: 503, body: MAINTENANCE, times: 4 });
		clear();
		const failed = await t.poll();
		expect(failed.output).toBeNull();
		expect(failed.error).toBeInstanceOf(NodeApiError);
		expect(failed.error.message).toBe('Conta had a server error (HTTP 503) while trying to list new customers');
		expect(failed.error.description).toContain('Conta said: Conta is down for maintenance. Try again later. (MaintenanceException)');
		// The first attempt and three retries (reads are retried on 503), then the poll gives up.
		expect(sent()).toHaveLength(4);
		expect(snapshot(t.staticData)).toEqual(before);

		const b = addCustomer(state(), 101, { name: 'Etter feilen AS' });
		const recovered = await t.poll();
		expect(ids(recovered.items)).toEqual([a.id, b.id]);
		expect((await t.poll()).output).toBeNull();
	}, 30_000);

	it('returns the newest three customers in manual mode without reading or writing the state', async () => {
		const t = triggerOn(params);
		await t.poll();
		addCustomer(state(), 101, { name: 'Manuell AS' });
		const before = snapshot(t.staticData);
		clear();
		const manual = await pollTrigger(kit, params, { staticData: t.staticData, mode: 'manual' });
		expect(manual.items.map((x) => x.customerName)).toEqual(['Kari Nordmann', 'Nedlagt Handel AS', 'Manuell AS']);
		expect(sent()).toEqual([{ method: 'GET', path: `${O}/customers`, query: { sort: '-id', hits: '3', page: '0' } }]);
		expect(snapshot(t.staticData)).toEqual(before);
		// The change is still new for the real poll.
		expect((await t.poll()).items.map((x) => x.customerName)).toEqual(['Manuell AS']);

		const fresh: IDataObject = {};
		const manualFresh = await pollTrigger(kit, params, { staticData: fresh, mode: 'manual' });
		expect(manualFresh.items).toHaveLength(3);
		expect(fresh).toEqual({});
	});

	it('starts over (seeds, no flood) when the organization or the event changes', async () => {
		const t = triggerOn(params);
		await t.poll();
		const key101 = t.staticData.configKey;
		addCustomer(state(), 101, { name: 'Etter aktivering' });
		// Another organization: a fresh seed there, nothing emitted.
		clear();
		expect((await t.poll({ organization: rl('102') })).output).toBeNull();
		expect(sent()[0].path).toBe('/invoice/organizations/102/customers');
		expect(t.staticData.configKey).not.toBe(key101);
		const in102 = addCustomer(state(), 102, { name: 'Nordlys Kunde' });
		expect(ids((await t.poll({ organization: rl('102') })).items)).toEqual([in102.id]);
		// Back to 101: its earlier cursor is gone, so it seeds again instead of replaying history.
		expect((await t.poll()).output).toBeNull();
		expect((t.staticData.records as IDataObject).cursor).toBe(5004);
		// Another event on the same organization also seeds.
		clear();
		expect((await t.poll({ event: 'newInvoice' })).output).toBeNull();
		expect(sent()[0].path).toBe(`${O}/invoices`);
	});

	it("uses the credential's default organization when the field is empty", async () => {
		const t = triggerOn({ organization: { __rl: true, mode: 'list', value: '' }, event: 'newCustomer' });
		await t.poll();
		expect(sent()[0].path).toBe(`${O}/customers`);
	});

	it('rejects a bad organization ID or event before sending anything', async () => {
		const bad = await pollTrigger(kit, { organization: rl('12ab'), event: 'newCustomer' });
		expect(bad.error).toBeInstanceOf(NodeOperationError);
		expect(bad.error.message).toBe("Invalid input: 'Organization': '12ab' is not an organization ID");
		const none = await pollTrigger(kit, { organization: rl(''), event: 'newCustomer' }, { credentials: kit.credentials({ defaultOrganizationId: '' }) });
		expect(none.error).toBeInstanceOf(NodeOperationError);
		expect(none.error.message).toBe('No organization chosen');
		const event = await pollTrigger(kit, { organization: rl('101'), event: 'customerUpdated' });
		expect(event.error).toBeInstanceOf(NodeOperationError);
		expect(event.error.message).toBe("Unknown event 'customerUpdated'");
		expect(kit.requests()).toEqual([]);
	});

	it('reports Conta’s 403 for a deleted organization and stores nothing', async () => {
		const t = triggerOn({ organization: rl('103'), event: 'newCustomer' });
		const out = await t.poll();
		expect(out.error).toBeInstanceOf(NodeApiError);
		expect(out.error.message).toBe('Conta refused access (HTTP 403) while trying to list the newest customers');
		expect(out.error.description).toContain('Conta said: You do not have access to this organization. (OrgAccessDeniedException)');
		expect(t.staticData).toEqual({});
	});
});

describe('Conta Trigger: New Invoice, New Invoice Draft, New Transaction', () => {
	it('New Invoice asks for createdAt and emits new invoices and credit notes once', async () => {
		const t = triggerOn({ event: 'newInvoice' });
		expect((await t.poll()).output).toBeNull();
		expect(sent()).toEqual([
			{ method: 'GET', path: `${O}/invoices`, query: { sort: '-id', includeCreatedAt: 'true', hits: '100', page: '0' } },
		]);
		const invoice = addInvoice(state(), 101, 5001, [{ description: 'Kanelboller', price: 40, quantity: 10, vatCode: 'medium' }]);
		const credit = creditInvoice(state(), 101, 7002);
		const out = await t.poll();
		expect(out.items.map((x) => [x.id, x.type, x.status, x.sumTotal])).toEqual([
			[invoice.id, 'NORMAL', 'INVOICE_CREATED', 460],
			[credit.id, 'CREDIT', 'CLOSED_BY_CREDIT_NOTE', -2500],
		]);
		expect(out.items[0]).toMatchObject({
			invoiceNo: invoice.invoiceNo,
			customerId: 5001,
			customerName: 'Fjellheim Bakeri AS',
			createdAt: invoice._createdAt,
			invoiceLineDescription: 'Kanelboller',
		});
		expect(out.items[1]).toMatchObject({ creditedInvoiceId: 7002, creditedInvoiceNo: 10002 });
		expect((await t.poll()).output).toBeNull();
	});

	it('New Invoice Draft emits new drafts with createdAt', async () => {
		const t = triggerOn({ event: 'newInvoiceDraft' });
		await t.poll();
		expect(sent()[0]).toEqual({
			method: 'GET',
			path: `${O}/invoice-drafts`,
			query: { sort: '-id', includeCreatedAt: 'true', hits: '100', page: '0' },
		});
		const a = addDraft(state(), 101, 5002, [{ description: 'Timer februar', price: 950, quantity: 2, vatCode: 'high' }]);
		const b = addDraft(state(), 101, 5001, [{ description: 'Brød', price: 100, quantity: 1, vatCode: 'medium' }]);
		const out = await t.poll();
		expect(out.items).toEqual([
			expect.objectContaining({ id: a.id, customerId: 5002, customerName: 'Kari Nordmann', sumTotal: 2375, createdAt: a._createdAt }),
			expect.objectContaining({ id: b.id, customerId: 5001, sumTotal: 115, invoiceLineDescription: 'Brød' }),
		]);
		expect((await t.poll()).output).toBeNull();
	});

	it('New Transaction reads the accounting search route', async () => {
		const t = triggerOn({ event: 'newTransaction' });
		await t.poll();
		expect(sent()[0]).toEqual({
			method: 'GET',
			path: '/accounting/organizations/101/transactions',
			query: { sort: '-id', hits: '100', page: '0' },
		});
		const tx = addTransaction(state(), 101, { description: 'Husleie februar', amount: 10000 });
		const out = await t.poll();
		expect(out.items).toEqual([
			expect.objectContaining({
				id: tx.id,
				transactionNo: 2,
				description: 'Husleie februar',
				totalAmount: 10000,
				createdAt: tx.createdAt,
				bookkeepingAccounts: ['6300', '1920'],
			}),
		]);
		expect((await t.poll()).output).toBeNull();
	});
});

describe('Conta Trigger: New Payment', () => {
	it('emits each part of a payment once (payment id + invoice id) and skips deleted payments', async () => {
		const t = triggerOn({ event: 'newPayment' });
		await t.poll();
		expect(sent()[0]).toEqual({
			method: 'GET',
			path: `${O}/invoice-payments`,
			query: { sort: '-id', hits: '100', page: '0' },
		});
		expect((t.staticData.records as IDataObject).seen).toEqual(['9001:7001']);

		const partial = payInvoice(state(), 101, 7002, 500, { date: '2026-02-01' });
		const out = await t.poll();
		expect(out.items).toEqual([
			{
				id: partial.id,
				customerId: 5002,
				customerName: 'Kari Nordmann',
				invoiceId: 7002,
				invoiceNo: 10002,
				amount: 500,
				paymentType: 'MANUAL',
				date: '2026-02-01',
				kid: '000100024',
			},
		]);

		// A bank payment covering two invoices: two hits with the same payment id.
		const second = addInvoice(state(), 101, 5001, [{ description: 'Rundstykker', price: 200, quantity: 1, vatCode: 'medium' }]);
		const multiId = nextId(state(), 'payment');
		org101().payments.push({
			id: multiId,
			paymentType: 'OCR_CREMUL',
			isFromKravia: false,
			isMultiPayment: true,
			totalAmount: 530,
			partialPayments: [
				{ id: nextId(state(), 'partialPayment'), date: '2026-02-02', amount: 300, amountForeignCurrency: 0, invoiceId: 7002, paymentId: multiId },
				{ id: nextId(state(), 'partialPayment'), date: '2026-02-02', amount: 230, amountForeignCurrency: 0, invoiceId: second.id, paymentId: multiId },
			],
		});
		const multi = await t.poll();
		expect(multi.items.map((x) => [x.id, x.invoiceId, x.amount])).toEqual([
			[multiId, 7002, 300],
			[multiId, second.id, 230],
		]);
		deletePayment(state(), 101, partial.id);
		expect((await t.poll()).output).toBeNull();
		const seen = (t.staticData.records as IDataObject).seen as string[];
		expect(seen).toEqual([`${multiId}:${second.id}`, `${multiId}:7002`, `${partial.id}:7002`, '9001:7001']);
	});
});

describe('Conta Trigger: Invoice Status Changed', () => {
	const params = { organization: rl('101'), event: 'invoiceStatusChanged', statuses: [] };
	const openQuery = { type: 'UNPAID', sort: '-id', includeCreatedAt: 'true', hits: '500', page: '0' };

	it('seeds from the open invoices, then reports a payment with the old and new status', async () => {
		const t = triggerOn(params);
		expect((await t.poll()).output).toBeNull();
		expect(sent()).toEqual([{ method: 'GET', path: `${O}/invoices`, query: openQuery }]);
		expect(t.staticData.invoices).toEqual({ open: [[7002, 'INVOICE_CREATED', 2500, 10002]], closed: [] });

		payInvoice(state(), 101, 7002);
		clear();
		const out = await t.poll();
		expect(sent()).toEqual([
			{ method: 'GET', path: `${O}/invoices`, query: openQuery },
			{ method: 'GET', path: `${O}/invoices`, query: { invoiceNo: '10002', includeCreatedAt: 'true', hits: '50', page: '0' } },
		]);
		expect(out.items).toEqual([
			{
				id: 7002,
				type: 'NORMAL',
				status: 'CLOSED_BY_PAYMENT',
				invoiceNo: 10002,
				invoiceDate: '2026-01-20',
				followUpDate: '2026-02-03',
				invoiceDueDate: '2026-02-03',
				invoiceFileId: 30002,
				bankAccountId: 301,
				invoiceLanguage: 'NO',
				invoiceCurrency: 'NOK',
				customerId: 5002,
				sumNet: 2000,
				sumVAT: 500,
				sumTotal: 2500,
				sumRemaining: 0,
				kid: '000100024',
				totalSumRemaining: 0,
				customerName: 'Kari Nordmann',
				customerEmailAddress: 'kari@example.no',
				customerAddressLine1: 'Bakkeveien 12',
				customerAddressPostcode: '5003',
				customerAddressCity: 'Bergen',
				invoiceLineDescription: 'Konsulenttime',
				emailAddresses: [],
				emailAddressesAsString: '',
				createdAt: '2026-01-20T10:00:00',
				previousStatus: 'INVOICE_CREATED',
				previousSumRemaining: 2500,
			},
		]);
		expect(t.staticData.invoices).toEqual({ open: [], closed: [[7002, 'CLOSED_BY_PAYMENT', 0]] });
		clear();
		expect((await t.poll()).output).toBeNull();
		expect(sent()).toHaveLength(1);
	});

	it('reports reopening (payment deleted), crediting and a reminder, each once, oldest first', async () => {
		const a = addInvoice(state(), 101, 5001, [{ description: 'A', price: 1000, quantity: 1, vatCode: 'high' }]);
		const b = addInvoice(state(), 101, 5001, [{ description: 'B', price: 2000, quantity: 1, vatCode: 'high' }]);
		const t = triggerOn(params);
		await t.poll();
		const payment = payInvoice(state(), 101, a.id);
		remindInvoice(state(), 101, 7002);
		creditInvoice(state(), 101, b.id);
		const first = await t.poll();
		expect(first.items.map((x) => [x.id, x.previousStatus, x.status])).toEqual([
			[7002, 'INVOICE_CREATED', 'PAYMENT_REMINDER_CREATED'],
			[a.id, 'INVOICE_CREATED', 'CLOSED_BY_PAYMENT'],
			[b.id, 'INVOICE_CREATED', 'CLOSED_BY_CREDIT_NOTE'],
		]);
		expect((await t.poll()).output).toBeNull();

		deletePayment(state(), 101, payment.id);
		const reopened = await t.poll();
		expect(reopened.items).toEqual([
			expect.objectContaining({ id: a.id, status: 'INVOICE_CREATED', sumRemaining: 1250, previousStatus: 'CLOSED_BY_PAYMENT', previousSumRemaining: 0 }),
		]);
		expect((await t.poll()).output).toBeNull();
	});

	it('tracks invoices created after activation from their first sighting, without emitting them', async () => {
		const t = triggerOn(params);
		await t.poll();
		const late = addInvoice(state(), 101, 5002, [{ description: 'Sen faktura', price: 100, quantity: 1, vatCode: 'no.vat' }]);
		expect((await t.poll()).output).toBeNull();
		expect((t.staticData.invoices as IDataObject).open).toEqual([
			[late.id, 'INVOICE_CREATED', 100, late.invoiceNo],
			[7002, 'INVOICE_CREATED', 2500, 10002],
		]);
		// A partial payment changes sumRemaining only: no event, but the snapshot follows.
		payInvoice(state(), 101, late.id, 40);
		expect((await t.poll()).output).toBeNull();
		expect(((t.staticData.invoices as IDataObject).open as unknown[][])[0]).toEqual([late.id, 'INVOICE_CREATED', 60, late.invoiceNo]);
		payInvoice(state(), 101, late.id, 60);
		expect((await t.poll()).items).toEqual([
			expect.objectContaining({ id: late.id, status: 'CLOSED_BY_PAYMENT', previousStatus: 'INVOICE_CREATED', previousSumRemaining: 60 }),
		]);
	});

	it('emits only the chosen new statuses, and still follows the others', async () => {
		const a = addInvoice(state(), 101, 5001, [{ description: 'A', price: 1000, quantity: 1, vatCode: 'high' }]);
		const t = triggerOn({ ...params, statuses: ['CLOSED_BY_CREDIT_NOTE'] });
		await t.poll();
		payInvoice(state(), 101, 7002);
		creditInvoice(state(), 101, a.id);
		expect((await t.poll()).items.map((x) => [x.id, x.status])).toEqual([[a.id, 'CLOSED_BY_CREDIT_NOTE']]);
		expect((await t.poll()).output).toBeNull();
		// A different filter is a different configuration: it seeds again.
		const key = t.staticData.configKey;
		expect((await t.poll({ statuses: ['CLOSED_BY_PAYMENT'] })).output).toBeNull();
		expect(t.staticData.configKey).not.toBe(key);
	});

	it('rejects an unknown status from an expression before sending anything', async () => {
		const out = await pollTrigger(kit, { ...params, statuses: ['PAID'] });
		expect(out.error).toBeInstanceOf(NodeOperationError);
		expect(out.error.message).toBe(
			"Invalid input in item 0: 'Statuses' (#1): must be one of: BEING_CREATED, BEING_SENT_TO_KRAVIA, CLOSED_BY_CREDIT_NOTE, " +
				'CLOSED_BY_EASYBANK, CLOSED_BY_PAYMENT, CLOSED_FROM_REGNSKAP, INVOICE_CREATED, PAYMENT_REMINDER_CREATED, SENT_TO_KRAVIA, ' +
				'SOLD_TO_EASYBANK, WRITTEN_OFF_AS_LOSS',
		);
		// Comma-separated text from an expression is read the same way.
		const text = await pollTrigger(kit, { ...params, statuses: 'CLOSED_BY_PAYMENT, PAID' });
		expect(text.error.message).toBe(out.error.message.replace('(#1)', '(#2)'));
		expect(kit.requests()).toEqual([]);
	});

	it('keeps the state on a failed poll and reports the change on the next one', async () => {
		const t = triggerOn(params);
		await t.poll();
		payInvoice(state(), 101, 7002);
		const before = snapshot(t.staticData);
		// The open list works, the look-up of the paid invoice fails.
		kit.sim().injectFault({ match: (req) => req.query.invoiceNo === '10002', status: 503, body: MAINTENANCE, times: 4 });
		const failed = await t.poll();
		expect(failed.error).toBeInstanceOf(NodeApiError);
		expect(failed.error.message).toBe('Conta had a server error (HTTP 503) while trying to look up invoice 10002');
		expect(snapshot(t.staticData)).toEqual(before);
		expect((await t.poll()).items.map((x) => [x.id, x.status])).toEqual([[7002, 'CLOSED_BY_PAYMENT']]);
	}, 30_000);

	it(`tracks at most ${MAX_TRACKED_INVOICES} open invoices (the newest)`, async () => {
		const extra = Array.from({ length: MAX_TRACKED_INVOICES + 4 }, (_, i) =>
			addInvoice(state(), 101, 5001, [{ description: `Faktura ${i}`, price: 10, quantity: 1, vatCode: 'no.vat' }]),
		);
		const t = triggerOn(params);
		await t.poll();
		const open = (t.staticData.invoices as IDataObject).open as unknown[][];
		expect(open).toHaveLength(MAX_TRACKED_INVOICES);
		expect(open[0][0]).toBe(extra[extra.length - 1].id);
		expect(open[open.length - 1][0]).toBe(extra[4].id);
		// The oldest open invoices are outside the snapshot: their payment is not reported.
		payInvoice(state(), 101, 7002);
		payInvoice(state(), 101, extra[0].id);
		const newest = extra[extra.length - 1];
		payInvoice(state(), 101, newest.id);
		const out = await t.poll();
		expect(out.items.map((x) => x.id)).toEqual([newest.id]);
		expect(((t.staticData.invoices as IDataObject).open as unknown[][]).length).toBe(MAX_TRACKED_INVOICES);
	}, 30_000);

	it(`looks up at most ${MAX_LOOKUPS_PER_POLL} closed invoices per poll and the rest on the next`, async () => {
		const invoices = Array.from({ length: MAX_LOOKUPS_PER_POLL + 5 }, (_, i) =>
			addInvoice(state(), 101, 5002, [{ description: `Faktura ${i}`, price: 10, quantity: 1, vatCode: 'no.vat' }]),
		);
		const t = triggerOn(params);
		await t.poll();
		for (const invoice of invoices) payInvoice(state(), 101, invoice.id);
		const first = await t.poll();
		expect(first.items).toHaveLength(MAX_LOOKUPS_PER_POLL);
		const second = await t.poll();
		expect(second.items).toHaveLength(5);
		const all = [...first.items, ...second.items].map((x) => x.id);
		expect(new Set(all).size).toBe(invoices.length);
		expect([...all].sort()).toEqual(invoices.map((x) => x.id).sort());
		expect((await t.poll()).output).toBeNull();
	}, 30_000);

	it('returns recent invoices in manual mode without touching the state', async () => {
		const t = triggerOn(params);
		await t.poll();
		const before = snapshot(t.staticData);
		clear();
		const manual = await pollTrigger(kit, params, { staticData: t.staticData, mode: 'manual' });
		expect(sent()).toEqual([
			{ method: 'GET', path: `${O}/invoices`, query: { sort: '-id', includeCreatedAt: 'true', hits: '3', page: '0' } },
		]);
		expect(manual.items.map((x) => [x.id, x.previousStatus])).toEqual([
			[7001, null],
			[7002, null],
		]);
		expect(snapshot(t.staticData)).toEqual(before);
	});
});

describe('Conta Trigger: Invoice Paid', () => {
	const params = { event: 'invoicePaid' };

	it('emits only transitions to CLOSED_BY_PAYMENT, again after a reopening', async () => {
		const a = addInvoice(state(), 101, 5001, [{ description: 'A', price: 1000, quantity: 1, vatCode: 'high' }]);
		const t = triggerOn(params);
		await t.poll();
		const p = payInvoice(state(), 101, 7002);
		creditInvoice(state(), 101, a.id);
		expect((await t.poll()).items.map((x) => [x.id, x.status, x.previousStatus])).toEqual([[7002, 'CLOSED_BY_PAYMENT', 'INVOICE_CREATED']]);
		deletePayment(state(), 101, p.id);
		expect((await t.poll()).output).toBeNull();
		payInvoice(state(), 101, 7002, 1000);
		expect((await t.poll()).output).toBeNull();
		payInvoice(state(), 101, 7002, 1500);
		expect((await t.poll()).items.map((x) => [x.id, x.status, x.previousSumRemaining])).toEqual([[7002, 'CLOSED_BY_PAYMENT', 1500]]);
	});

	it('samples paid invoices in manual mode', async () => {
		const manual = await pollTrigger(kit, params, { mode: 'manual' });
		expect(sent()).toEqual([
			{ method: 'GET', path: `${O}/invoices`, query: { type: 'PAID', sort: '-id', includeCreatedAt: 'true', hits: '3', page: '0' } },
		]);
		expect(manual.items).toEqual([
			expect.objectContaining({ id: 7001, status: 'CLOSED_BY_PAYMENT', previousStatus: null, previousSumRemaining: null }),
		]);
		expect(manual.staticData).toEqual({});
	});
});

describe('Conta Trigger: an open list that contradicts its envelope or the look-ups', () => {
	const openQuery = { type: 'UNPAID', sort: '-id', includeCreatedAt: 'true', hits: '500', page: '0' };
	const lookup = (invoiceNo: number) => ({ method: 'GET', path: `${O}/invoices`, query: { invoiceNo: String(invoiceNo), includeCreatedAt: 'true', hits: '50', page: '0' } });
	const isOpenList = (page = '0') => (req: { query: Record<string, unknown> }) => req.query.type === 'UNPAID' && req.query.page === page;
	const seeded = { open: [[7002, 'INVOICE_CREATED', 2500, 10002]], closed: [] };
	const EMPTY = { hits: [], hitCount: 0, pageCount: 0, sum: 0 };

	it.each(['invoicePaid', 'invoiceStatusChanged'])(
		'%s: a 200 {"hits":[]} glitch (no hitCount) fails the poll without touching the state; the later payment is emitted once',
		async (event) => {
			const t = triggerOn({ event, statuses: [] });
			await t.poll();
			expect(t.staticData.invoices).toEqual(seeded);
			const before = snapshot(t.staticData);
			kit.sim().injectFault({ match: isOpenList(), status: 200, body: { hits: [] } });
			clear();
			const glitched = await t.poll();
			expect(glitched.output).toBeNull();
			expect(glitched.error).toBeInstanceOf(NodeApiError);
			expect(glitched.error.message).toBe('Conta sent a page without its hit count while trying to list open invoices');
			expect(glitched.error.description).toBe(
				"Page 0 held 0 hits and no 'hitCount', so an empty or short page cannot be told from a complete one.\nThe trigger kept its state; the next poll reads the list again.",
			);
			expect(sent()).toEqual([{ method: 'GET', path: `${O}/invoices`, query: openQuery }]);
			expect(snapshot(t.staticData)).toEqual(before);

			payInvoice(state(), 101, 7002);
			const paid = await t.poll();
			expect(paid.error).toBeUndefined();
			expect(paid.items.map((x) => [x.id, x.previousStatus, x.status, x.previousSumRemaining, x.sumRemaining])).toEqual([
				[7002, 'INVOICE_CREATED', 'CLOSED_BY_PAYMENT', 2500, 0],
			]);
			expect(t.staticData.invoices).toEqual({ open: [], closed: [[7002, 'CLOSED_BY_PAYMENT', 0]] });
			expect((await t.poll()).output).toBeNull();
		},
	);

	it('a glitch at seeding stores nothing (no empty snapshot); the next poll seeds and a later payment is emitted', async () => {
		const t = triggerOn({ event: 'invoicePaid' });
		kit.sim().injectFault({ match: isOpenList(), status: 200, body: { hits: [] } });
		const glitched = await t.poll();
		expect(glitched.error).toBeInstanceOf(NodeApiError);
		expect(glitched.error.message).toBe('Conta sent a page without its hit count while trying to list open invoices');
		expect(t.staticData).toEqual({});
		expect((await t.poll()).output).toBeNull();
		expect(t.staticData.invoices).toEqual(seeded);
		payInvoice(state(), 101, 7002);
		expect((await t.poll()).items.map((x) => [x.id, x.status])).toEqual([[7002, 'CLOSED_BY_PAYMENT']]);
	});

	it('a glitch while no tracked invoice is open any more does not lose an invoice created meanwhile', async () => {
		const t = triggerOn({ event: 'invoicePaid' });
		await t.poll();
		payInvoice(state(), 101, 7002);
		const b = addInvoice(state(), 101, 5001, [{ description: 'B', price: 100, quantity: 1, vatCode: 'no.vat' }]);
		const before = snapshot(t.staticData);
		kit.sim().injectFault({ match: isOpenList(), status: 200, body: { hits: [] } });
		const glitched = await t.poll();
		expect(glitched.error).toBeInstanceOf(NodeApiError);
		expect(glitched.items).toEqual([]);
		expect(snapshot(t.staticData)).toEqual(before);
		expect((await t.poll()).items.map((x) => [x.id, x.status])).toEqual([[7002, 'CLOSED_BY_PAYMENT']]);
		expect(t.staticData.invoices).toEqual({ open: [[b.id, 'INVOICE_CREATED', 100, b.invoiceNo]], closed: [[7002, 'CLOSED_BY_PAYMENT', 0]] });
		payInvoice(state(), 101, b.id);
		expect((await t.poll()).items.map((x) => [x.id, x.status])).toEqual([[b.id, 'CLOSED_BY_PAYMENT']]);
	});

	it('an empty list with hitCount 0 is trusted when every look-up confirms the tracked invoices closed', async () => {
		const a = addInvoice(state(), 101, 5001, [{ description: 'A', price: 1000, quantity: 1, vatCode: 'high' }]);
		const t = triggerOn({ event: 'invoiceStatusChanged', statuses: [] });
		await t.poll();
		payInvoice(state(), 101, 7002);
		creditInvoice(state(), 101, a.id);
		// What Conta sends for no open invoices (the simulator sends the same).
		kit.sim().injectFault({ match: isOpenList(), status: 200, body: EMPTY });
		clear();
		const out = await t.poll();
		expect(out.error).toBeUndefined();
		expect(sent()).toEqual([{ method: 'GET', path: `${O}/invoices`, query: openQuery }, lookup(a.invoiceNo), lookup(10002)]);
		expect(out.items.map((x) => [x.id, x.status])).toEqual([
			[7002, 'CLOSED_BY_PAYMENT'],
			[a.id, 'CLOSED_BY_CREDIT_NOTE'],
		]);
		expect(t.staticData.invoices).toEqual({ open: [], closed: [[a.id, 'CLOSED_BY_CREDIT_NOTE', 0], [7002, 'CLOSED_BY_PAYMENT', 0]] });
	});

	it('an empty list with hitCount 0 that a look-up contradicts (still open) fails the poll without touching the state', async () => {
		const t = triggerOn({ event: 'invoicePaid' });
		await t.poll();
		const before = snapshot(t.staticData);
		kit.sim().injectFault({ match: isOpenList(), status: 200, body: EMPTY });
		clear();
		const glitched = await t.poll();
		expect(glitched.error).toBeInstanceOf(NodeApiError);
		expect(glitched.error.message).toBe('Conta sent an empty list of open invoices while trying to list open invoices');
		expect(glitched.error.description).toBe(
			'A look-up shows invoice 10002 (id 7002) still open (INVOICE_CREATED).\nThe trigger kept its state; the next poll reads the list again.',
		);
		expect(sent()).toEqual([{ method: 'GET', path: `${O}/invoices`, query: openQuery }, lookup(10002)]);
		expect(snapshot(t.staticData)).toEqual(before);
	});

	it('an empty page while hitCount > 0 fails the poll before any look-up', async () => {
		const t = triggerOn({ event: 'invoicePaid' });
		await t.poll();
		const before = snapshot(t.staticData);
		kit.sim().injectFault({ match: isOpenList(), status: 200, body: { hits: [], hitCount: 1, pageCount: 1, sum: 2500 } });
		clear();
		const glitched = await t.poll();
		expect(glitched.error).toBeInstanceOf(NodeApiError);
		expect(glitched.error.message).toBe('Conta sent an incomplete page while trying to list open invoices');
		expect(glitched.error.description).toBe(
			'Page 0 (500 per page) held 0 hits where its hitCount 1 promises 1.\nThe trigger kept its state; the next poll reads the list again.',
		);
		expect(sent()).toEqual([{ method: 'GET', path: `${O}/invoices`, query: openQuery }]);
		expect(snapshot(t.staticData)).toEqual(before);
		payInvoice(state(), 101, 7002);
		expect((await t.poll()).items.map((x) => [x.id, x.status])).toEqual([[7002, 'CLOSED_BY_PAYMENT']]);
	});

	it('an answer without a hits list fails the poll', async () => {
		const t = triggerOn({ event: 'invoicePaid' });
		await t.poll();
		const before = snapshot(t.staticData);
		kit.sim().injectFault({ match: isOpenList(), status: 200, body: { hitCount: 1, pageCount: 1, sum: 0 } });
		const glitched = await t.poll();
		expect(glitched.error).toBeInstanceOf(NodeApiError);
		expect(glitched.error.message).toBe('Conta answered without a list of results (HTTP 200) while trying to list open invoices');
		expect(snapshot(t.staticData)).toEqual(before);
	});

	it('a page that comes back empty early (page 1 of 2) fails the poll; the next poll reads both pages', async () => {
		const extra = Array.from({ length: 500 }, (_, i) =>
			addInvoice(state(), 101, 5001, [{ description: `Faktura ${i}`, price: 10, quantity: 1, vatCode: 'no.vat' }]),
		);
		const t = triggerOn({ event: 'invoicePaid' });
		await t.poll();
		expect(((t.staticData.invoices as IDataObject).open as unknown[]).length).toBe(501);
		const before = snapshot(t.staticData);
		kit.sim().injectFault({ match: isOpenList('1'), status: 200, body: { hits: [], hitCount: 501, pageCount: 2, sum: 0 } });
		clear();
		const glitched = await t.poll();
		expect(glitched.error).toBeInstanceOf(NodeApiError);
		expect(glitched.error.message).toBe('Conta sent an incomplete page while trying to list open invoices');
		expect(glitched.error.description).toContain('Page 1 (500 per page) held 0 hits where its hitCount 501 promises 1.');
		expect(sent().map((r) => r.query.page)).toEqual(['0', '1']);
		expect(snapshot(t.staticData)).toEqual(before);
		payInvoice(state(), 101, 7002);
		payInvoice(state(), 101, extra[0].id);
		const paid = await t.poll();
		expect(paid.items.map((x) => x.id)).toEqual([7002, extra[0].id]);
		expect((await t.poll()).output).toBeNull();
	}, 30_000);

	it('reads the open list from a server that caps the page size (pageCount decides), without failing', async () => {
		const extra = Array.from({ length: 120 }, (_, i) =>
			addInvoice(state(), 101, 5001, [{ description: `Faktura ${i}`, price: 10, quantity: 1, vatCode: 'no.vat' }]),
		);
		kit.sim().maxPageSize = 50;
		const t = triggerOn({ event: 'invoicePaid' });
		clear();
		expect((await t.poll()).error).toBeUndefined();
		// 121 open invoices in pages of 50 although 500 were asked for.
		expect(sent().map((r) => [r.query.hits, r.query.page])).toEqual([
			['500', '0'],
			['500', '1'],
			['500', '2'],
		]);
		expect(((t.staticData.invoices as IDataObject).open as unknown[]).length).toBe(121);
		payInvoice(state(), 101, 7002);
		payInvoice(state(), 101, extra[60].id);
		expect((await t.poll()).items.map((x) => x.id)).toEqual([7002, extra[60].id]);
	}, 30_000);

	it('keeps an invoice tracked, with its current values, when a non-empty list misses it but the look-up shows it open', async () => {
		const a = addInvoice(state(), 101, 5001, [{ description: 'A', price: 1000, quantity: 1, vatCode: 'high' }]);
		const t = triggerOn({ event: 'invoiceStatusChanged', statuses: [] });
		await t.poll();
		expect(t.staticData.invoices).toEqual({ open: [[a.id, 'INVOICE_CREATED', 1250, a.invoiceNo], [7002, 'INVOICE_CREATED', 2500, 10002]], closed: [] });
		// A partial payment and a reminder on 7002, and a list (consistent envelope) that misses 7002,
		// as when a page shifted while it was read.
		payInvoice(state(), 101, 7002, 500);
		remindInvoice(state(), 101, 7002);
		const onlyA = { hits: [invoiceHit(a, org101(), { includeCreatedAt: 'true' })], hitCount: 1, pageCount: 1, sum: 1250 };
		kit.sim().injectFault({ match: isOpenList(), status: 200, body: onlyA });
		const missed = await t.poll();
		expect(missed.error).toBeUndefined();
		// The reminder is a change even while the list missed the invoice; it stays tracked.
		expect(missed.items.map((x) => [x.id, x.previousStatus, x.status, x.sumRemaining])).toEqual([[7002, 'INVOICE_CREATED', 'PAYMENT_REMINDER_CREATED', 2000]]);
		expect(t.staticData.invoices).toEqual({
			open: [[a.id, 'INVOICE_CREATED', 1250, a.invoiceNo], [7002, 'PAYMENT_REMINDER_CREATED', 2000, 10002]],
			closed: [],
		});
		payInvoice(state(), 101, 7002);
		expect((await t.poll()).items.map((x) => [x.id, x.previousStatus, x.status, x.previousSumRemaining])).toEqual([
			[7002, 'PAYMENT_REMINDER_CREATED', 'CLOSED_BY_PAYMENT', 2000],
		]);
		expect((await t.poll()).output).toBeNull();
	});

	it('keeps an invoice tracked when a look-up shows an open status with sumRemaining 0, and looks it up again next poll', async () => {
		const a = addInvoice(state(), 101, 5001, [{ description: 'A', price: 1000, quantity: 1, vatCode: 'high' }]);
		const t = triggerOn({ event: 'invoicePaid' });
		await t.poll();
		const onlyA = () => ({ hits: [invoiceHit(a, org101(), { includeCreatedAt: 'true' })], hitCount: 1, pageCount: 1, sum: 1250 });
		const open7002 = invoiceHit(org101().invoices.find((i) => i.id === 7002)!, org101(), { includeCreatedAt: 'true' });
		kit.sim().injectFault({ match: isOpenList(), status: 200, body: onlyA() });
		kit.sim().injectFault({
			match: (req) => req.query.invoiceNo === '10002',
			status: 200,
			body: { hits: [{ ...open7002, sumRemaining: 0, totalSumRemaining: 0 }], hitCount: 1, pageCount: 1, sum: 0 },
		});
		const odd = await t.poll();
		expect(odd.error).toBeUndefined();
		expect(odd.output).toBeNull();
		expect(t.staticData.invoices).toEqual({ open: [[a.id, 'INVOICE_CREATED', 1250, a.invoiceNo], [7002, 'INVOICE_CREATED', 0, 10002]], closed: [] });
		// Looked up again by the next poll (the list misses it again), with its real values.
		kit.sim().injectFault({ match: isOpenList(), status: 200, body: onlyA() });
		clear();
		expect((await t.poll()).output).toBeNull();
		expect(sent()).toEqual([{ method: 'GET', path: `${O}/invoices`, query: openQuery }, lookup(10002)]);
		expect(t.staticData.invoices).toEqual({ open: [[a.id, 'INVOICE_CREATED', 1250, a.invoiceNo], [7002, 'INVOICE_CREATED', 2500, 10002]], closed: [] });
		payInvoice(state(), 101, 7002);
		expect((await t.poll()).items.map((x) => [x.id, x.status, x.previousSumRemaining])).toEqual([[7002, 'CLOSED_BY_PAYMENT', 2500]]);
	});

	it('counts only the open statuses as a contradiction: an unchanged Kravia status with an empty list is an invoice that left', async () => {
		expect(OPEN_STATUSES).toEqual(['BEING_CREATED', 'INVOICE_CREATED', 'PAYMENT_REMINDER_CREATED']);
		org101().invoices.find((i) => i.id === 7002)!.status = 'SENT_TO_KRAVIA';
		const t = triggerOn({ event: 'invoiceStatusChanged', statuses: [] });
		await t.poll();
		expect(t.staticData.invoices).toEqual({ open: [[7002, 'SENT_TO_KRAVIA', 2500, 10002]], closed: [] });
		// Conta's list without it (whether type=UNPAID lists Kravia invoices is not documented).
		kit.sim().injectFault({ match: isOpenList(), status: 200, body: EMPTY });
		const out = await t.poll();
		expect(out.error).toBeUndefined();
		expect(out.output).toBeNull();
		expect(t.staticData.invoices).toEqual({ open: [], closed: [[7002, 'SENT_TO_KRAVIA', 2500]] });
	});

	it('fails the poll when a look-up answers {"hits":[]} without a hitCount', async () => {
		const t = triggerOn({ event: 'invoicePaid' });
		await t.poll();
		payInvoice(state(), 101, 7002);
		const before = snapshot(t.staticData);
		kit.sim().injectFault({ match: (req) => req.query.invoiceNo === '10002', status: 200, body: { hits: [] } });
		const glitched = await t.poll();
		expect(glitched.error).toBeInstanceOf(NodeApiError);
		expect(glitched.error.message).toBe('Conta sent a page without its hit count while trying to look up invoice 10002');
		expect(snapshot(t.staticData)).toEqual(before);
		expect((await t.poll()).items.map((x) => [x.id, x.status])).toEqual([[7002, 'CLOSED_BY_PAYMENT']]);

	});

	it('looks an invoice up by id when the number search answers {"hits":[],"hitCount":0}, and emits its payment', async () => {
		const u = triggerOn({ event: 'invoicePaid' });
		const late = addInvoice(state(), 101, 5002, [{ description: 'B', price: 100, quantity: 1, vatCode: 'no.vat' }]);
		await u.poll();
		payInvoice(state(), 101, late.id);
		kit.sim().injectFault({ match: (req) => req.query.invoiceNo === String(late.invoiceNo), status: 200, body: EMPTY });
		clear();
		const out = await u.poll();
		expect(sent()).toEqual([
			{ method: 'GET', path: `${O}/invoices`, query: openQuery },
			lookup(late.invoiceNo),
			{ method: 'GET', path: `${O}/invoices/${late.id}`, query: {} },
		]);
		expect(out.items.map((x) => [x.id, x.previousStatus, x.status, x.previousSumRemaining, x.sumRemaining])).toEqual([
			[late.id, 'INVOICE_CREATED', 'CLOSED_BY_PAYMENT', 100, 0],
		]);
		expect(u.staticData.invoices).toEqual({ open: [[7002, 'INVOICE_CREATED', 2500, 10002]], closed: [[late.id, 'CLOSED_BY_PAYMENT', 0]] });
	});

	it('keeps a tracked invoice through an empty open list and an empty number search (by id it is open), then emits its payment', async () => {
		const t = triggerOn({ event: 'invoicePaid' });
		await t.poll();
		const before = snapshot(t.staticData);
		kit.sim().injectFault({ match: isOpenList(), status: 200, body: EMPTY });
		kit.sim().injectFault({ match: (req) => req.query.invoiceNo === '10002', status: 200, body: EMPTY });
		clear();
		const glitched = await t.poll();
		expect(glitched.error).toBeInstanceOf(NodeApiError);
		expect(glitched.error.message).toBe('Conta sent an empty list of open invoices while trying to list open invoices');
		expect(sent()).toEqual([
			{ method: 'GET', path: `${O}/invoices`, query: openQuery },
			lookup(10002),
			{ method: 'GET', path: `${O}/invoices/7002`, query: {} },
		]);
		expect(snapshot(t.staticData)).toEqual(before);
		payInvoice(state(), 101, 7002);
		expect((await t.poll()).items.map((x) => [x.id, x.status])).toEqual([[7002, 'CLOSED_BY_PAYMENT']]);
		expect(t.staticData.invoices).toEqual({ open: [], closed: [[7002, 'CLOSED_BY_PAYMENT', 0]] });
	});

	it('drops a tracked invoice only when the number search misses it and the look-up by id answers 404', async () => {
		const t = triggerOn({ event: 'invoicePaid' });
		const gone = addInvoice(state(), 101, 5002, [{ description: 'B', price: 100, quantity: 1, vatCode: 'no.vat' }]);
		await t.poll();
		org101().invoices.splice(org101().invoices.indexOf(gone), 1);
		clear();
		const out = await t.poll();
		expect(out.error).toBeUndefined();
		expect(out.output).toBeNull();
		expect(sent()).toEqual([
			{ method: 'GET', path: `${O}/invoices`, query: openQuery },
			lookup(gone.invoiceNo),
			{ method: 'GET', path: `${O}/invoices/${gone.id}`, query: {} },
		]);
		expect(t.staticData.invoices).toEqual(seeded);
	});

	it('an only open invoice with nothing left to pay (absent from type=UNPAID) stays tracked without failing the poll', async () => {
		const t = triggerOn({ event: 'invoicePaid' });
		await t.poll();
		const invoice = org101().invoices.find((i) => i.id === 7002)!;
		invoice.sumRemaining = 0;
		for (let poll = 0; poll < 2; poll++) {
			const out = await t.poll();
			expect(out.error).toBeUndefined();
			expect(out.output).toBeNull();
			expect(t.staticData.invoices).toEqual({ open: [[7002, 'INVOICE_CREATED', 0, 10002]], closed: [] });
		}
		invoice.status = 'CLOSED_BY_PAYMENT';
		expect((await t.poll()).items.map((x) => [x.id, x.previousStatus, x.status])).toEqual([[7002, 'INVOICE_CREATED', 'CLOSED_BY_PAYMENT']]);
		expect(t.staticData.invoices).toEqual({ open: [], closed: [[7002, 'CLOSED_BY_PAYMENT', 0]] });
	});

	it('looks up an invoice without an invoice number by its id and emits it with the hit fields the model has', async () => {
		const x = addInvoice(state(), 101, 5001, [{ description: 'Uten nummer', price: 1000, quantity: 1, vatCode: 'high' }]);
		x.invoiceNo = null;
		const t = triggerOn({ event: 'invoicePaid' });
		await t.poll();
		expect(t.staticData.invoices).toEqual({ open: [[x.id, 'INVOICE_CREATED', 1250, null], [7002, 'INVOICE_CREATED', 2500, 10002]], closed: [] });
		payInvoice(state(), 101, x.id);
		clear();
		const out = await t.poll();
		expect(sent()).toEqual([
			{ method: 'GET', path: `${O}/invoices`, query: openQuery },
			{ method: 'GET', path: `${O}/invoices/${x.id}`, query: {} },
		]);
		// The model's fields that a search hit has too (no customer name or createdAt in the model).
		expect(out.items).toEqual([
			{
				id: x.id,
				type: 'NORMAL',
				status: 'CLOSED_BY_PAYMENT',
				invoiceNo: null,
				invoiceDate: x.invoiceDate,
				followUpDate: x.followUpDate,
				invoiceDueDate: x.invoiceDueDate,
				invoiceFileId: x.invoiceFileId,
				bankAccountId: 301,
				invoiceLanguage: 'NO',
				invoiceCurrency: 'NOK',
				customerId: 5001,
				sumNet: 1000,
				sumVAT: 250,
				sumTotal: 1250,
				sumRemaining: 0,
				kid: x.kid,
				previousStatus: 'INVOICE_CREATED',
				previousSumRemaining: 1250,
			},
		]);
		expect(t.staticData.invoices).toEqual({ open: [[7002, 'INVOICE_CREATED', 2500, 10002]], closed: [[x.id, 'CLOSED_BY_PAYMENT', 0]] });
	});

	it('drops an invoice without a number whose look-up by id answers 404', async () => {
		const x = addInvoice(state(), 101, 5001, [{ description: 'Borte', price: 100, quantity: 1, vatCode: 'no.vat' }]);
		x.invoiceNo = null;
		const t = triggerOn({ event: 'invoicePaid' });
		await t.poll();
		org101().invoices.splice(org101().invoices.indexOf(x), 1);
		const out = await t.poll();
		expect(out.error).toBeUndefined();
		expect(out.output).toBeNull();
		expect(t.staticData.invoices).toEqual(seeded);
	});
});

describe('Conta Trigger: new-record pages that contradict their envelope', () => {
	const params = { organization: rl('101'), event: 'newCustomer' };
	const customersPage = (page: string) => (req: { path: string; query: Record<string, unknown> }) =>
		req.path === `${O}/customers` && req.query.page === page;

	it.each([
		['{"hits":[]}', { hits: [] }, 'Conta sent a page without its hit count', "Page 0 held 0 hits and no 'hitCount'"],
		['an empty page while hitCount 3', { hits: [], hitCount: 3, pageCount: 1, sum: 0 }, 'Conta sent an incomplete page', 'Page 0 (100 per page) held 0 hits where its hitCount 3 promises 3.'],
	])('does not seed from %s (the next poll would flood); the next poll seeds', async (_name, body, message, detail) => {
		const t = triggerOn(params);
		kit.sim().injectFault({ match: customersPage('0'), status: 200, body });
		const glitched = await t.poll();
		expect(glitched.error).toBeInstanceOf(NodeApiError);
		expect(glitched.error.message).toBe(`${message} while trying to list the newest customers`);
		expect(glitched.error.description).toContain(detail);
		expect(t.staticData).toEqual({});
		expect((await t.poll()).output).toBeNull();
		expect(t.staticData.records).toEqual({ cursor: 5003, floor: 0, seen: ['5003', '5002', '5001'] });
		const a = addCustomer(state(), 101, { name: 'Etter glippen AS' });
		expect(ids((await t.poll()).items)).toEqual([a.id]);
	});

	it.each([
		['{"hits":[]}', { hits: [] }, 'Conta sent a page without its hit count', "Page 1 held 0 hits and no 'hitCount'"],
		['hitCount', { hits: [], hitCount: 153, pageCount: 2, sum: 0 }, 'Conta sent an incomplete page', 'Page 1 (100 per page) held 0 hits where its hitCount 153 promises 53.'],
		['pageCount only', { hits: [], pageCount: 2 }, 'Conta sent a page without its hit count', "Page 1 held 0 hits and no 'hitCount'"],
		['a short page', { hits: [{ id: 1 }], hitCount: 153, pageCount: 2, sum: 0 }, 'Conta sent an incomplete page', 'Page 1 (100 per page) held 1 hits where its hitCount 153 promises 53.'],
	])('fails on a glitched page 1 (%s) without moving the cursor; the next poll emits all 150, once', async (_name, body, message, detail) => {
		const t = triggerOn(params);
		await t.poll();
		const added = Array.from({ length: 150 }, (_, i) => addCustomer(state(), 101, { name: `Kunde ${i + 1}` }));
		const before = snapshot(t.staticData);
		kit.sim().injectFault({ match: customersPage('1'), status: 200, body });
		clear();
		const glitched = await t.poll();
		expect(glitched.output).toBeNull();
		expect(glitched.error).toBeInstanceOf(NodeApiError);
		expect(glitched.error.message).toBe(`${message} while trying to list new customers`);
		expect(glitched.error.description).toContain(detail);
		expect(sent().map((r) => r.query.page)).toEqual(['0', '1']);
		expect(snapshot(t.staticData)).toEqual(before);
		const recovered = await t.poll();
		expect(ids(recovered.items)).toEqual(added.map((c) => c.id));
		expect((await t.poll()).output).toBeNull();
	});

	it.each([
		// 123 customers, 40 a page although 100 were asked for: pages 0–3, the last reaching the floor.
		['caps at 40 (short pages the counts explain)', 120, 40, ['0', '1', '2', '3']],
		// 110 customers, 60 a page: pageCount 2 fits both 60 and the 100 asked.
		['caps at 60 of the 100 asked (pageCount 2 fits both sizes)', 107, 60, ['0', '1']],
	])('reads every new customer from a server that %s', async (_name, count, cap, pages) => {
		const t = triggerOn(params);
		await t.poll();
		const added = Array.from({ length: count }, (_, i) => addCustomer(state(), 101, { name: `Kunde ${i + 1}` }));
		kit.sim().maxPageSize = cap;
		clear();
		const out = await t.poll();
		expect(out.error).toBeUndefined();
		expect(ids(out.items)).toEqual(added.map((c) => c.id));
		expect(sent().map((r) => [r.query.hits, r.query.page])).toEqual(pages.map((page) => ['100', page]));
		expect((await t.poll()).output).toBeNull();
	});

	it('reads again from page 0 when records are removed while the pages are read, so none moves past it unread', async () => {
		const drafts = { organization: rl('101'), event: 'newInvoiceDraft' };
		const t = triggerOn(drafts);
		await t.poll();
		const added = Array.from({ length: 150 }, (_, i) => addDraft(state(), 101, 5001, [{ description: `Utkast ${i}`, price: 10, quantity: 1, vatCode: 'high' }]));
		// Just before page 1 is read, a draft on page 0 is issued (deleted): the draft that led page 1
		// moves to the end of page 0, which was already read.
		let removed = false;
		kit.sim().injectFault({
			match: (req) => {
				if (req.path === `${O}/invoice-drafts` && req.query.page === '1' && !removed) {
					removed = true;
					org101().drafts.splice(org101().drafts.indexOf(added[120]), 1);
				}
				return false;
			},
		});
		clear();
		const out = await t.poll();
		expect(out.error).toBeUndefined();
		expect(sent().map((r) => r.query.page)).toEqual(['0', '1', '0', '1']);
		// Every draft once, the issued one too (it was read before it went).
		expect(ids(out.items)).toEqual(added.map((d) => d.id));
		expect((await t.poll()).output).toBeNull();
	});

	it(`fails after ${MAX_PASSES} reads in a row that saw records removed, without moving the cursor`, async () => {
		const drafts = { organization: rl('101'), event: 'newInvoiceDraft' };
		const t = triggerOn(drafts);
		await t.poll();
		const added = Array.from({ length: 150 }, (_, i) => addDraft(state(), 101, 5001, [{ description: `Utkast ${i}`, price: 10, quantity: 1, vatCode: 'high' }]));
		const before = snapshot(t.staticData);
		let removals = 0;
		kit.sim().injectFault({
			match: (req) => {
				if (req.path === `${O}/invoice-drafts` && req.query.page === '1' && removals < MAX_PASSES) {
					org101().drafts.splice(org101().drafts.indexOf(added[140 - removals]), 1);
					removals++;
				}
				return false;
			},
		});
		clear();
		const out = await t.poll();
		expect(out.error).toBeInstanceOf(NodeApiError);
		expect(out.error.message).toBe("Conta's list kept changing while trying to list new invoice drafts");
		expect(out.error.description).toBe(
			`Records were removed while the pages were read, ${MAX_PASSES} times in a row, so a record may have moved onto a page already read.\nThe trigger kept its state; the next poll reads the list again.`,
		);
		expect(sent().map((r) => r.query.page)).toEqual(['0', '1', '0', '1', '0', '1']);
		expect(snapshot(t.staticData)).toEqual(before);
		expect(ids((await t.poll()).items)).toEqual(added.slice(0, 138).concat(added.slice(141)).map((d) => d.id));
	});
});

describe('Conta Trigger: createdAt as Conta writes it, with or without an offset', () => {
	it.each([
		['local', '2026-01-20T10:00:00'],
		['offset', '2026-01-20T10:00:00+01:00'],
		['utc', '2026-01-20T09:00:00Z'],
	] as const)('passes createdAt on unchanged (%s) in status and new-record events', async (form, seeded) => {
		kit.sim().createdAtForm = form;
		const status = triggerOn({ event: 'invoicePaid' });
		await status.poll();
		payInvoice(state(), 101, 7002);
		expect((await status.poll()).items.map((x) => [x.id, x.createdAt])).toEqual([[7002, seeded]]);

		const drafts = triggerOn({ event: 'newInvoiceDraft' });
		await drafts.poll();
		const d = addDraft(state(), 101, 5002, [{ description: 'Utkast', price: 100, quantity: 1, vatCode: 'high' }]);
		d._createdAt = '2026-07-01T08:30:00';
		const expected = { local: '2026-07-01T08:30:00', offset: '2026-07-01T08:30:00+02:00', utc: '2026-07-01T06:30:00Z' }[form];
		expect((await drafts.poll()).items.map((x) => [x.id, x.createdAt])).toEqual([[d.id, expected]]);
	});
});
