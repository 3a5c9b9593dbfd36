/**
 * Invoice drafts:
 * - `GET {o}/invoice-drafts`: search (paged envelope).
 * - `POST {o}/invoice-drafts` (RouteV1MakeInvoiceDraftRestOp): strict body check against the
 *   spec's inline schema (`registrationSource` is the only required field), the input rules
 *   `useEitherCustomerIdOrCustomerGroupId` and `exchangeRateReferenceDateRequired`, then the 422s
 *   `InvoiceDraftCreatedWithAttachmentException`, `CustomerNotFoundException`,
 *   `WrongInvoiceLinesNumberingException` (line numbers, when given, must be 1, 2, 3 ...),
 *   `CreditNoteSumTotalCanNotBePositiveException` and `InvoiceSumTotalCanNotBeNegativeException`.
 *   The draft gets sums from its lines and each line its `bookkeepingAccountNo` and `vatId`.
 * - `GET {o}/invoice-drafts/{id}`: the `RouteV1InvoiceDraftModel`.
 * Issuing a draft is `POST {o}/invoices` with `id` = the draft id (see invoices.ts).
 */
import type { Route, SimReply } from '../../framework';
import { customError, isReply, notFoundId, pathInt, type ContaSimulator } from '../index';
import { issue, validateBody, type Field, type InputIssue } from '../schema';
import { search } from '../search';
import { bookLines, nextId, osloDateTime, publicView, type ContaState, type Json, type OrgData } from '../state';
import { LINE_FIELDS } from './invoices';

const ID: Field = { type: 'integer', min: 1 };

/** The inline request schema of `POST {o}/invoice-drafts` (≈ `RouteV1InvoiceDraftModel`). */
const DRAFT_BODY: Record<string, Field> = {
	id: ID,
	invoiceDraftLines: { type: 'array', items: { type: 'object', props: { ...LINE_FIELDS, invoiceDraftId: ID } } },
	sumVAT: { type: 'number', min: -99999999999.99, max: 99999999999.99 },
	attachmentFileId: ID,
	type: { type: 'enum', values: ['NORMAL', 'CASH', 'CREDIT'] },
	departmentId: ID,
	projectId: ID,
	customerId: ID,
	customerGroupId: ID,
	invoiceLanguage: { type: 'enum', values: ['NO', 'EN'] },
	invoiceCurrency: { type: 'string', min: 3, max: 3 },
	exchangeRate: { type: 'number', min: 0 },
	exchangeRateReferenceDate: { type: 'date' },
	personalMessage: { type: 'string', min: 1, max: 300 },
	customerReference: { type: 'string', min: 1, max: 100 },
	saleId: ID,
	registrationSource: { type: 'enum', values: ['CONTA', 'TIMERABBIT'], required: true },
};

function draftInputIssues(body: unknown): InputIssue[] {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
	const b = body as Json;
	const issues: InputIssue[] = [];
	if (b.customerId !== undefined && b.customerGroupId !== undefined)
		issues.push(issue('useEitherCustomerIdOrCustomerGroupId', 'customerGroupId', b.customerGroupId, 'Use either a customer id or a customer group id, not both.', 'integer'));
	if (b.invoiceCurrency !== undefined && b.invoiceCurrency !== 'NOK' && !b.exchangeRateReferenceDate)
		issues.push(issue('exchangeRateReferenceDateRequired', 'exchangeRateReferenceDate', null, 'An exchange rate reference date is required for a foreign currency.', 'date'));
	return issues;
}

const O = '/invoice/organizations/:orgId';

/**
 * A search hit (`RouteV1QueryResultInvoiceListExtendedInfoModel.hits[]`); createdAt only when asked
 * for. Only fields that model declares: it has no `type`, `invoiceCurrency`, `invoiceLanguage`,
 * `departmentId`, `projectId` or `customerReference` (the filters read the draft itself).
 */
export function draftHit(draft: Json, data: OrgData, query: Record<string, string | string[]> = {}): Json {
	const customer = data.customers.find((c) => c.id === draft.customerId) ?? {};
	const hit: Json = {
		id: draft.id,
		customerId: draft.customerId,
		customerName: customer.name,
		customerOrgNo: customer.orgNo,
		customerEmailAddress: customer.emailAddress,
		customerGroupId: draft.customerGroupId,
		customerGroupName: draft.customerGroupId ? `Group ${draft.customerGroupId}` : undefined,
		numberOfCustomersInGroup: draft.customerGroupId ? 0 : undefined,
		personalMessage: draft.personalMessage,
		invoiceLineDescription: draft.invoiceDraftLines?.[0]?.description,
		sumNet: draft.sumNet,
		sumVAT: draft.sumVAT,
		sumTotal: draft.sumTotal,
		sumRemaining: draft.sumRemaining,
		createdByUser: 'API user',
		_createdAt: draft._createdAt,
		_customerReference: draft.customerReference,
		_draft: draft,
	};
	if (query.includeCreatedAt === 'true') hit.createdAt = draft._createdAt;
	if (query.includeCreatedByIp === 'true') hit.createdByIp = '127.0.0.1';
	return hit;
}

