/**
 * Invoice → Get Many: `GET {o}/invoices` (RouteV1SearchInvoicesExtendedRestOp), paged with
 * `hits` / 0-based `page`, with every filter the spec declares.
 *
 * `kraviaInvoiceStatuses` is an array parameter. n8n serialises arrays in `qs` with indices
 * (`kraviaInvoiceStatuses[0]=ACTIVE`), which is not what Conta declares, so the values are put in
 * the URL as repeated keys (`kraviaInvoiceStatuses=ACTIVE&kraviaInvoiceStatuses=CLOSED`).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { pick, returnAllAndLimit, simplifyProperty, updateDisplayOptions } from '../../../shared/description';
import { bool, listShape, oneOf, optionalBool, optionalInteger, optionsOf, validate } from '../../../shared/validation';
import { INVOICE_LIST_FILTERS, KRAVIA_INVOICE_STATUSES } from '../../helpers/constants';
import { contaSearch, invoicePath } from '../../transport/index';
import { definedValues, getOrganizationId, listInputs, organizationLocator } from '../common';
import { createdRange, SEARCH_LABELS, searchFilterShape, searchOptionsProperty, searchOptionsSchema } from '../search';
import { SIMPLE_INVOICE_HIT_FIELDS } from './fields';

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
				description: 'Only invoices created on or after this date',
			},
			{
				displayName: 'Created Before',
				name: 'toDate',
				type: 'dateTime',
				default: '',
				description: 'Only invoices created on or before this date',
			},
			{
				displayName: 'Created in Other System',
				name: 'isCreatedInOtherSystem',
				type: 'boolean',
				default: false,
				description: 'Whether to return only invoices registered from another system (on) or only invoices made in Conta (off)',
			},
			{
				displayName: 'Currency',
				name: 'invoiceCurrency',
				type: 'string',
				default: '',
				placeholder: 'EUR',
				description: 'Only invoices in this currency (three-letter ISO code)',
			},
			{
				displayName: 'Customer ID',
				name: 'customerId',
				type: 'string',
				default: '',
				placeholder: '5001',
				description: 'Only invoices to this customer',
			},
			{
				displayName: 'Department ID',
				name: 'departmentId',
				type: 'string',
				default: '',
				description: 'Only invoices of this department',
			},
			{
				displayName: 'Invoice Number',
				name: 'invoiceNo',
				type: 'number',
				default: 0,
				description: 'Only the invoice with this number',
			},
			{
				displayName: 'Kravia Statuses',
				name: 'kraviaInvoiceStatuses',
				type: 'multiOptions',
				options: optionsOf(KRAVIA_INVOICE_STATUSES),
				default: [],
				description: 'Only invoices with one of these debt-collection (Kravia) statuses',
			},
			{
				displayName: 'List',
				name: 'type',
				type: 'options',
				options: optionsOf(INVOICE_LIST_FILTERS),
				default: 'UNPAID',
				description: 'One of Conta’s invoice lists',
			},
			{
				displayName: 'Project ID',
				name: 'projectId',
				type: 'string',
				default: '',
				description: 'Only invoices of this project',
			},
			{
				displayName: 'Search',
				name: 'q',
				type: 'string',
				default: '',
				placeholder: 'Fjellheim',
				description: 'Free text matched against invoice number, customer, references and KID (1–100 characters)',
			},
		],
	},
	searchOptionsProperty,
	simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['invoice'], operation: ['getAll'] } }, properties);

const input = z.object({
	...listShape,
	filters: z
		.object({
			...searchFilterShape,
			isCreatedInOtherSystem: optionalBool,
			invoiceNo: optionalInteger({ min: 0 }).transform((value) => (value === 0 ? undefined : value)),
			kraviaInvoiceStatuses: z
				.preprocess(
					(value) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value),
					z.array(oneOf(KRAVIA_INVOICE_STATUSES), { invalid_type_error: 'must be a list of statuses' }),
				)
				.optional(),
		})
		.strict()
		.superRefine(createdRange),
	options: searchOptionsSchema,
	simplify: bool,
});

const LABELS = {
	...SEARCH_LABELS,
	'filters.isCreatedInOtherSystem': 'Created in Other System',
	'filters.invoiceNo': 'Invoice Number',
	'filters.kraviaInvoiceStatuses': 'Kravia Statuses',
	'filters.kraviaInvoiceStatuses.*': 'Kravia Statuses',
};

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const orgId = await getOrganizationId(this, i);
	const params = validate(this, input, listInputs(this, i, ['filters', 'options', 'simplify']), i, LABELS);
	const { kraviaInvoiceStatuses, ...filters } = params.filters;
	const qs = definedValues(filters, params.options, { includeCreatedAt: params.options.includeCreatedAt ?? true });
	const repeated = (kraviaInvoiceStatuses ?? []).map((status) => `kraviaInvoiceStatuses=${encodeURIComponent(status)}`).join('&');
	const hits = await contaSearch<IDataObject>(this, {
		path: invoicePath(orgId, '/invoices') + (repeated ? `?${repeated}` : ''),
		qs,
		action: 'list invoices',
		itemIndex: i,
		limit: params.returnAll ? undefined : (params.limit ?? 50),
	});
	return params.simplify ? hits.map((hit) => pick(hit, SIMPLE_INVOICE_HIT_FIELDS)) : hits;
}
