/**
 * Invoice drafts: `GET {o}/invoice-drafts` (search). Create and get live here too.
 */
import type { Route } from '../../framework';
import type { ContaSimulator } from '../index';
import { search } from '../search';
import type { Json, OrgData } from '../state';

const O = '/invoice/organizations/:orgId';

/** A search hit (`RouteV1QueryResultInvoiceListExtendedInfoModel.hits[]`); createdAt only when asked for. */
export function draftHit(draft: Json, data: OrgData, query: Record<string, string | string[]> = {}): Json {
	const customer = data.customers.find((c) => c.id === draft.customerId) ?? {};
	const hit: Json = {
		id: draft.id,
		type: draft.type,
		customerId: draft.customerId,
		customerName: customer.name,
		customerOrgNo: customer.orgNo,
		customerEmailAddress: customer.emailAddress,
		customerGroupId: draft.customerGroupId,
		customerGroupName: draft.customerGroupId ? `Group ${draft.customerGroupId}` : undefined,
		numberOfCustomersInGroup: draft.customerGroupId ? 0 : undefined,
		departmentId: draft.departmentId,
		projectId: draft.projectId,
		customerReference: draft.customerReference,
		personalMessage: draft.personalMessage,
		invoiceLanguage: draft.invoiceLanguage,
		invoiceCurrency: draft.invoiceCurrency,
		invoiceLineDescription: draft.invoiceDraftLines?.[0]?.description,
		sumNet: draft.sumNet,
		sumVAT: draft.sumVAT,
		sumTotal: draft.sumTotal,
		sumRemaining: draft.sumRemaining,
		createdByUser: 'API user',
		_createdAt: draft._createdAt,
	};
	if (query.includeCreatedAt === 'true') hit.createdAt = draft._createdAt;
	if (query.includeCreatedByIp === 'true') hit.createdByIp = '127.0.0.1';
	return hit;
}

export function draftRoutes(sim: ContaSimulator): Route[] {
	return [
		{
			method: 'GET',
			pattern: `${O}/invoice-drafts`,
			handler: sim.org((req, _params, org) =>
				search(
					req,
					org.data.drafts.map((draft) => draftHit(draft, org.data, req.query)),
					{
						searchable: ['customerName', 'customerOrgNo', 'customerReference', 'invoiceLineDescription', 'customerGroupName'],
						sortable: ['id', 'customerName', 'sumTotal', 'createdAt'],
						sumField: 'sumTotal',
						dateField: '_createdAt',
						filters: {
							type: { type: 'enum', values: ['PAID', 'UNPAID', 'ACTIVE', 'REPEATING', 'OVERDUE', 'PAYMENT_REMINDERS_OVERDUE', 'FOLLOW_UP', 'KRAVIA'] },
							customerId: { type: 'integer', min: 1 },
							departmentId: { type: 'integer', min: 1 },
							projectId: { type: 'integer', min: 1 },
							invoiceCurrency: { type: 'string', min: 3, max: 3 },
							includeCreatedAt: { type: 'boolean' },
							includeCreatedByIp: { type: 'boolean' },
						},
						filter: (hit, q) =>
							(!q.customerId || String(hit.customerId) === q.customerId) &&
							(!q.departmentId || String(hit.departmentId) === q.departmentId) &&
							(!q.projectId || String(hit.projectId) === q.projectId) &&
							(!q.invoiceCurrency || hit.invoiceCurrency === q.invoiceCurrency),
					},
				),
			),
		},
	];
}