/** `POST {o}/invoice-drafts` once the body passed the schema: Conta's business rules, then the draft. */
export function makeDraft(state: ContaState, body: Json, org: { id: number; data: OrgData }): SimReply {
	if (body.attachmentFileId !== undefined)
		return customError('InvoiceDraftCreatedWithAttachmentException', 'An invoice draft can not be created with an attachment.');
	if (body.customerId !== undefined && !org.data.customers.some((c) => c.id === body.customerId))
		return customError('CustomerNotFoundException', `The customer with id ${body.customerId} was not found.`, { customerId: body.customerId });
	const lines = (body.invoiceDraftLines ?? []) as Json[];
	if (lines.some((l) => l.lineNo !== undefined) && lines.some((l, index) => l.lineNo !== index + 1))
		return customError('WrongInvoiceLinesNumberingException', 'The invoice lines must be numbered 1, 2, 3 ... when line numbers are given.');
	// The id is only taken once every check passed: a refused draft uses up no id.
	const id = state.ids.draft;
	const sums = bookLines(lines, 'invoiceDraftId', id);
	const type = String(body.type ?? 'NORMAL');
	if (type === 'CREDIT' && sums.sumTotal > 0)
		return customError('CreditNoteSumTotalCanNotBePositiveException', 'A credit note can not have a positive total.');
	if (type !== 'CREDIT' && sums.sumTotal < 0)
		return customError('InvoiceSumTotalCanNotBeNegativeException', 'An invoice can not have a negative total; a negative invoice is a credit note.');
	nextId(state, 'draft');
	const draft: Json = {
		id,
		invoiceDraftLines: sums.lines,
		sumVAT: sums.sumVAT,
		sumNet: sums.sumNet,
		sumRemaining: sums.sumTotal,
		sumTotal: sums.sumTotal,
		type,
		invoiceLanguage: body.invoiceLanguage ?? 'NO',
		invoiceCurrency: body.invoiceCurrency ?? 'NOK',
		exchangeRate: body.exchangeRate ?? 1,
		registrationSource: body.registrationSource,
		_createdAt: osloDateTime(),
	};
	for (const key of ['departmentId', 'projectId', 'customerId', 'customerGroupId', 'exchangeRateReferenceDate', 'personalMessage', 'customerReference', 'saleId'])
		if (body[key] !== undefined) draft[key] = body[key];
	org.data.drafts.push(draft);
	return { status: 200, body: publicView(draft) };
}

export function draftRoutes(sim: ContaSimulator): Route[] {
	return [
		{
			method: 'POST',
			pattern: `${O}/invoice-drafts`,
			handler: sim.org((req, _params, org) => {
				const invalid = validateBody(DRAFT_BODY, req.body, draftInputIssues(req.body));
				if (invalid) return invalid;
				return makeDraft(sim.state, req.body as Json, org);
			}),
		},
		{
			method: 'GET',
			pattern: `${O}/invoice-drafts/:id`,
			handler: sim.org((_req, params, org) => {
				const id = pathInt(params.id, 'id');
				if (isReply(id)) return id;
				const draft = org.data.drafts.find((d) => d.id === id);
				if (!draft) return notFoundId('invoice draft', id);
				return { status: 200, body: publicView(draft) };
			}),
		},
		{
			method: 'GET',
			pattern: `${O}/invoice-drafts`,
			handler: sim.org((req, _params, org) =>
				search(
					req,
					org.data.drafts.map((draft) => draftHit(draft, org.data, req.query)),
					{
						searchable: ['customerName', 'customerOrgNo', '_customerReference', 'invoiceLineDescription', 'customerGroupName'],
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
						filter: (hit, q) => {
							const draft = hit._draft as Json;
							return (
								(!q.customerId || String(draft.customerId) === q.customerId) &&
								(!q.departmentId || String(draft.departmentId) === q.departmentId) &&
								(!q.projectId || String(draft.projectId) === q.projectId) &&
								(!q.invoiceCurrency || draft.invoiceCurrency === q.invoiceCurrency)
							);
						},
					},
				),
			),
		},
	];
}
