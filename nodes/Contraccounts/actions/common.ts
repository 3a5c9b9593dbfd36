/**
 * Value rules from the Contraccounts document, built on shared/validation, that also normalise
 * what is sent: money "Integer or Decimal (2 d.p.)" with `.` → always sent as `25.00`; rates
 * "decimal or DEFAULT"; dates yyyy-mm-dd; reference ids "under 10 characters"; quantities whole
 * numbers. Shared by every Contraccounts request type.
 */
import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { formatCents, money, number, optionalDate, optionalInteger, optionalMoney, optionalText, toCents } from '../../shared/validation';

/** Contraccounts is a UK service: its dates are UK calendar dates. */
export const CONTRACCOUNTS_ZONE = 'Europe/London';

/** At most 11 whole digits. */
const MAX_MONEY = 99_999_999_999.99;

const twoDecimals = (amount: number) => formatCents(toCents(amount));

/** Money sent as a two-decimal string ("25" → "25.00"), not negative; required. */
export const amount = money({ min: 0, max: MAX_MONEY }).transform(twoDecimals);

/** Optional money sent as a two-decimal string; empty means "not set". */
export const optionalAmount = optionalMoney({ min: 0, max: MAX_MONEY }).transform((n) => (n === undefined ? undefined : twoDecimals(n)));

const rate = number({ min: 0, max: 100 });

/**
 * A VAT rate: a decimal number (e.g. 0.20, at most 6 decimals, 0–100) or the word DEFAULT (the
 * account's default rate). Sent as written.
 */
export const vatRate = optionalText(20).transform((text, ctx) => {
	if (text === undefined) return undefined;
	if (text.toUpperCase() === 'DEFAULT') return 'DEFAULT';
	const usage = 'must be a decimal rate such as 0.20, or DEFAULT for the rate in your Contraccounts settings';
	let problem: string | undefined;
	if (/%\s*$/.test(text)) problem = `${usage} (write it without %)`;
	else if (/^\d+,\d+$/.test(text)) problem = `${usage} (use . as the decimal separator: ${text.replace(',', '.')})`;
	else if (!/^\d+(\.\d+)?$/.test(text)) problem = usage;
	else if (!/^\d+(\.\d{1,6})?$/.test(text)) problem = 'must have at most 6 decimals';
	else {
		const range = rate.safeParse(text);
		if (!range.success) problem = range.error.issues[0].message;
	}
	if (problem === undefined) return text;
	ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
	return z.NEVER;
});

/** An optional quantity: a whole number from 1, sent as text. */
export const quantity = optionalInteger({ min: 1, max: 1_000_000_000 }).transform((n) => (n === undefined ? undefined : String(n)));

/** An optional date, sent as yyyy-mm-dd (a date-time becomes its UK date). */
export const incomeDate = optionalDate({ zone: CONTRACCOUNTS_ZONE });

/**
 * A reference id: under 10 characters, per the document. Printable ASCII only, because PHP counts
 * bytes (æ is two) and the id must be typed again later for refunds and invoice administration.
 */
export const referenceId = optionalText(9).refine((s) => s === undefined || /^[\x20-\x7e]*$/.test(s), {
	message: 'may only contain plain letters A–Z, digits, spaces and ASCII punctuation (no æ, ø, å or emoji)',
});

/** The "Fail If Response Contains" option every Contraccounts operation offers. */
export const failIfResponseContainsOption: INodeProperties = {
	displayName: 'Fail If Response Contains',
	name: 'failIfResponseContains',
	type: 'string',
	default: '',
	placeholder: 'error',
	description:
		"Contraccounts does not document its answers, so any 2xx answer counts as success. If you know what its error answers look like, enter a text here (for example 'error'); an answer containing it (ignoring case) then fails the item and shows the answer.",
};

export const optionsSchema = z
	.object({ failIfResponseContains: optionalText(200) })
	.strict();
