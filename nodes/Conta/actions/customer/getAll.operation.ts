import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { returnAllAndLimit, simplifyProperty, updateDisplayOptions } from '../../../shared/description';
import { emptyToUndefined, isoDate, optionalText, listShape, validate } from '../../../shared/validation';
import { CUSTOMER_TYPES } from '../../helpers/constants';
import type { ContaCustomerHit } from '../../helpers/interfaces';
import { contaSearch, invoicePath } from '../../transport/index';
import { definedValues, getOrganizationId, listInputs, organizationLocator, readSimplify } from '../common';
import { customerTypeOptions } from './fields';
import { simplifyHit } from './model';

/** Fields Conta's customer search can sort by (hit fields; `customerName` is the name). */
const SORT_FIELDS = ['customerName', 'emailAddress', 'id', 'orgNo', 'sumRemainingInvoices', 'sumTotalInvoiced'] as const;

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
				displayName: 'Created From',
				name: 'fromDate',
				type: 'dateTime',
				default: '',
				description: 'Return only customers created on or after this date (only the date part is used)',
			},
			{
				displayName: 'Created To',
				name: 'toDate',
				type: 'dateTime',
				default: '',
				description: 'Return only customers created on or before this date (only the date part is used)',
			},
			{
				displayName: 'Customer Type',
				name: 'customerType',
				type: 'options',
				options: customerTypeOptions,
				default: 'ORGANIZATION',
				description: 'Return only individuals or only organizations',
			},
			{
				displayName: 'Search Text',
				name: 'q',
				type: 'string',
				default: '',
				placeholder: 'Fjellheim',
				description: "Conta's free-text search (part of a word is enough) over name, organization number, email and more; 1 to 100 characters",
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				options: [
					{ name: 'Email', value: 'emailAddress' },
					{ name: 'ID (Creation Order)', value: 'id' },
					{ name: 'Name', value: 'customerName' },
					{ name: 'Organization Number', value: 'orgNo' },
					{ name: 'Remaining Amount', value: 'sumRemainingInvoices' },
					{ name: 'Total Invoiced', value: 'sumTotalInvoiced' },
				],
				default: 'id',
				description: 'The field Conta sorts the customers by',
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDirection',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'ascending' },
					{ name: 'Descending', value: 'descending' },
				],
				default: 'ascending',
				description: "Whether to sort from low to high or from high to low (used with 'Sort By'; sorts by ID when 'Sort By' is not set)",
			},
		],
	},
	{
		...simplifyProperty,
		description:
			'Whether to return a compact customer (ID, name, type, organization number, email, delivery method, active, receivable) instead of the raw search hit. The compact form calls the name "name" (the raw hit calls it "customerName").',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['getAll'] } }, properties);

const input = z
	.object({
		...listShape,
		filters: z
			.object({
				q: optionalText(100),
				customerType: z.preprocess(
					emptyToUndefined,
					z.enum(CUSTOMER_TYPES, { errorMap: () => ({ message: `must be one of: ${CUSTOMER_TYPES.join(', ')}` }) }).optional(),
				),
				fromDate: z.preprocess(emptyToUndefined, isoDate.optional()),
				toDate: z.preprocess(emptyToUndefined, isoDate.optional()),
			})
			.strict()
			.refine((f) => !f.fromDate || !f.toDate || f.fromDate <= f.toDate, {
				message: "must not be after 'Created To'",
				path: ['fromDate'],
			}),
		options: z
			.object({
				sortBy: z.preprocess(
					emptyToUndefined,
					z.enum(SORT_FIELDS, { errorMap: () => ({ message: `must be one of: ${SORT_FIELDS.join(', ')}` }) }).optional(),
				),
				sortDirection: z.preprocess(
					emptyToUndefined,
					z.enum(['ascending', 'descending'], { errorMap: () => ({ message: 'must be ascending or descending' }) }).optional(),
				),
			})
			.strict(),
	});

const LABELS = {
	returnAll: 'Return All',
	limit: 'Limit',
	'filters.q': 'Search Text',
	'filters.customerType': 'Customer Type',
	'filters.fromDate': 'Created From',
	'filters.toDate': 'Created To',
	'options.sortBy': 'Sort By',
	'options.sortDirection': 'Sort Direction',
};

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const params = validate(this, input, listInputs(this, i, ['filters', 'options']), i, LABELS);
	const simplify = readSimplify(this, i);
	const orgId = await getOrganizationId(this, i);
	const { q, customerType, fromDate, toDate } = params.filters;
	const qs = definedValues({ q, customerType, fromDate, toDate });
	if (params.options.sortBy !== undefined || params.options.sortDirection !== undefined) {
		qs.sort = `${params.options.sortDirection === 'descending' ? '-' : '+'}${params.options.sortBy ?? 'id'}`;
	}
	const hits = await contaSearch<ContaCustomerHit>(this, {
		path: invoicePath(orgId, '/customers'),
		qs,
		action: 'list customers',
		itemIndex: i,
		limit: params.returnAll ? undefined : (params.limit ?? 50),
	});
	return hits.map((hit) => (simplify ? simplifyHit(hit as unknown as IDataObject) : (hit as unknown as IDataObject)));
}
