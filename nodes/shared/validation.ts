/**
 * Input validation with zod (n8n ships zod 3.25; written against the zod 3 API): the one family of
 * value rules every operation uses (text, dates, numbers, money, ids, booleans, value lists,
 * currency). A failure becomes a NodeOperationError naming the field, the item and the fix, before
 * anything is sent.
 */
import type { IExecuteFunctions, ILoadOptionsFunctions, INodePropertyOptions, IPollFunctions } from 'n8n-workflow';
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

/** The NodeOperationError for input problems (each line `'Label': what is wrong`). */
function invalidInput(ctx: Ctx, itemIndex: number, lines: string[], nothing = 'Nothing was sent'): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Invalid input in item ${itemIndex}: ${lines[0]}`, {
		itemIndex,
		description: `${nothing}. Fix ${lines.length === 1 ? 'this' : 'these'} and run again:\n- ${lines.join('\n- ')}`,
	});
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
	throw invalidInput(ctx, itemIndex, result.error.issues.map((issue) => describeIssue(issue, labels)));
}

/** A problem found by a rule across fields, checked after parsing: the field's label and what is wrong. */
export interface Problem {
	label: string;
	message: string;
}

/** Throw the error `validate()` throws for `problems` (nothing when there are none). */
export function failOnProblems(ctx: Ctx, i: number, problems: Problem[], nothing = 'Nothing was sent'): void {
	if (problems.length === 0) return;
	throw invalidInput(ctx, i, problems.map((p) => `'${p.label}': ${p.message}`), nothing);
}

const custom = z.ZodIssueCode.custom;

/** Null, undefined and blank text mean "not set"; every other value is kept as it is. */
function blankToUndefined(value: unknown): unknown {
	if (value === null || value === undefined) return undefined;
	return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

// ---------------------------------------------------------------------------------------------
// Text

/** Line breaks, tabs and other control characters (C0, DEL, C1). */
export function hasControlCharacters(value: string): boolean {
	for (const char of value) {
		const code = char.codePointAt(0) ?? 0;
		if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return true;
	}
	return false;
}

/**
 * The first character of `value` that cannot be sent, as `U+XXXX`: a lone surrogate (it has no
 * UTF-8 form, so encoding would replace it) or a Unicode noncharacter (U+FDD0–U+FDEF and the last
 * two code points of every plane, e.g. U+FFFE). Undefined when every character can be sent.
 */
export function unsendableCharacter(value: string): string | undefined {
	const name = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
	for (let index = 0; index < value.length; index++) {
		let code = value.charCodeAt(index);
		if (code >= 0xd800 && code <= 0xdfff) {
			const next = value.charCodeAt(index + 1);
			if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return name(code);
			code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
			index++;
		}
		if ((code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe) return name(code);
	}
	return undefined;
}

/**
 * Numbers given to text fields count as text while String() writes them digit for digit; null (an
 * empty expression) counts as "not set". An integer beyond 2^53 (already rounded:
 * 12345678901234567890 reads 12345678901234567000) or a number String() writes in exponent form
 * (1e+21, 1.5e-7) is refused through `ctx` (as a schema's preprocess); without `ctx` it stays a number.
 */
function asText(value: unknown, ctx?: z.RefinementCtx): unknown {
	if (value === null) return undefined;
	if (typeof value !== 'number' || !Number.isFinite(value)) return value;
	const written = String(value);
	if (!(Number.isInteger(value) && !Number.isSafeInteger(value)) && !/e/i.test(written)) return written;
	ctx?.addIssue({ code: custom, message: `is a number that cannot be written exactly as text (it reads ${written}); give the value as text`, fatal: true });
	return value;
}

/** Text that is empty after trimming counts as "not set" (`ctx`: see `asText`). */
export function emptyToUndefined(value: unknown, ctx?: z.RefinementCtx): unknown {
	const text = asText(value, ctx);
	if (typeof text !== 'string') return text;
	const trimmed = text.trim();
	return trimmed === '' ? undefined : trimmed;
}

export interface TextRules {
	/** The fewest characters allowed. */
	min?: number;
	/** Line breaks and tabs are allowed (other control characters are not). */
	multiline?: boolean;
}

function checkText(s: string, ctx: z.RefinementCtx, max: number, rules: TextRules): void {
	const bad = unsendableCharacter(s);
	if (bad) ctx.addIssue({ code: custom, message: `contains a character that cannot be sent (${bad}); remove it` });
	if (hasControlCharacters(rules.multiline ? s.replace(/[\t\n\r]/g, '') : s)) {
		ctx.addIssue({
			code: custom,
			message: rules.multiline
				? 'must not contain control characters other than line breaks and tabs'
				: 'must not contain line breaks, tabs or other control characters',
		});
	}
	const length = [...s].length;
	if ((rules.min !== undefined && length < rules.min) || length > max) {
		ctx.addIssue({
			code: custom,
			message: rules.min === undefined ? `must be at most ${max} characters` : `must be between ${rules.min} and ${max} characters`,
		});
	}
}

/**
 * A mandatory text: trimmed, not empty, at most `max` characters (counted as characters, not
 * UTF-16 units), no control characters (line breaks and tabs only with `multiline`) and nothing
 * that cannot be sent (`unsendableCharacter`). Numbers are accepted as text (see `asText`).
 */
export function text(max: number, rules: TextRules = {}) {
	return z.preprocess(
		asText,
		z
			.string({ required_error: 'is required', invalid_type_error: 'must be text' })
			.transform((s) => s.trim())
			.superRefine((s, ctx) => {
				if (s === '') ctx.addIssue({ code: custom, message: 'is required and cannot be empty' });
				else checkText(s, ctx, max, rules);
			}),
	);
}

/** An optional text: empty means "not set"; otherwise the rules of `text`. */
export function optionalText(max: number, rules: TextRules = {}) {
	return z.preprocess(
		emptyToUndefined,
		z
			.string({ invalid_type_error: 'must be text' })
			.superRefine((s, ctx) => checkText(s, ctx, max, rules))
			.optional(),
	);
}

/**
 * name@domain.tld: no spaces, one @, dot-separated non-empty parts (so no leading, trailing or
 * doubled dots) and a top-level domain of at least two letters (or an xn-- IDN label).
 */
const EMAIL = /^[^\s@.]+(\.[^\s@.]+)*@([^\s@.]+\.)+([\p{L}\p{M}]{2,}|xn--[a-z0-9-]+)$/iu;

/** An optional email address (at most 254 characters); empty means "not set". */
export const optionalEmail = optionalText(254).refine((s) => s === undefined || EMAIL.test(s), {
	message: 'must be a valid email address like name@example.com',
});

// ---------------------------------------------------------------------------------------------
// Dates

export interface DateRules {
	/** The provider's time zone: "today" and date-times with an offset are read in it. */
	zone: string;
	/** Earliest date allowed, YYYY-MM-DD (default 1000-01-01). */
	min?: string;
	/** Latest date allowed, YYYY-MM-DD (default 9999-12-31). */
	max?: string;
}

/** Today's calendar date in `zone`, YYYY-MM-DD. */
export function todayIn(zone: string): string {
	return DateTime.now().setZone(zone).toFormat('yyyy-MM-dd');
}

const DATE_FORMAT = 'must be a real date written YYYY-MM-DD, e.g. 2026-05-31';

/**
 * An instant at exactly midnight in its own offset stands for that calendar date (`$today`, a date
 * picked in a date-time field, `2026-01-15T00:00:00+01:00`); any other instant (`$now`,
 * `…T23:30:00Z`) is converted to the provider's zone, so it lands on the provider's day.
 */
function dayOf(moment: DateTime, zone: string): DateTime {
	const midnight = moment.hour === 0 && moment.minute === 0 && moment.second === 0 && moment.millisecond === 0;
	return midnight ? moment : moment.setZone(zone);
}

/**
 * `value` as a calendar date, or the problem. YYYY-MM-DD is taken as it is. A date-time must be a
 * valid ISO date-time; without an offset it is local time in the rules' zone; with an offset (or
 * Z), and for a luxon DateTime or a JS Date (read in UTC), see `dayOf`. T24:00 is the next day's
 * start (ISO 8601).
 */
function readDate(value: unknown, rules: DateRules): { date: string } | { problem: string } {
	let moment: DateTime;
	if (value instanceof Date) moment = dayOf(DateTime.fromJSDate(value, { zone: 'utc' }), rules.zone);
	else if (DateTime.isDateTime(value)) moment = value.isValid ? dayOf(value, rules.zone) : value;
	else if (typeof value === 'string') {
		const s = value.trim();
		if (s === '') return { problem: 'is required' };
		if (/^\d{4}-\d{2}-\d{2}$/.test(s)) moment = DateTime.fromISO(s, { zone: rules.zone });
		else if (/^\d{4}-\d{2}-\d{2}T/.test(s)) {
			const hasOffset = /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(s);
			moment = hasOffset ? DateTime.fromISO(s, { setZone: true }) : DateTime.fromISO(s, { zone: rules.zone });
			if (!moment.isValid)
				return { problem: 'must be a real date written YYYY-MM-DD, or a valid date-time such as 2026-05-31T14:30:00+02:00' };
			if (hasOffset) moment = dayOf(moment, rules.zone);
		} else return { problem: DATE_FORMAT };
	} else if (value === undefined || value === null) return { problem: 'is required' };
	else return { problem: 'must be a date like 2026-05-31' };
	if (!moment.isValid) return { problem: DATE_FORMAT };
	const date = moment.toISODate() ?? '';
	const min = rules.min ?? '1000-01-01';
	const max = rules.max ?? '9999-12-31';
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date < min || date > max) return { problem: `must be between ${min} and ${max}` };
	return { date };
}

/** A calendar date, YYYY-MM-DD in the provider's zone (see `readDate`); required. */
export function date(rules: DateRules) {
	return z.unknown().transform((value, ctx): string => {
		const result = readDate(value, rules);
		if ('problem' in result) {
			ctx.addIssue({ code: custom, message: result.problem });
			return z.NEVER;
		}
		return result.date;
	});
}

/** An optional calendar date; empty means "not set". */
export function optionalDate(rules: DateRules) {
	return z.preprocess(blankToUndefined, date(rules).optional());
}

/** A calendar date that is today in `zone` when empty. */
export function dateOrToday(zone: string) {
	return z.preprocess((value) => blankToUndefined(value) ?? todayIn(zone), date({ zone }));
}

// ---------------------------------------------------------------------------------------------
// Numbers and money

export interface NumberRules {
	min?: number;
	max?: number;
	/** The value must be greater than `min` (not equal). */
	exclusiveMin?: boolean;
}

/** Plain decimal text (" 25 ", "-3.50", "+5"); not exponent or hex text, unlike `Number()`. */
const PLAIN_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Whether a number has at most two decimals, allowing only floating-point noise at any size
 * (a fixed tolerance wrongly rejects e.g. 583238097.31 and wrongly accepts 600000.123).
 */
function hasAtMostTwoDecimals(n: number): boolean {
	return Math.abs(Math.round(n * 100) / 100 - n) <= 2 * Number.EPSILON * Math.max(1, Math.abs(n));
}

/** An amount in whole cents (sums without floating-point noise). */
export const toCents = (amount: number): number => Math.round(amount * 100);

/** Cents as a 2-decimal amount, e.g. 12550 → "125.50". */
export function formatCents(cents: number): string {
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(cents);
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

type NumberKind = 'number' | 'integer' | 'money';

const NOT_A_NUMBER: Record<NumberKind, string> = {
	number: 'must be a number',
	integer: 'must be a whole number',
	money: 'must be a number like 25.00',
};

function readNumber(value: unknown, kind: NumberKind, rules: NumberRules): { n: number } | { problem: string } {
	let n: number;
	if (value === undefined) return { problem: 'is required' };
	if (typeof value === 'number') n = value;
	else if (typeof value === 'string' && PLAIN_DECIMAL.test(value.trim())) n = Number(value.trim());
	else if (typeof value === 'string' && /^[+-]?\d+,\d+$/.test(value.trim()))
		return { problem: `must use . as the decimal separator, e.g. ${value.trim().replace(',', '.')}` };
	else return { problem: NOT_A_NUMBER[kind] };
	if (!Number.isFinite(n)) return { problem: 'must be a finite number' };
	if (kind === 'integer' && !Number.isInteger(n)) return { problem: 'must be a whole number' };
	if (kind === 'integer' && !Number.isSafeInteger(n))
		return { problem: `is too large to be sent exactly (at most ${Number.MAX_SAFE_INTEGER})` };
	if (kind === 'money' && !hasAtMostTwoDecimals(n)) return { problem: 'must have at most two decimals, e.g. 25.00' };
	const { min, max, exclusiveMin } = rules;
	const below = min !== undefined && (exclusiveMin ? n <= min : n < min);
	if (below || (max !== undefined && n > max)) {
		if (min !== undefined && max !== undefined)
			return { problem: exclusiveMin ? `must be greater than ${min} and at most ${max}` : `must be between ${min} and ${max}` };
		if (below) return { problem: exclusiveMin ? `must be greater than ${min}` : `must be at least ${min}` };
		return { problem: `must be at most ${max}` };
	}
	return { n };
}

function numeric(kind: NumberKind, rules: NumberRules) {
	return z.unknown().transform((value, ctx): number => {
		const result = readNumber(value, kind, rules);
		if ('problem' in result) {
			ctx.addIssue({ code: custom, message: result.problem });
			return z.NEVER;
		}
		return result.n;
	});
}

/** A number (plain decimal text accepted, see `PLAIN_DECIMAL`); required. */
export const number = (rules: NumberRules = {}) => numeric('number', rules);

/** An optional number; empty means "not set". */
export const optionalNumber = (rules: NumberRules = {}) => z.preprocess(blankToUndefined, number(rules).optional());

/** A whole number that a JSON number holds exactly; required. */
export const integer = (rules: NumberRules = {}) => numeric('integer', rules);

/** An optional whole number; empty means "not set". */
export const optionalInteger = (rules: NumberRules = {}) => z.preprocess(blankToUndefined, integer(rules).optional());

/** Money: a number with at most two decimals, returned rounded to cents (0.1 + 0.2 → 0.3); required. */
export const money = (rules: NumberRules = {}) => numeric('money', rules).transform((n) => Math.round(n * 100) / 100);

/** Optional money; empty means "not set". */
export const optionalMoney = (rules: NumberRules = {}) => z.preprocess(blankToUndefined, money(rules).optional());

// ---------------------------------------------------------------------------------------------
// IDs

/** The largest Conta id (int64). */
const MAX_ID = '9223372036854775807';

/** Whether `value` is an id written in digits: no leading zero, at most 9223372036854775807 (int64). */
export function isDigitId(value: string): boolean {
	if (!/^[1-9]\d*$/.test(value) || value.length > MAX_ID.length) return false;
	// Digit strings of equal length compare like their numbers.
	return value.length < MAX_ID.length || value <= MAX_ID;
}

const NOT_AN_ID = 'must be a positive whole number (an ID)';

/**
 * A numeric id kept as its exact digit string (for paths and query strings); it never goes through
 * a JS number. A number is accepted only while it is exact (at most 2^53 − 1).
 */
export const digitId = z.unknown().transform((value, ctx): string => {
	let text: string | undefined;
	if (typeof value === 'string') text = value.trim();
	else if (typeof value === 'number' && Number.isSafeInteger(value)) text = String(value);
	else if (typeof value === 'number' && Number.isInteger(value)) {
		ctx.addIssue({ code: custom, message: 'is too large to be read exactly as a number; give it as text' });
		return z.NEVER;
	}
	if (text === undefined || !isDigitId(text)) {
		const tooLarge = text !== undefined && /^[1-9]\d*$/.test(text);
		ctx.addIssue({
			code: custom,
			message: value === undefined || text === '' ? 'is required' : tooLarge ? `is too large for an ID (at most ${MAX_ID})` : NOT_AN_ID,
		});
		return z.NEVER;
	}
	return text;
});

/** An optional `digitId`; empty means "not set". */
export const optionalDigitId = z.preprocess(blankToUndefined, digitId.optional());

/** An id for a JSON body that wants an integer: a `digitId` that a JSON number holds exactly. */
export const jsonId = digitId.transform((id, ctx): number => {
	const n = Number(id);
	if (!Number.isSafeInteger(n)) {
		ctx.addIssue({ code: custom, message: `is too large to be sent exactly (at most ${Number.MAX_SAFE_INTEGER})` });
		return z.NEVER;
	}
	return n;
});

/** An optional `jsonId`; empty means "not set". */
export const optionalJsonId = z.preprocess(blankToUndefined, jsonId.optional());

// ---------------------------------------------------------------------------------------------
// Booleans

/** "true"/"false" text (any case, trimmed) from an expression becomes a boolean. */
function booleanFromText(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const word = value.trim().toLowerCase();
	return word === 'true' ? true : word === 'false' ? false : value;
}

/** A boolean (true/false, also as text); required. */
export const bool = z.preprocess(
	booleanFromText,
	z.boolean({ required_error: 'is required', invalid_type_error: 'must be true or false' }),
);

/** An optional boolean; empty means "not set". */
export const optionalBool = z.preprocess(
	(value) => booleanFromText(blankToUndefined(value)),
	z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
);

// ---------------------------------------------------------------------------------------------
// Value lists

/** One entry of a value list: the value sent, its dropdown label and an optional hint. */
export interface Choice {
	readonly value: string;
	readonly name: string;
	readonly description?: string;
}

type ValueOf<E> = E extends string ? E : E extends Choice ? E['value'] : never;

/** The dropdown options of a value list, sorted by name (n8n's lint wants sorted options). */
export function optionsOf(choices: readonly Choice[]): INodePropertyOptions[] {
	return choices
		.map(({ name, value, description }) => (description === undefined ? { name, value } : { name, value, description }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

function enumOf<L extends readonly (string | Choice)[]>(list: L) {
	const values = list.map((entry) => (typeof entry === 'string' ? entry : entry.value)) as [ValueOf<L[number]>, ...Array<ValueOf<L[number]>>];
	// A long list is named by two examples; the dropdown shows the rest.
	const message =
		values.length > 12 ? `must be one of the values in the list, e.g. ${values[0]} or ${values[1]}` : `must be one of: ${values.join(', ')}`;
	return z.enum(values, { errorMap: (_issue, ctx) => ({ message: ctx.data === undefined ? 'is required' : message }) });
}

/** One value of a list (a `Choice` list or plain values); the message names the allowed values. */
export function oneOf<L extends readonly (string | Choice)[]>(list: L) {
	return z.preprocess(emptyToUndefined, enumOf(list));
}

/** An optional `oneOf`; empty means "not set". */
export function optionalOneOf<L extends readonly (string | Choice)[]>(list: L) {
	return z.preprocess(emptyToUndefined, enumOf(list).optional());
}

// ---------------------------------------------------------------------------------------------
// Currency

const currencyCode = z.string({ required_error: 'is required', invalid_type_error: 'must be a three-letter currency code like NOK' }).superRefine((s, ctx) => {
	if (/^[A-Z]{3}$/.test(s)) return;
	// Lower case is refused, not changed: a value is never altered silently.
	ctx.addIssue({
		code: custom,
		message: /^[a-zA-Z]{3}$/.test(s)
			? `must be written in capitals, e.g. ${s.toUpperCase()}`
			: 'must be a three-letter ISO currency code like NOK, EUR or USD',
	});
});

/** An optional currency code; empty means "not set". */
export const optionalCurrency = z.preprocess(emptyToUndefined, currencyCode.optional());

// ---------------------------------------------------------------------------------------------
// Lists

/**
 * Return All + Limit of a list operation, as every "Get Many" reads them (also from expressions as
 * text). Limit is only read when Return All is off.
 */
export const listShape = {
	returnAll: bool,
	limit: optionalInteger({ min: 1 }),
};

/** The raw Return All and Limit of item `i` for `listShape` (Limit only when Return All is off). */
export function listParameters(ctx: IExecuteFunctions, i: number): { returnAll: unknown; limit: unknown } {
	const returnAll = ctx.getNodeParameter('returnAll', i, false);
	return { returnAll, limit: bool.safeParse(returnAll).data === true ? undefined : ctx.getNodeParameter('limit', i, 50) };
}
