/**
 * Invoices: `GET {o}/invoices` (search). Create, get, credit note and events live here too.
 */
import type { Route } from '../../framework';
import type { ContaSimulator } from '../index';
import { search } from '../search';
import { osloToday, type Json, type OrgData } from '../state';

const O = '/invoice/organizations/:orgId';

const HIT_FIELDS = [
	'id', 'type', 'status', 'invoiceNo', 'invoiceDate', 'followUpDate', 'invoiceDueDate', 'invoiceFileId', 'attachmentFileId',
	'bankAccountId', 'departmentId', 'projectId', 'customerReference', 'invoiceLanguage', 'invoiceCurrency', 'creditedInvoiceNo',
	'creditedInvoiceId', 'customerId', 'sumNet', 'sumVAT', 'sumTotal', 'sumRemaining', 'personalMessage', 'kid', 'totalSumRemaining',
];

/**
 * A search hit (`RouteV1QueryResultInvoiceListExtendedModel.hits[]`). `createdAt` / `createdByIp`
 * are only filled when asked for with `includeCreatedAt` / `includeCreatedByIp` (the spec leaves
 * this open; the simulator takes the strict reading so clients must ask).
 */
export function invoiceHit(invoice: Json, data: OrgData, query: Record<string, string | string[]> = {}): Json {
	const customer = data.customers.find((c) => c.id === invoice.customerId) ?? {};
	const hit: Json = {};
	for (const key of HIT_FIELDS) if (invoice[key] !== undefined) hit[key] = invoice[key];
	Object.assign(hit, {
		customerName: customer.name,
		customerOrgNo: customer.orgNo,
		customerEmailAddress: customer.emailAddress,
		customerAddressLine1: customer.customerAddressLine1,
		customerAddressPostcode: customer.customerAddressPostcode,
		customerAddressCity: customer.customerAddressCity,
		invoiceLineDescription: invoice.invoiceLines?.[0]?.description,
		nextRepeatDate: invoice.invoiceRepeat?.nextRepeatDate,
		emailAddresses: (invoice.invoiceRecipients ?? []).filter((r: Json) => r.emailAddress).map((r: Json) => r.emailAddress),
	});
	hit.emailAddressesAsString = hit.emailAddresses.join(', ');
	hit._createdAt = invoice._createdAt;
	if (query.includeCreatedAt === 'true') hit.createdAt = invoice._createdAt;
	if (query.includeCreatedByIp === 'true') hit.createdByIp = invoice._createdByIp;
	return hit;
}

/** The `type` filter of the invoice search. */
export function matchesListType(invoice: Json, type: string | undefined): boolean {
	if (!type) return true;
	const open = invoice.type !== 'CREDIT' && Number(invoice.sumRemaining) > 0 && !String(invoice.status).startsWith('CLOSED');
	switch (type) {
		case 'PAID':
			return invoice.status === 'CLOSED_BY_PAYMENT';
		case 'UNPAID':
		case 'ACTIVE':
			return open;
		case 'OVERDUE':
			return open && String(invoice.invoiceDueDate) < osloToday();
		case 'REPEATING':
			return !!invoice.invoiceRepeat;
		case 'PAYMENT_REMINDERS_OVERDUE':
			return open && invoice.status === 'PAYMENT_REMINDER_CREATED';
		case 'FOLLOW_UP':
			return open && String(invoice.followUpDate) <= osloToday();
		case 'KRAVIA':
			return !!invoice.kraviaInvoiceStatus;
		default:
			return true;
	}
}

export function invoiceRoutes(sim: ContaSimulator): Route[] {
	return [
		{
			method: 'GET',
			pattern: `${O}/invoices`,
			handler: sim.org((req, _params, org) => {
				const reply = search(
					req,
					org.data.invoices.map((invoice) => ({ ...invoiceHit(invoice, org.data, req.query), _invoice: invoice })),
					{
						searchable: ['invoiceNo', 'customerName', 'customerOrgNo', 'customerReference', 'kid', 'invoiceLineDescription'],
						sortable: ['id', 'invoiceNo', 'invoiceDate', 'invoiceDueDate', 'customerName', 'sumTotal', 'sumRemaining', 'status', 'createdAt'],
						sumField: 'sumTotal',
						dateField: '_createdAt',
						filters: {
							type: { type: 'enum', values: ['PAID', 'UNPAID', 'ACTIVE', 'REPEATING', 'OVERDUE', 'PAYMENT_REMINDERS_OVERDUE', 'FOLLOW_UP', 'KRAVIA'] },
							customerId: { type: 'integer', min: 1 },
							departmentId: { type: 'integer', min: 1 },
							projectId: { type: 'integer', min: 1 },
							isCreatedInOtherSystem: { type: 'boolean' },
							invoiceNo: { type: 'integer', min: 1 },
							invoiceCurrency: { type: 'string', min: 3, max: 3 },
							includeCreatedAt: { type: 'boolean' },
							includeCreatedByIp: { type: 'boolean' },
							kraviaInvoiceStatuses: { type: 'array', items: { type: 'enum', values: ['ACTIVE', 'WITHDRAWN', 'CLOSED'] } },
						},
						filter: (hit, q) => {
							const invoice = hit._invoice as Json;
							if (!matchesListType(invoice, q.type)) return false;
							if (q.customerId && String(invoice.customerId) !== q.customerId) return false;
							if (q.departmentId && String(invoice.departmentId) !== q.departmentId) return false;
							if (q.projectId && String(invoice.projectId) !== q.projectId) return false;
							if (q.invoiceNo && String(invoice.invoiceNo) !== q.invoiceNo) return false;
							if (q.invoiceCurrency && invoice.invoiceCurrency !== q.invoiceCurrency) return false;
							if (q.isCreatedInOtherSystem && String(!!invoice.isCreatedInOtherSystem) !== q.isCreatedInOtherSystem) return false;
							const kravia = req.query.kraviaInvoiceStatuses;
							if (kravia !== undefined) {
								const wanted = Array.isArray(kravia) ? kravia : [kravia];
								if (!wanted.includes(String(invoice.kraviaInvoiceStatus))) return false;
							}
							return true;
						},
					},
				);
				return reply;
			}),
		},
	];
}
