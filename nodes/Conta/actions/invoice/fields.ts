/**
 * Pieces the Invoice and Invoice Draft operations share: zod helpers for values that may come from
 * fields or expressions, the Oslo calendar date, currencies, the cross-field problem report and
 * the Simplify field lists.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { emptyToUndefined, isoDate, numericId } from '../../../shared/validation';
import { getIdParameter, INVOICE_URL_REGEX } from '../common';

/** Conta's dates are Norwegian calendar dates: "today" is today in Europe/Oslo, not in UTC. */
export function osloToday(): string {
	return DateTime.now().setZone('Europe/Oslo').toISODate() as string;
}

/** Numeric text from an expression ("25", "1e3") becomes a number; empty text or null means "not set". */
function toNumber(value: unknown): unknown {
	if (value === null || value === undefined) return undefined;
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (trimmed === '') return undefined;
		if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return Number(trimmed);
	}
	return value;
}

interface NumberRules {
	min?: number;
	max?: number;
	/** The value must be greater than `min` (not equal). */
	exclusiveMin?: boolean;
	int?: boolean;
}

function numberSchema(rules: NumberRules) {
	return z.number({ required_error: 'is required', invalid_type_error: 'must be a number' }).superRefine((n, ctx) => {
		const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
		if (!Number.isFinite(n)) return fail('must be a finite number');
		if (rules.int && !Number.isInteger(n)) return fail('must be a whole number');
		if (rules.min !== undefined) {
			if (rules.exclusiveMin && n <= rules.min) return fail(`must be greater than ${rules.min}`);
			if (!rules.exclusiveMin && n < rules.min) return fail(`must be at least ${rules.min}`);
		}
		if (rules.max !== undefined && n > rules.max) return fail(`must be at most ${rules.max}`);
	});
}

/** A required number (numeric text accepted). */
export const requiredNumber = (rules: NumberRules = {}) => z.preprocess(toNumber, numberSchema(rules));

/** An optional number (numeric text accepted, empty means "not set"). */
export const optionalNumber = (rules: NumberRules = {}) => z.preprocess(toNumber, numberSchema(rules).optional());

/** An optional ID (a positive whole number); empty means "not set". Returned as a number for JSON bodies. */
export const optionalId = z
	.preprocess(emptyToUndefined, numericId.optional())
	.transform((value) => (value === undefined ? undefined : Number(value)));

/** An optional YYYY-MM-DD date (a date-time is cut to its date); empty means "not set". */
export const optionalDate = z.preprocess(emptyToUndefined, isoDate.optional());

/** A boolean; "true"/"false" text from an expression is accepted. */
export const bool = z.preprocess(
	(value) => (value === 'true' ? true : value === 'false' ? false : value),
	z.boolean({ required_error: 'is required', invalid_type_error: 'must be true or false' }),
);

export const optionalBool = z.preprocess(
	(value) => (value === 'true' ? true : value === 'false' ? false : value === '' || value === null ? undefined : value),
	z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
);

/** One value of a fixed list, with a message that names the allowed values. */
export function oneOf<T extends string>(values: readonly [T, ...T[]]) {
	return z.enum(values, {
		errorMap: () => ({ message: `must be one of: ${values.join(', ')}` }),
	});
}

export function optionalOneOf<T extends string>(values: readonly [T, ...T[]]) {
	return z.preprocess(emptyToUndefined, oneOf(values).optional());
}

/** An ISO 4217 currency code: three letters, upper-cased. */
export const optionalCurrency = z.preprocess(
	(value) => {
		const text = emptyToUndefined(value);
		return typeof text === 'string' ? text.toUpperCase() : text;
	},
	z
		.string({ invalid_type_error: 'must be a three-letter currency code like NOK' })
		.regex(/^[A-Z]{3}$/, 'must be a three-letter ISO currency code like NOK, EUR or USD')
		.optional(),
);

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

/** A problem found by a cross-field rule: the field's UI label and what to do. */
export interface Problem {
	label: string;
	message: string;
}

/** Throw the same kind of error `validate()` throws, for rules checked after parsing. */
export function failOnProblems(ctx: IExecuteFunctions, i: number, problems: Problem[], nothing = 'Nothing was sent'): void {
	if (problems.length === 0) return;
	const lines = problems.map((p) => `'${p.label}': ${p.message}`);
	throw new NodeOperationError(ctx.getNode(), `Invalid input in item ${i}: ${lines[0]}`, {
		itemIndex: i,
		description: `${nothing}. Fix ${lines.length === 1 ? 'this' : 'these'} and run again:\n- ${lines.join('\n- ')}`,
	});
}

/**
 * The invoice id from a resource locator: By ID, From List or By URL (an app link such as
 * https://app.conta.no/faktura/101/fakturaer/7002). n8n extracts the id from a URL itself; a link
 * given some other way (an expression in By ID) is accepted too.
 */
export function getInvoiceId(ctx: IExecuteFunctions, name: string, i: number): string {
	const raw = ctx.getNodeParameter(name, i, '', { extractValue: true }) as unknown;
	if (typeof raw === 'string') {
		const match = new RegExp(`^${INVOICE_URL_REGEX}`).exec(raw.trim());
		if (match) return match[1];
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

/** Simplify: the useful part of an invoice-draft search hit. */
export const SIMPLE_DRAFT_HIT_FIELDS = [
	'id',
	'type',
	'customerId',
	'customerName',
	'customerGroupId',
	'customerGroupName',
	'invoiceCurrency',
	'sumTotal',
	'createdAt',
] as const;
