/** The search block Conta's invoice and invoice draft searches share: filters, options and their labels. */
import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { optionalBool, optionalCurrency, optionalDate, optionalDigitId, optionalOneOf, optionalText } from '../../shared/validation';
import { CONTA_ZONE, INVOICE_LIST_FILTERS } from '../helpers/constants';

/** The search options every Conta invoice/draft search shares: sort and the createdAt columns. */
export const searchOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Include Created At',
			name: 'includeCreatedAt',
			type: 'boolean',
			default: true,
			description: 'Whether Conta should fill in each result’s createdAt time. On unless turned off here.',
		},
		{
			displayName: 'Include Created By IP',
			name: 'includeCreatedByIp',
			type: 'boolean',
			default: true,
			description: 'Whether Conta should fill in the IP address each result was created from',
		},
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'string',
			default: '',
			placeholder: '-invoiceDate,+customerName',
			description: 'Comma-separated field names, each prefixed with + (ascending) or - (descending), e.g. -invoiceDate. Which fields Conta can sort by is not documented.',
		},
	],
};

export const searchOptionsSchema = z
	.object({
		includeCreatedAt: optionalBool,
		includeCreatedByIp: optionalBool,
		sort: optionalText(50).refine((value) => value === undefined || /^[+-]?[A-Za-z][A-Za-z0-9.]*(,\s*[+-]?[A-Za-z][A-Za-z0-9.]*)*$/.test(value), {
			message: 'must be field names separated by commas, each optionally prefixed with + or -, e.g. -invoiceDate,+customerName',
		}),
	})
	.strict();

/** The filters invoice and draft searches share (the draft search takes only these). */
export const searchFilterShape = {
	q: optionalText(100),
	type: optionalOneOf(INVOICE_LIST_FILTERS),
	customerId: optionalDigitId,
	departmentId: optionalDigitId,
	projectId: optionalDigitId,
	invoiceCurrency: optionalCurrency,
	fromDate: optionalDate({ zone: CONTA_ZONE }),
	toDate: optionalDate({ zone: CONTA_ZONE }),
};

/** Created Before must not be before Created After. */
export function createdRange(filters: { fromDate?: string; toDate?: string }, ctx: z.RefinementCtx): void {
	if (filters.fromDate && filters.toDate && filters.toDate < filters.fromDate)
		ctx.addIssue({ code: 'custom', path: ['toDate'], message: `must not be before 'Created After' (${filters.fromDate})` });
}

/** Labels of the shared list inputs, for validation messages. */
export const SEARCH_LABELS = {
	returnAll: 'Return All',
	limit: 'Limit',
	'filters.q': 'Search',
	'filters.type': 'List',
	'filters.customerId': 'Customer ID',
	'filters.departmentId': 'Department ID',
	'filters.projectId': 'Project ID',
	'filters.invoiceCurrency': 'Currency',
	'filters.fromDate': 'Created After',
	'filters.toDate': 'Created Before',
	'options.includeCreatedAt': 'Include Created At',
	'options.includeCreatedByIp': 'Include Created By IP',
	'options.sort': 'Sort',
	simplify: 'Simplify',
};
