import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { z } from 'zod';
import { organizationLocator } from './actions/common';
import { INVOICE_STATUSES } from './helpers/constants';
import { searchOrganizations } from './methods/listSearch';
import {
	configKey,
	readState,
	triggerEvent,
	triggerOrganizationId,
	writeState,
	type TriggerEvent,
} from './trigger/common';
import {
	MAX_TRACKED_INVOICES,
	isStatusEvent,
	parseStatusSnapshot,
	pollInvoiceStatuses,
	sampleInvoiceStatuses,
	seedInvoiceStatuses,
	type StatusFilter,
} from './trigger/invoiceStatus';
import {
	NEW_RECORD_EVENTS,
	isNewRecordEvent,
	parseRecordCursor,
	pollNewRecords,
	sampleNewRecords,
	seedNewRecords,
} from './trigger/newRecords';
import { oneOf, optionsOf, validate } from '../shared/validation';

/** The Statuses filter, checked (it may come from an expression: a list or comma-separated text). */
function statusFilter(ctx: IPollFunctions, event: TriggerEvent): StatusFilter | undefined {
	if (!isStatusEvent(event)) return undefined;
	if (event === 'invoicePaid') return { event, statuses: [] };
	const raw = ctx.getNodeParameter('statuses', []) as unknown;
	const list = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' && raw.trim() ? raw.split(',').map((s) => s.trim()) : [];
	const statuses = validate(ctx, z.array(oneOf(INVOICE_STATUSES)), list, 0, { '*': 'Statuses' });
	return { event, statuses: [...new Set<string>(statuses)].sort() };
}

export class ContaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Conta Trigger',
		name: 'contaTrigger',
		icon: { light: 'file:../../icons/conta.svg', dark: 'file:../../icons/conta.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when customers, invoices, drafts, payments or transactions appear or invoices change status in Conta',
		defaults: { name: 'Conta Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'contaApi', required: true }],
		properties: [
			organizationLocator,
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				required: true,
				default: 'newInvoice',
				options: [
					{
						name: 'Invoice Paid',
						value: 'invoicePaid',
						description: 'An open invoice is closed by payment (status CLOSED_BY_PAYMENT)',
					},
					{
						name: 'Invoice Status Changed',
						value: 'invoiceStatusChanged',
						description: 'An invoice is paid, credited, reminded, reopened or otherwise changes status',
					},
					{ name: 'New Customer', value: 'newCustomer', description: 'A customer is created' },
					{ name: 'New Invoice', value: 'newInvoice', description: 'An invoice or credit note is issued' },
					{ name: 'New Invoice Draft', value: 'newInvoiceDraft', description: 'An invoice draft is created' },
					{
						name: 'New Payment',
						value: 'newPayment',
						description: 'A payment is registered on an invoice (one item per invoice it pays)',
					},
					{
						name: 'New Transaction',
						value: 'newTransaction',
						description: 'An accounting transaction is booked (needs Conta Regnskap)',
					},
				],
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				default: [],
				options: optionsOf(INVOICE_STATUSES),
				description: 'Emit only changes to these new statuses. Leave empty for every status change.',
				displayOptions: { show: { event: ['invoiceStatusChanged'] } },
			},
			{
				displayName: `Conta has no change feed, so this event compares the open invoices with the previous poll. Up to ${MAX_TRACKED_INVOICES} open invoices (the newest) are tracked; invoices created after the trigger was activated are tracked from the first poll that sees them.`,
				name: 'statusNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { event: ['invoicePaid', 'invoiceStatusChanged'] } },
			},
		],
	};

	methods = {
		listSearch: { searchOrganizations },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = triggerEvent(this);
		const orgId = await triggerOrganizationId(this);
		const filter = statusFilter(this, event);
		const toOutput = (items: IDataObject[]) => (items.length ? [items.map((json) => ({ json }))] : null);

		// A manual run ("Fetch Test Event") shows a sample and leaves the state alone.
		if (this.getMode() === 'manual') {
			if (filter) return toOutput(await sampleInvoiceStatuses(this, orgId, filter));
			if (isNewRecordEvent(event)) return toOutput(await sampleNewRecords(this, NEW_RECORD_EVENTS[event], orgId));
			return null;
		}

		const staticData = this.getWorkflowStaticData('node');
		const key = await configKey(this, { organization: orgId, event, statuses: filter?.statuses ?? [] });
		const stored = readState(staticData);
		const sameConfig = stored.configKey === key;

		// Every request of the poll runs before the state is written: on an error nothing moves and
		// the next poll repeats the same window.
		if (filter) {
			const previous = sameConfig ? parseStatusSnapshot(stored.invoices) : undefined;
			if (!previous) {
				writeState(staticData, { configKey: key, invoices: { ...(await seedInvoiceStatuses(this, orgId)) } });
				return null;
			}
			const { items, state } = await pollInvoiceStatuses(this, orgId, previous, filter);
			writeState(staticData, { configKey: key, invoices: { ...state } });
			return toOutput(items);
		}
		if (isNewRecordEvent(event)) {
			const spec = NEW_RECORD_EVENTS[event];
			const previous = sameConfig ? parseRecordCursor(stored.records) : undefined;
			if (!previous) {
				writeState(staticData, { configKey: key, records: { ...(await seedNewRecords(this, spec, orgId)) } });
				return null;
			}
			const { items, state } = await pollNewRecords(this, spec, orgId, previous);
			writeState(staticData, { configKey: key, records: { ...state } });
			return toOutput(items);
		}
		return null;
	}
}
