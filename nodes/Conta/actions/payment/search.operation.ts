/**
 * Payment → Get Many (All Invoices): `GET {o}/invoice-payments`, Conta's standard search (q, sort,
 * fromDate, toDate) with the paged envelope. Each hit is `{ id, customerId, customerName,
 * customerOrgNo, invoiceId, invoiceNo, amount, paymentType, date, kid }`.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { returnAllAndLimit, updateDisplayOptions } from '../../../shared/description';
import { listShape, optionalDate, optionalOneOf, optionalText, optionsOf, validate } from '../../../shared/validation';
import { CONTA_ZONE } from '../../helpers/constants';
import { contaSearch, invoicePath } from '../../transport/index';
import { definedValues, getOrganizationId, listInputs, organizationLocator } from '../common';

const SORTS = [
	{ value: '-amount', name: 'Amount, Largest First' },
	{ value: '+amount', name: 'Amount, Smallest First' },
	{ value: '-id', name: 'Newest First' },
	{ value: '+id', name: 'Oldest First' },
	{ value: '-date', name: 'Payment Date, Newest First' },
	{ value: '+date', name: 'Payment Date, Oldest First' },
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
				displayName: 'From Date',
				name: 'fromDate',
				type: 'dateTime',
				default: '',
				description:
					"Only payments from this date on (YYYY-MM-DD, inclusive). Conta's search filters on the creation date by default; it does not document which date it uses for payments.",
			},
			{
				displayName: 'Search Text',
				name: 'q',
				type: 'string',
				default: '',
				placeholder: 'Fjellheim',
				description: 'Free-text search over the searchable fields, e.g. customer name, invoice number or KID (1–100 characters)',
			},
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'options',
				default: '-id',
				description: 'The order Conta returns the payments in',
				options: optionsOf(SORTS),
			},
			{
				displayName: 'To Date',
				name: 'toDate',
				type: 'dateTime',
				default: '',
				description: 'Only payments up to this date (YYYY-MM-DD, inclusive)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['search'] } }, properties);

const input = z
	.object({
		...listShape,
		filters: z
			.object({
				q: optionalText(100),
				sort: optionalOneOf(SORTS),
				fromDate: optionalDate({ zone: CONTA_ZONE }),
				toDate: optionalDate({ zone: CONTA_ZONE }),
			})
			.strict(),
	})
	.superRefine((value, ctx) => {
		const { fromDate, toDate } = value.filters;
		if (fromDate && toDate && fromDate > toDate) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['filters', 'toDate'],
				message: `cannot be before From Date (${fromDate})`,
			});
		}
	});

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const orgId = await getOrganizationId(this, i);
	const params = validate(
		this,
		input,
		listInputs(this, i, ['filters']),
		i,
		{
			returnAll: 'Return All',
			limit: 'Limit',
			filters: 'Filters',
			'filters.q': 'Search Text',
			'filters.sort': 'Sort',
			'filters.fromDate': 'From Date',
			'filters.toDate': 'To Date',
		},
	);
	const { q, sort, fromDate, toDate } = params.filters;
	const qs = definedValues({ q, sort, fromDate, toDate });
	const hits = await contaSearch<IDataObject>(this, {
		path: invoicePath(orgId, '/invoice-payments'),
		qs,
		action: 'search payments',
		itemIndex: i,
		limit: params.returnAll ? undefined : (params.limit ?? 50),
	});
	return hits;
}
