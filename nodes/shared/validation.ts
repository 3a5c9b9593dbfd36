/**
 * Input validation with zod (n8n ships zod 3.25; written against the zod 3 API).
 * A failure becomes a NodeOperationError naming the field, the item and the fix, before anything
 * is sent.
 */
import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { z } from 'zod';

type Ctx = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** Human labels for field paths, e.g. { 'customer.name': 'Customer Name' }. */
export type FieldLabels = Record<string, string>;

function pathKey(path: Array<string | number>): string {
	return path.map(String).join('.');
}

function describeIssue(issue: z.ZodIssue, labels: FieldLabels): string {
	const key = pathKey(issue.path);
	const genericKey = pathKey(issue.path.map((p) => (typeof p === 'number' ? '*' : p)));
	const label = labels[key] ?? labels[genericKey] ?? (key || 'input');
	const where = issue.path.some((p) => typeof p === 'number')
		? ` (${issue.path.map((p) => (typeof p === 'number' ? `#${p + 1}` : p)).join(' ')})`
		: '';
	return `'${label}'${where}: ${issue.message}`;
}

/**
 * Parse `value` with `schema`; on failure throw a NodeOperationError listing every problem.
 */
export function validate<S extends z.ZodTypeAny>(
	ctx: Ctx,
	schema: S,
	value: unknown,
	itemIndex: number,
	labels: FieldLabels = {},
): z.infer<S> {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const problems = result.error.issues.map((issue) => describeIssue(issue, labels));
	const first = problems[0];
	throw new NodeOperationError(ctx.getNode(), `Invalid input in item ${itemIndex}: ${first}`, {
		itemIndex,
		description: `Nothing was sent. Fix ${problems.length === 1 ? 'this' : 'these'} and run again:\n- ${problems.join('\n- ')}`,
	});
}

/** A calendar date written YYYY-MM-DD (a date-time string is cut to its date part). */
export const isoDate = z
	.string({ required_error: 'is required', invalid_type_error: 'must be a date like 2026-05-31' })
	.transform((s) => s.trim())
	.transform((s) => (/^\d{4}-\d{2}-\d{2}T/.test(s) ? s.slice(0, 10) : s))
	.refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s).isValid, {
		message: 'must be a real date written YYYY-MM-DD, e.g. 2026-05-31',
	});

/**
 * A decimal number typed as text (e.g. from an expression: "25", " -3.50 ") becomes a number;
 * anything else (booleans, arrays, hex or exponent text, "") is left for the number schema to
 * reject, unlike `z.coerce.number()`, which turns `true` into 1 and "0x10" into 16.
 */
export function numberFromText(value: unknown): unknown {
	return typeof value === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value) ? Number(value) : value;
}

/** `true`/`false` typed as text become booleans. */
export function booleanFromText(value: unknown): unknown {
	return value === 'true' ? true : value === 'false' ? false : value;
}

/**
 * Whether a number has at most two decimals, allowing only floating-point noise at any size
 * (a fixed tolerance wrongly rejects e.g. 583238097.31 and wrongly accepts 600000.123).
 */
export function hasAtMostTwoDecimals(n: number): boolean {
	return Math.abs(Math.round(n * 100) / 100 - n) <= 2 * Number.EPSILON * Math.max(1, Math.abs(n));
}

/** Money with at most two decimals, as a number (decimal text accepted). */
export const money = z
	.preprocess(numberFromText, z.number({ required_error: 'is required', invalid_type_error: 'must be a number like 25.00' }))
	.refine((n) => Number.isFinite(n), { message: 'must be a finite number like 25.00' })
	.refine(hasAtMostTwoDecimals, { message: 'must have at most two decimals, e.g. 25.00' });

/**
 * Return All + Limit of a list operation, as every "Get Many" reads them: booleans and whole
 * numbers, also when an expression gives them as text. Limit is only read when Return All is off.
 */
export const listShape = {
	returnAll: z.preprocess(booleanFromText, z.boolean({ invalid_type_error: 'must be true or false' })),
	limit: z
		.preprocess(
			numberFromText,
			z
				.number({ required_error: 'is required', invalid_type_error: 'must be a number' })
				.int('must be a whole number')
				.min(1, 'must be at least 1'),
		)
		.optional(),
};

/** Line breaks, tabs and other control characters (C0, DEL, C1). */
export function hasControlCharacters(value: string): boolean {
	for (const char of value) {
		const code = char.codePointAt(0) ?? 0;
		if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return true;
	}
	return false;
}

const NO_CONTROL = 'must not contain line breaks, tabs or other control characters';

/** Numbers typed into text fields count as text; null (an empty expression) as "not set". */
function asText(value: unknown): unknown {
	if (value === null) return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return value;
}

/** Text that is empty after trimming counts as "not set". */
export function emptyToUndefined(value: unknown): unknown {
	const text = asText(value);
	if (typeof text !== 'string') return text;
	const trimmed = text.trim();
	return trimmed === '' ? undefined : trimmed;
}

/**
 * A mandatory text: trimmed, not empty, no control characters, at most `max` characters
 * (counted as characters, not UTF-16 units). Numbers are accepted as text.
 */
export function text(max: number) {
	return z.preprocess(
		asText,
		z
			.string({ required_error: 'is required', invalid_type_error: 'must be text' })
			.transform((s) => s.trim())
			.refine((s) => s.length > 0, { message: 'is required and cannot be empty' })
			.refine((s) => !hasControlCharacters(s), { message: NO_CONTROL })
			.refine((s) => [...s].length <= max, { message: `must be at most ${max} characters` }),
	);
}

/** An optional text: empty means "not set"; otherwise the rules of `text`. */
export function optionalText(max: number) {
	return z.preprocess(
		emptyToUndefined,
		z
			.string({ invalid_type_error: 'must be text' })
			.refine((s) => !hasControlCharacters(s), { message: NO_CONTROL })
			.refine((s) => [...s].length <= max, { message: `must be at most ${max} characters` })
			.optional(),
	);
}

/** A positive whole-number ID safe to put in a URL path. */
export const numericId = z
	.union([z.string(), z.number()])
	.transform((v) => String(v).trim())
	.refine((s) => /^[1-9]\d{0,17}$/.test(s), { message: 'must be a positive whole number (an ID)' });

/** An ID made only of URL-safe characters (letters, digits, - and _), never a path. */
export const safeId = z
	.union([z.string(), z.number()])
	.transform((v) => String(v).trim())
	.refine((s) => /^[A-Za-z0-9_-]{1,100}$/.test(s), {
		message: 'must contain only letters, digits, - and _ (at most 100)',
	});
