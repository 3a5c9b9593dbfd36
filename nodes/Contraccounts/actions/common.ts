/**
 * Value rules from the Contraccounts document, as zod schemas that also normalise what is sent:
 * money "Integer or Decimal (2 d.p.)" with `.` → always sent as `25.00`; rates "decimal or
 * DEFAULT"; dates yyyy-mm-dd; reference ids "under 10 characters"; quantities whole numbers.
 * Shared by every Contraccounts request type.
 */
import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { emptyToUndefined, hasAtMostTwoDecimals, isoDate, optionalText } from '../../shared/validation';

const MAX_MONEY_DIGITS = 11;

/**
 * Normalise a money value to a two-decimal string ("25" → "25.00"), or explain what is wrong.
 * Numbers and numeric strings are accepted; strings are handled digit by digit (no float rounding).
 */
export function normaliseMoney(value: unknown): { ok: true; value: string } | { ok: false; message: string } {
	const example = 'must be an amount like 25 or 25.00 (at most two decimals, with . as the decimal separator)';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return { ok: false, message: example };
		if (value < 0) return { ok: false, message: 'cannot be negative' };
		const cents = Math.round(value * 100);
		if (!hasAtMostTwoDecimals(value)) {
			return { ok: false, message: 'must have at most two decimals, e.g. 25.00' };
		}
		if (cents >= 10 ** (MAX_MONEY_DIGITS + 2)) return { ok: false, message: 'is too large' };
		const whole = Math.floor(cents / 100);
		const rest = cents % 100;
		return { ok: true, value: `${whole}.${String(rest).padStart(2, '0')}` };
	}
	if (typeof value !== 'string') return { ok: false, message: example };
	const text = value.trim();
	if (/^-/.test(text)) return { ok: false, message: 'cannot be negative' };
	if (/^\d+,\d+$/.test(text)) {
		return { ok: false, message: `must use . as the decimal separator, e.g. ${text.replace(',', '.')}` };
	}
	if (/^\d+\.\d{3,}$/.test(text)) return { ok: false, message: 'must have at most two decimals, e.g. 25.00' };
	const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
	if (!match) return { ok: false, message: example };
	const whole = match[1].replace(/^0+(?=\d)/, '');
	if (whole.length > MAX_MONEY_DIGITS) return { ok: false, message: 'is too large' };
	return { ok: true, value: `${whole}.${(match[2] ?? '').padEnd(2, '0')}` };
}

/** Money sent as a two-decimal string. Empty → "not set" unless required. */
export function money(required: boolean) {
	return z.any().transform((value: unknown, ctx) => {
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
			if (required) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'is required, e.g. 25.00' });
			return undefined as string | undefined;
		}
		const result = normaliseMoney(value);
		if (!result.ok) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.message });
			return z.NEVER;
		}
		return result.value as string | undefined;
	});
}

/** Cents of a normalised money string, for comparisons. */
export function cents(amount: string): number {
	const [whole, fraction] = amount.split('.');
	return Number(whole) * 100 + Number(fraction ?? 0);
}

/** A VAT rate: a decimal number (e.g. 0.20) or the word DEFAULT (the account's default rate). */
export function vatRate() {
	return z.any().transform((value: unknown, ctx) => {
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
			return undefined as string | undefined;
		}
		const fail = (message: string) => {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message });
			return z.NEVER;
		};
		const usage = 'must be a decimal rate such as 0.20, or DEFAULT for the rate in your Contraccounts settings';
		let text: string;
		if (typeof value === 'number') {
			if (!Number.isFinite(value) || value < 0) return fail(usage);
			text = String(value);
		} else if (typeof value === 'string') {
			text = value.trim();
		} else {
			return fail(usage);
		}
		if (text.toUpperCase() === 'DEFAULT') return 'DEFAULT' as string | undefined;
		if (/%\s*$/.test(text)) return fail(`${usage} (write it without %)`);
		if (/^\d+,\d+$/.test(text)) return fail(`must use . as the decimal separator, e.g. ${text.replace(',', '.')}`);
		if (!/^\d+(\.\d{1,6})?$/.test(text)) return fail(usage);
		if (Number(text) > 100) return fail('cannot be more than 100');
		return text as string | undefined;
	});
}

/** An optional whole number ≥ 1 (quantities). */
export function quantity() {
	return z.any().transform((value: unknown, ctx) => {
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
			return undefined as string | undefined;
		}
		const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
		if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 1_000_000_000) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a whole number of at least 1, e.g. 2' });
			return z.NEVER;
		}
		return String(Number(text)) as string | undefined;
	});
}

/** An optional date, sent as yyyy-mm-dd. Accepts date-time strings, Date and Luxon values. */
export function optionalDate() {
	return z.preprocess((value) => {
		if (value === undefined || value === null) return undefined;
		if (typeof value === 'string') return value.trim() === '' ? undefined : value;
		if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString();
		const luxon = value as { toISODate?: () => string | null };
		if (typeof luxon.toISODate === 'function') return luxon.toISODate() ?? 'invalid';
		return value;
	}, isoDate.optional());
}

/**
 * A reference id: under 10 characters, per the document. Printable ASCII only, because PHP counts
 * bytes (æ is two) and the id must be typed again later for refunds and invoice administration.
 */
export function referenceId() {
	return z.preprocess(
		emptyToUndefined,
		z
			.string({ invalid_type_error: 'must be text' })
			.refine((s) => /^[\x20-\x7e]*$/.test(s), {
				message: 'may only contain plain letters A–Z, digits, spaces and ASCII punctuation (no æ, ø, å, emoji or line breaks)',
			})
			.refine((s) => s.length < 10, { message: 'must be under 10 characters (at most 9)' })
			.optional(),
	);
}

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
