/**
 * Pieces the Invoice and Invoice Draft operations share: the currency list, the invoice picker's id
 * and the Simplify field lists. The value rules are in shared/validation.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { getIdParameter, INVOICE_URL_REGEX, validateId } from '../common';

/** Common currencies for the Currency dropdown (any other ISO code can be given with an expression). */
export const CURRENCY_OPTIONS = [
	{ name: 'AUD (Australian Dollar)', value: 'AUD' },
	{ name: 'CAD (Canadian Dollar)', value: 'CAD' },
	{ name: 'CHF (Swiss Franc)', value: 'CHF' },
	{ name: 'CNY (Chinese Yuan)', value: 'CNY' },
	{ name: 'DKK (Danish Krone)', value: 'DKK' },
	{ name: 'EUR (Euro)', value: 'EUR' },
	{ name: 'GBP (British Pound)', value: 'GBP' },
	{ name: 'ISK (Icelandic Krona)', value: 'ISK' },
	{ name: 'JPY (Japanese Yen)', value: 'JPY' },
	{ name: 'NOK (Norwegian Krone)', value: 'NOK' },
	{ name: 'PLN (Polish Zloty)', value: 'PLN' },
	{ name: 'SEK (Swedish Krona)', value: 'SEK' },
	{ name: 'USD (US Dollar)', value: 'USD' },
];

/**
 * The invoice id from a resource locator: By ID, From List or By URL (an app link such as
 * https://app.conta.no/faktura/101/fakturaer/7002). n8n extracts the id from a URL itself; a link
 * given some other way (an expression in By ID) is accepted too.
 */
export function getInvoiceId(ctx: IExecuteFunctions, name: string, i: number): string {
	const raw = ctx.getNodeParameter(name, i, '', { extractValue: true }) as unknown;
	if (typeof raw === 'string') {
		const match = new RegExp(`^${INVOICE_URL_REGEX}`).exec(raw.trim());
		if (match) return validateId(ctx, match[1], i, 'Invoice');
	}
	return getIdParameter(ctx, name, i, 'Invoice');
}

/** Simplify: the useful part of a full invoice (`RouteV1InvoiceModel` has 46 fields). */
export const SIMPLE_INVOICE_FIELDS = [
	'id',
	'invoiceNo',
	'type',
	'status',
	'customerId',
	'invoiceDate',
	'invoiceDueDate',
	'invoiceCurrency',
	'sumNet',
	'sumVAT',
	'sumTotal',
	'sumRemaining',
	'kid',
	'invoiceFileId',
	'creditedInvoiceId',
	'creditedInvoiceNo',
	'ehfCheck',
] as const;

/** Simplify: the useful part of an invoice search hit. */
export const SIMPLE_INVOICE_HIT_FIELDS = [
	'id',
	'invoiceNo',
	'type',
	'status',
	'customerId',
	'customerName',
	'invoiceDate',
	'invoiceDueDate',
	'invoiceCurrency',
	'sumTotal',
	'sumRemaining',
	'kid',
	'invoiceFileId',
	'creditedInvoiceId',
	'createdAt',
] as const;

/** Simplify: the useful part of an invoice draft. */
export const SIMPLE_DRAFT_FIELDS = [
	'id',
	'type',
	'customerId',
	'customerGroupId',
	'invoiceCurrency',
	'sumNet',
	'sumVAT',
	'sumTotal',
	'customerReference',
	'personalMessage',
] as const;

/**
 * Simplify: the useful part of an invoice-draft search hit. Conta's draft hits have no `type` and
 * no `invoiceCurrency` (RouteV1QueryResultInvoiceListExtendedInfoModel); Get reads those.
 */
export const SIMPLE_DRAFT_HIT_FIELDS = [
	'id',
	'customerId',
	'customerName',
	'customerGroupId',
	'customerGroupName',
	'invoiceLineDescription',
	'sumTotal',
	'createdAt',
] as const;
