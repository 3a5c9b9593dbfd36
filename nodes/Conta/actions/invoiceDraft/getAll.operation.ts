/**
 * Invoice Draft → Get Many: `GET {o}/invoice-drafts` (RouteV1SearchInvoiceDraftsRestOp), paged
 * with `hits` / 0-based `page`. The spec types the draft `type` filter with the invoice list
 * filters (PAID, UNPAID, ...), so the same list is offered here.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { pick, returnAllAndLimit, simplifyProperty, updateDisplayOptions } from '../../../shared/description';
import { bool, listShape, optionsOf, validate } from '../../../shared/validation';
import { INVOICE_LIST_FILTERS } from '../../helpers/constants';
import { contaSearch, invoicePath } from '../../transport/index';
import { definedValues, getOrganizationId, listInputs, organizationLocator } from '../common';
import { SIMPLE_DRAFT_HIT_FIELDS } from '../invoice/fields';
import { createdRange, SEARCH_LABELS, searchFilterShape, searchOptionsProperty, searchOptionsSchema } from '../search';

const properties: INodeProperties[] = [
	organizationLocator,
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Created After',
				name: 'fromDate',
				type: 'dateTime',
				default: '',
				description: 'Only drafts created on or after this date',
			},
			{
				displayName: 'Created Before',
				name: 'toDate',
				type: 'dateTime',
				default: '',
				description: 'Only drafts created on or before this date',
			},
			{
				displayName: 'Currency',
				name: 'invoiceCurrency',
				type: 'string',
				default: '',
				placeholder: 'EUR',
				description: 'Only drafts in this currency (three-letter ISO code)',
			},
			{
				displayName: 'Customer ID',
				name: 'customerId',
				type: 'string',
				default: '',
				placeholder: '5001',
				description: 'Only drafts for this customer',
			},
			{
				displayName: 'Department ID',
				name: 'departmentId',
				type: 'string',
				default: '',
				description: 'Only drafts of this department',
			},
			{
				displayName: 'List',
				name: 'type',
				type: 'options',
				options: optionsOf(INVOICE_LIST_FILTERS),
				default: 'ACTIVE',
				description: 'Conta’s list filter (the spec gives drafts the same list values as invoices)',
			},
			{
				displayName: 'Project ID',
				name: 'projectId',
				type: 'string',
				default: '',
				description: 'Only drafts of this project',
			},
			{
				displayName: 'Search',
				name: 'q',
				type: 'string',
				default: '',
				placeholder: 'Nordmann',
				description: 'Free text matched against customer, references and line text (1–100 characters)',
			},
		],
	},
	searchOptionsProperty,
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['invoiceDraft'], operation: ['getAll'] } }, properties);

const input = z.object({
	...listShape,
	filters: z.object(searchFilterShape).strict().superRefine(createdRange),
	options: searchOptionsSchema,
	simplify: bool,
});

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const orgId = await getOrganizationId(this, i);
	const params = validate(this, input, listInputs(this, i, ['filters', 'options', 'simplify']), i, SEARCH_LABELS);
	const qs = definedValues(params.filters, params.options, { includeCreatedAt: params.options.includeCreatedAt ?? true });
	const hits = await contaSearch<IDataObject>(this, {
		path: invoicePath(orgId, '/invoice-drafts'),
		qs,
		action: 'list invoice drafts',
		itemIndex: i,
		limit: params.returnAll ? undefined : (params.limit ?? 50),
	});
	return params.simplify ? hits.map((hit) => pick(hit, SIMPLE_DRAFT_HIT_FIELDS)) : hits;
}
