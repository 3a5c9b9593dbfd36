/**
 * The value rules in nodes/shared/validation.ts: each rule's accept/reject table, pinned with exact
 * values and messages.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
	bool,
	date,
	dateOrToday,
	digitId,
	failOnProblems,
	formatCents,
	hasControlCharacters,
	integer,
	isDigitId,
	jsonId,
	listParameters,
	listShape,
	money,
	number,
	oneOf,
	optionalBool,
	optionalCurrency,
	optionalDate,
	optionalDigitId,
	optionalEmail,
	optionalInteger,
	optionalJsonId,
	optionalMoney,
	optionalNumber,
	optionalOneOf,
	optionalText,
	optionsOf,
	text,
	toCents,
	todayIn,
	unsendableCharacter,
	validate,
} from '../../nodes/shared/validation';

const ctx = { getNode: () => ({ name: 'X', type: 'x', typeVersion: 1, position: [0, 0], parameters: {}, id: '1' }) } as any;

/** The messages a schema gives for `value` (empty when it passes). */
function problems(schema: z.ZodTypeAny, value: unknown): string[] {
	const result = schema.safeParse(value);
	return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('text', () => {
	it('trims, counts characters and refuses control characters', () => {
		expect(text(5).parse('  abc ')).toBe('abc');
		expect(text(5).parse(12345)).toBe('12345');
		expect(problems(text(5), 'abcdef')).toEqual(['must be at most 5 characters']);
		expect(problems(text(5), '   ')).toEqual(['is required and cannot be empty']);
		expect(problems(text(5), undefined)).toEqual(['is required']);
		expect(problems(text(9), null)).toEqual(['is required']);
		expect(problems(text(9), { a: 1 })).toEqual(['must be text']);
		expect(text(2).parse('😀😀')).toBe('😀😀');
		expect(problems(text(1), '😀😀')).toEqual(['must be at most 1 characters']);
		expect(problems(text(9), 'a\nb')).toEqual(['must not contain line breaks, tabs or other control characters']);
		expect(text(9, { multiline: true }).parse('a\r\n\tb')).toBe('a\r\n\tb');
		expect(problems(text(9, { multiline: true }), 'a\u0007b')).toEqual(['must not contain control characters other than line breaks and tabs']);
		expect(problems(text(5, { min: 2 }), 'a')).toEqual(['must be between 2 and 5 characters']);
		expect(text(5, { min: 2 }).parse('ab')).toBe('ab');
	});

	it('treats empty optional text as not set', () => {
		expect(optionalText(3).parse('')).toBeUndefined();
		expect(optionalText(9).parse(null)).toBeUndefined();
		expect(optionalText(9).parse('  x ')).toBe('x');
		expect(problems(optionalText(3), 'abcd')).toEqual(['must be at most 3 characters']);
		expect(problems(optionalText(9), 'a\tb')).toEqual(['must not contain line breaks, tabs or other control characters']);
		expect(problems(optionalText(50, { min: 4 }), 'abc')).toEqual(['must be between 4 and 50 characters']);
		expect(hasControlCharacters('æøå 😀')).toBe(false);
		expect(hasControlCharacters('a\u0085b')).toBe(true);
	});

	it('refuses characters that cannot be sent, naming the code point', () => {
		const table: Array<[string, string | undefined]> = [
			['a\uD800b', 'U+D800'],
			['a\uDC00', 'U+DC00'],
			['\uDBFF', 'U+DBFF'],
			['\uFFFE', 'U+FFFE'],
			['x\uFFFF', 'U+FFFF'],
			['\uFDD0', 'U+FDD0'],
			['\uFDEF', 'U+FDEF'],
			['\uD83F\uDFFE', 'U+1FFFE'],
			['\uDBFF\uDFFF', 'U+10FFFF'],
			['😀 æøå \uFDCF \uFDF0 \uFFFD', undefined],
			['', undefined],
		];
		for (const [value, expected] of table) expect([value, unsendableCharacter(value)]).toEqual([value, expected]);
		expect(problems(text(9), 'a\uD800b')).toEqual(['contains a character that cannot be sent (U+D800); remove it']);
		expect(problems(optionalText(9), '\uFFFE')).toEqual(['contains a character that cannot be sent (U+FFFE); remove it']);
	});

	it('checks email addresses', () => {
		expect(optionalEmail.parse(' ola@example.no ')).toBe('ola@example.no');
		expect(optionalEmail.parse('')).toBeUndefined();
		expect(problems(optionalEmail, 'ola@example')).toEqual(['must be a valid email address like name@example.com']);
		for (const ok of ['ola.nordmann@example.no', 'a+b@sub.example.co', 'kari@xn--bcher-kva.example', 'per@døme.рф'])
			expect([ok, optionalEmail.parse(ok)]).toEqual([ok, ok]);
		for (const bad of ['a@b.c', 'a..b@x.no', '.a@x.no', 'a.@x.no', 'a@x..no', 'a@.x.no', 'a@x.no.', 'a@x.n0', 'a b@x.no', 'a@b@x.no'])
			expect([bad, problems(optionalEmail, bad)]).toEqual([bad, ['must be a valid email address like name@example.com']]);
	});

	it('takes numbers as text only while String() writes them digit for digit', () => {
		expect(text(30).parse(12345)).toBe('12345');
		expect(optionalText(30).parse(-12.5)).toBe('-12.5');
		expect(optionalText(30).parse(9007199254740991)).toBe('9007199254740991');
		const table: Array<[number, string]> = [
			[12345678901234567890, '12345678901234567000'],
			[9007199254740992, '9007199254740992'],
			[-9007199254740993, '-9007199254740992'],
			[1e21, '1e+21'],
			[1.5e-7, '1.5e-7'],
		];
		for (const [value, shown] of table) {
			const message = `is a number that cannot be written exactly as text (it reads ${shown}); give the value as text`;
			expect([value, problems(text(35), value)]).toEqual([value, [message]]);
			expect([value, problems(optionalText(35), value)]).toEqual([value, [message]]);
			expect([value, problems(oneOf(['1e+21']), value)]).toEqual([value, [message]]);
		}
	});
});

describe('dates', () => {
	const oslo = { zone: 'Europe/Oslo' };

	it('accepts real dates and valid ISO date-times, converted to the zone', () => {
		const table: Array<[unknown, string]> = [
			['2026-02-28', '2026-02-28'],
			[' 2026-01-15 ', '2026-01-15'],
			['2026-01-15T23:30:00Z', '2026-01-16'],
			['2026-01-15T23:30:00+01:00', '2026-01-15'],
			['2026-01-15T22:59:59.999Z', '2026-01-15'],
			['2026-01-15T00:30:00+05:00', '2026-01-14'],
			['2026-01-15T23:30:00', '2026-01-15'],
			['2026-01-15T00:00', '2026-01-15'],
			[new Date('2026-06-30T22:30:00Z'), '2026-07-01'],
			['2026-01-15T24:00', '2026-01-16'],
			['2026-01-15T24:00:00+01:00', '2026-01-16'],
		];
		for (const [value, expected] of table) expect([value, date(oslo).parse(value)]).toEqual([value, expected]);
		expect(date({ zone: 'Atlantic/Reykjavik' }).parse('2026-01-15T23:30:00Z')).toBe('2026-01-15');
		expect(date({ zone: 'Europe/London' }).parse('2026-07-15T23:30:00Z')).toBe('2026-07-16');
	});

	it('reads an instant at midnight in its own offset as that date, any other instant in the provider zone', () => {
		const table: Array<[DateTime | string | Date, string, string]> = [
			// $today (midnight in the instance's zone) and its ISO text give the same date.
			[DateTime.fromISO('2026-03-02T00:00:00', { zone: 'Europe/Oslo' }), 'Europe/London', '2026-03-02'],
			['2026-03-02T00:00:00.000+01:00', 'Europe/London', '2026-03-02'],
			[DateTime.fromISO('2026-07-01T00:00:00', { zone: 'Pacific/Auckland' }), 'Europe/Oslo', '2026-07-01'],
			[new Date('2026-07-01T00:00:00Z'), 'America/New_York', '2026-07-01'],
			// $now (any other instant) and its ISO text: the provider's day.
			[DateTime.fromISO('2026-03-01T23:30:00', { zone: 'UTC' }), 'Europe/Oslo', '2026-03-02'],
			['2026-03-01T23:30:00.000Z', 'Europe/Oslo', '2026-03-02'],
			[DateTime.fromISO('2026-07-01T00:30:00', { zone: 'Pacific/Auckland' }), 'Europe/Oslo', '2026-06-30'],
			[DateTime.fromISO('2026-07-01T23:30:00', { zone: 'America/New_York' }), 'Europe/Oslo', '2026-07-02'],
		];
		for (const [value, zone, expected] of table) expect([String(value), zone, date({ zone }).parse(value)]).toEqual([String(value), zone, expected]);
		expect(date({ zone: 'Europe/London' }).parse(new Date('2026-03-01T23:00:00Z'))).toBe('2026-03-01');
		expect(problems(date(oslo), DateTime.fromISO('2026-02-30'))).toEqual(['must be a real date written YYYY-MM-DD, e.g. 2026-05-31']);
		expect(problems(date(oslo), DateTime.fromISO('0999-12-31T12:00', { zone: 'UTC' }))).toEqual(['must be between 1000-01-01 and 9999-12-31']);
	});

	it('refuses dates that are not dates', () => {
		const format = 'must be a real date written YYYY-MM-DD, e.g. 2026-05-31';
		const dateTime = 'must be a real date written YYYY-MM-DD, or a valid date-time such as 2026-05-31T14:30:00+02:00';
		const table: Array<[unknown, string]> = [
			['2026-01-15T25:99', dateTime],
			['2026-01-15Tnoon', dateTime],
			['2026-01-15T24:30', dateTime],
			['2026-01-15T24:00:01', dateTime],
			['2026-02-30', format],
			['28.02.2026', format],
			['2026-2-3', format],
			['0000-01-01', 'must be between 1000-01-01 and 9999-12-31'],
			['0999-12-31', 'must be between 1000-01-01 and 9999-12-31'],
			['9999-12-31T23:30:00Z', 'must be between 1000-01-01 and 9999-12-31'],
			[new Date('nonsense'), format],
			[20260115, 'must be a date like 2026-05-31'],
			[true, 'must be a date like 2026-05-31'],
			['', 'is required'],
			[undefined, 'is required'],
		];
		for (const [value, message] of table) expect([value, problems(date(oslo), value)]).toEqual([value, [message]]);
	});

	it('keeps a field range, treats empty as not set and fills in today', () => {
		const birth = { zone: 'Europe/Oslo', min: '1100-01-01', max: '2299-12-31' };
		expect(problems(optionalDate(birth), '1099-12-31')).toEqual(['must be between 1100-01-01 and 2299-12-31']);
		expect(problems(optionalDate(birth), '2300-01-01')).toEqual(['must be between 1100-01-01 and 2299-12-31']);
		expect(optionalDate(birth).parse('1100-01-01')).toBe('1100-01-01');
		expect(optionalDate(oslo).parse('')).toBeUndefined();
		expect(optionalDate(oslo).parse(null)).toBeUndefined();
		expect(optionalDate(oslo).parse('  ')).toBeUndefined();
		const today = DateTime.now().setZone('Europe/Oslo').toISODate();
		expect(todayIn('Europe/Oslo')).toBe(today);
		expect(dateOrToday('Europe/Oslo').parse('')).toBe(today);
		expect(dateOrToday('Europe/Oslo').parse(undefined)).toBe(today);
		expect(dateOrToday('Europe/Oslo').parse('2026-01-15T23:30:00Z')).toBe('2026-01-16');
	});
});

describe('numbers and money', () => {
	it('reads plain decimal text only', () => {
		expect(number().parse('+5')).toBe(5);
		expect(number().parse(' 25 ')).toBe(25);
		expect(number().parse('-3.50')).toBe(-3.5);
		expect(number().parse('.5')).toBe(0.5);
		for (const bad of ['1e3', '0x10', '', 'abc', true, [], [5], {}, null])
			expect([bad, problems(number(), bad)]).toEqual([bad, ['must be a number']]);
		expect(problems(number(), Infinity)).toEqual(['must be a finite number']);
		expect(problems(number(), NaN)).toEqual(['must be a finite number']);
		expect(problems(number(), undefined)).toEqual(['is required']);
		expect(problems(number(), '25,50')).toEqual(['must use . as the decimal separator, e.g. 25.50']);
	});

	it('checks ranges with one wording', () => {
		expect(problems(number({ min: 0, max: 100 }), 101)).toEqual(['must be between 0 and 100']);
		expect(problems(number({ min: 0, max: 100 }), '-1')).toEqual(['must be between 0 and 100']);
		expect(problems(number({ min: 1 }), 0)).toEqual(['must be at least 1']);
		expect(problems(number({ max: 9 }), 10)).toEqual(['must be at most 9']);
		expect(problems(number({ min: 0, exclusiveMin: true }), 0)).toEqual(['must be greater than 0']);
		expect(number({ min: 0, exclusiveMin: true }).parse('0.0001')).toBe(0.0001);
		expect(optionalNumber().parse('')).toBeUndefined();
		expect(optionalNumber().parse(null)).toBeUndefined();
		expect(problems(optionalNumber(), '1e3')).toEqual(['must be a number']);
	});

	it('checks whole numbers, exactly', () => {
		expect(integer().parse('42')).toBe(42);
		expect(problems(integer(), '4.5')).toEqual(['must be a whole number']);
		expect(problems(integer(), 'x')).toEqual(['must be a whole number']);
		expect(problems(integer(), '123456789012345678')).toEqual(['is too large to be sent exactly (at most 9007199254740991)']);
		expect(optionalInteger({ min: 1, max: 10 }).parse(' ')).toBeUndefined();
		expect(problems(optionalInteger({ min: 1, max: 10 }), 11)).toEqual(['must be between 1 and 10']);
	});

	it('accepts money with at most two decimals at any size', () => {
		expect(money().parse('25.5')).toBe(25.5);
		expect(money().parse(10)).toBe(10);
		expect(money().parse('0.07')).toBe(0.07);
		expect(money().parse(' -3.50 ')).toBe(-3.5);
		for (const ok of [583238097.31, 134217966.3, 99999999999.99, -12.5]) expect(money().parse(ok)).toBe(ok);
		// Float noise is removed: the value is returned rounded to cents.
		expect(money().parse(0.1 + 0.2)).toBe(0.3);
		expect(money().parse(1.1 * 3)).toBe(3.3);
		expect(money().parse(-(0.1 + 0.2))).toBe(-0.3);
		expect(optionalMoney().parse(0.1 + 0.2)).toBe(0.3);
		for (const bad of [600000.123, 1000000.005, 99999999999.991, '1.005'])
			expect([bad, problems(money(), bad)]).toEqual([bad, ['must have at most two decimals, e.g. 25.00']]);
		for (const bad of [true, '0x10', '1e3', [], '', 'abc']) expect([bad, problems(money(), bad)]).toEqual([bad, ['must be a number like 25.00']]);
		expect(problems(money({ min: 0.01, max: 99999999999.99 }), 0)).toEqual(['must be between 0.01 and 99999999999.99']);
		expect(optionalMoney().parse('')).toBeUndefined();
		expect(toCents(125.5)).toBe(12550);
		expect(formatCents(12550)).toBe('125.50');
		expect(formatCents(-7)).toBe('-0.07');
	});

	it('reads Return All and Limit', () => {
		expect(listShape.limit.parse('5')).toBe(5);
		expect(listShape.limit.parse('')).toBeUndefined();
		expect(listShape.returnAll.parse('false')).toBe(false);
		expect(problems(listShape.limit, '5.5')).toEqual(['must be a whole number']);
		expect(problems(listShape.limit, true)).toEqual(['must be a whole number']);
		expect(problems(listShape.limit, 0)).toEqual(['must be at least 1']);
		const params = (values: Record<string, unknown>) =>
			({ getNodeParameter: (name: string, _i: number, fallback: unknown) => (name in values ? values[name] : fallback) }) as any;
		expect(listParameters(params({ returnAll: 'true', limit: 'x' }), 0)).toEqual({ returnAll: 'true', limit: undefined });
		expect(listParameters(params({ returnAll: 'false', limit: 7 }), 0)).toEqual({ returnAll: 'false', limit: 7 });
		expect(listParameters(params({}), 0)).toEqual({ returnAll: false, limit: 50 });
	});
});

describe('ids', () => {
	it('keeps digit ids as exact strings', () => {
		expect(digitId.parse(' 42 ')).toBe('42');
		expect(digitId.parse(42)).toBe('42');
		expect(digitId.parse('123456789012345678')).toBe('123456789012345678');
		expect(digitId.parse('9223372036854775807')).toBe('9223372036854775807');
		for (const bad of ['0', '-1', '1/2', '../3', '1e3', '042', '0009223372036854775807', 4.5, 0, true])
			expect([bad, problems(digitId, bad)]).toEqual([bad, ['must be a positive whole number (an ID)']]);
		for (const big of ['9223372036854775808', '9999999999999999999', '12345678901234567890'])
			expect([big, problems(digitId, big)]).toEqual([big, ['is too large for an ID (at most 9223372036854775807)']]);
		expect(problems(digitId, '')).toEqual(['is required']);
		expect(problems(digitId, 123456789012345680)).toEqual(['is too large to be read exactly as a number; give it as text']);
		expect(optionalDigitId.parse('')).toBeUndefined();
		expect(optionalDigitId.parse(null)).toBeUndefined();
		expect(isDigitId('101')).toBe(true);
		expect(isDigitId('0101')).toBe(false);
		expect(isDigitId('9223372036854775807')).toBe(true);
		expect(isDigitId('9223372036854775808')).toBe(false);
		expect(isDigitId('9300000000000000000')).toBe(false);
		expect(isDigitId('1000000000000000000')).toBe(true);
		expect(isDigitId('10000000000000000000')).toBe(false);
	});

	it('sends JSON ids as numbers only while they are exact', () => {
		expect(jsonId.parse('5001')).toBe(5001);
		expect(jsonId.parse('9007199254740991')).toBe(9007199254740991);
		expect(problems(jsonId, '123456789012345678')).toEqual(['is too large to be sent exactly (at most 9007199254740991)']);
		expect(problems(jsonId, '9007199254740992')).toEqual(['is too large to be sent exactly (at most 9007199254740991)']);
		expect(optionalJsonId.parse(' ')).toBeUndefined();
		expect(optionalJsonId.parse(7)).toBe(7);
	});
});

describe('booleans', () => {
	it('reads n8n booleans and true/false text', () => {
		const table: Array<[unknown, boolean]> = [
			[true, true],
			[false, false],
			['true', true],
			['false', false],
			[' FALSE ', false],
			['True', true],
		];
		for (const [value, expected] of table) expect([value, bool.parse(value)]).toEqual([value, expected]);
		for (const bad of ['yes', '0', 1, 'f', '']) expect([bad, problems(bool, bad)]).toEqual([bad, ['must be true or false']]);
		expect(problems(bool, undefined)).toEqual(['is required']);
		expect(optionalBool.parse('')).toBeUndefined();
		expect(optionalBool.parse(null)).toBeUndefined();
		expect(optionalBool.parse('false')).toBe(false);
		expect(problems(optionalBool, 'no')).toEqual(['must be true or false']);
	});
});

describe('value lists', () => {
	const COLOURS = [
		{ value: 'RED', name: 'Red', description: 'Warm' },
		{ value: 'BLUE', name: 'Blue' },
		{ value: 'GREEN', name: 'Green' },
	] as const;

	it('derives the dropdown options and the rule from one constant', () => {
		expect(optionsOf(COLOURS)).toEqual([
			{ name: 'Blue', value: 'BLUE' },
			{ name: 'Green', value: 'GREEN' },
			{ name: 'Red', value: 'RED', description: 'Warm' },
		]);
		const colour: 'RED' | 'BLUE' | 'GREEN' = oneOf(COLOURS).parse(' RED ');
		expect(colour).toBe('RED');
		expect(problems(oneOf(COLOURS), 'PINK')).toEqual(['must be one of: RED, BLUE, GREEN']);
		expect(problems(oneOf(COLOURS), '')).toEqual(['is required']);
		expect(optionalOneOf(COLOURS).parse('')).toBeUndefined();
		expect(problems(optionalOneOf(COLOURS), 'red')).toEqual(['must be one of: RED, BLUE, GREEN']);
		expect(oneOf(['a', 'b'] as const).parse('b')).toBe('b');
		const long = Array.from({ length: 13 }, (_, n) => `v${n}`);
		expect(problems(oneOf(long), 'x')).toEqual(['must be one of the values in the list, e.g. v0 or v1']);
		expect(problems(oneOf(long.slice(0, 12)), 'x')).toEqual([`must be one of: ${long.slice(0, 12).join(', ')}`]);
	});

	it('checks currency codes without changing them', () => {
		expect(optionalCurrency.parse(' NOK ')).toBe('NOK');
		expect(problems(optionalCurrency, 'nok')).toEqual(['must be written in capitals, e.g. NOK']);
		expect(problems(optionalCurrency, 'NOKK')).toEqual(['must be a three-letter ISO currency code like NOK, EUR or USD']);
		expect(optionalCurrency.parse('')).toBeUndefined();
		expect(optionalCurrency.parse('EUR')).toBe('EUR');
	});
});

describe('errors', () => {
	function caught(run: () => void): any {
		try {
			run();
		} catch (error) {
			return error;
		}
		throw new Error('nothing thrown');
	}

	it('throws a NodeOperationError naming the field, the line and the item', () => {
		const schema = z.object({ lines: z.array(z.object({ price: money() })) });
		const error = caught(() => validate(ctx, schema, { lines: [{ price: 1 }, { price: 'x' }] }, 3, { 'lines.*.price': 'Price' }));
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe("Invalid input in item 3: 'Price' (lines #2 price): must be a number like 25.00");
		expect(error.description).toBe("Nothing was sent. Fix this and run again:\n- 'Price' (lines #2 price): must be a number like 25.00");
	});

	it('reports cross-field problems the same way', () => {
		expect(() => failOnProblems(ctx, 0, [])).not.toThrow();
		const error = caught(() =>
			failOnProblems(ctx, 1, [
				{ label: 'Due Date', message: 'must not be before the invoice date' },
				{ label: 'Currency', message: 'is wrong' },
			]),
		);
		expect(error.message).toBe("Invalid input in item 1: 'Due Date': must not be before the invoice date");
		expect(error.description).toBe("Nothing was sent. Fix these and run again:\n- 'Due Date': must not be before the invoice date\n- 'Currency': is wrong");
	});
});
