import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { returnAllAndLimit, simplifyProperty, updateDisplayOptions } from '../../../shared/description';
import { listShape, optionalDate, optionalOneOf, optionalText, optionsOf, validate } from '../../../shared/validation';
import { CONTA_ZONE, CUSTOMER_TYPES } from '../../helpers/constants';
import type { ContaCustomerHit } from '../../helpers/interfaces';
import { contaSearch, invoicePath } from '../../transport/index';
import { definedValues, getOrganizationId, listInputs, organizationLocator, readSimplify } from '../common';
import { simplifyHit } from './model';

/** Fields Conta's customer search can sort by (hit fields; `customerName` is the name). */
const SORT_FIELDS = [
	{ value: 'emailAddress', name: 'Email' },
	{ value: 'id', name: 'ID (Creation Order)' },
	{ value: 'customerName', name: 'Name' },
	{ value: 'orgNo', name: 'Organization Number' },
	{ value: 'sumRemainingInvoices', name: 'Remaining Amount' },
	{ value: 'sumTotalInvoiced', name: 'Total Invoiced' },
] as const;

const SORT_DIRECTIONS = [
	{ value: 'ascending', name: 'Ascending' },
	{ value: 'descending', name: 'Descending' },
] as const;

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
				description: 'Return only customers created on or after this date (a date-time at midnight, such as $today, counts as that date; any other date-time as its date in Norway)',
			},
			{
				displayName: 'Created To',
				name: 'toDate',
				type: 'dateTime',
				default: '',
				description: 'Return only customers created on or before this date (a date-time at midnight, such as $today, counts as that date; any other date-time as its date in Norway)',
			},
			{
				displayName: 'Customer Type',
				name: 'customerType',
				type: 'options',
				options: optionsOf(CUSTOMER_TYPES),
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
				options: optionsOf(SORT_FIELDS),
				default: 'id',
				description: 'The field Conta sorts the customers by',
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDirection',
				type: 'options',
				options: optionsOf(SORT_DIRECTIONS),
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
				customerType: optionalOneOf(CUSTOMER_TYPES),
				fromDate: optionalDate({ zone: CONTA_ZONE }),
				toDate: optionalDate({ zone: CONTA_ZONE }),
			})
			.strict()
			.refine((f) => !f.fromDate || !f.toDate || f.fromDate <= f.toDate, {
				message: "must not be after 'Created To'",
				path: ['fromDate'],
			}),
		options: z
			.object({
				sortBy: optionalOneOf(SORT_FIELDS),
				sortDirection: optionalOneOf(SORT_DIRECTIONS),
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
