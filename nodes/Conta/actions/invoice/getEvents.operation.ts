/**
 * Invoice → Get Events: `GET {o}/invoices/{invoiceId}/events` (RouteV1SearchInvoiceEventsRestOp),
 * the invoice's history (created, sent by e-mail/EHF/post, paid, credited, reminders, eFaktura
 * status ...). The route takes no query parameters and answers with the whole list in one paged
 * envelope `{ hits, hitCount, pageCount, sum }`; each event becomes one output item.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { updateDisplayOptions } from '../../../shared/description';
import { oneOf, validate } from '../../../shared/validation';
import { INVOICE_EVENT_TYPES } from '../../helpers/constants';
import { contaRequest, invoicePath, type ContaPage } from '../../transport/index';
import { getOrganizationId, organizationLocator } from '../common';
import { getInvoiceId } from './fields';
import { invoiceLocator } from './locator';

/** "INVOICE_SENT_BY_EHF" → "Invoice Sent By EHF". */
function eventLabel(value: string): string {
	const keep = new Set(['EHF', 'KID']);
	return value
		.split('_')
		.map((word) => (keep.has(word) ? word : word.charAt(0) + word.slice(1).toLowerCase()))
		.join(' ')
		.replace(/^Efaktura/, 'EFaktura');
}

const properties: INodeProperties[] = [
	organizationLocator,
	invoiceLocator('The invoice whose events to get'),
	{
		displayName: 'Event Types',
		name: 'eventTypes',
		type: 'multiOptions',
		options: INVOICE_EVENT_TYPES.map((value) => ({ name: eventLabel(value), value })).sort((a, b) => a.name.localeCompare(b.name)),
		default: [],
		description: 'Return only events of these types (filtered in the node). Leave empty for all events.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['invoice'], operation: ['getEvents'] } }, properties);

const input = z.object({
	eventTypes: z.preprocess(
		(value) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value ?? []),
		z.array(oneOf(INVOICE_EVENT_TYPES), { invalid_type_error: 'must be a list of event types' }),
	),
});

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const orgId = await getOrganizationId(this, i);
	const invoiceId = getInvoiceId(this, 'invoiceId', i);
	const params = validate(this, input, { eventTypes: this.getNodeParameter('eventTypes', i, []) }, i, {
		eventTypes: 'Event Types',
		'eventTypes.*': 'Event Types',
	});
	const page = await contaRequest<ContaPage<IDataObject> | null>(this, {
		method: 'GET',
		path: invoicePath(orgId, `/invoices/${invoiceId}/events`),
		action: `get the events of invoice ${invoiceId}`,
		itemIndex: i,
		expect: 'page',
	});
	const events = Array.isArray(page?.hits) ? page.hits : [];
	const wanted = new Set<string>(params.eventTypes);
	return wanted.size ? events.filter((event) => wanted.has(String(event.eventType))) : events;
}
