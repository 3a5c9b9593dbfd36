/**
 * The shared request core's pure parts: retry policy, redaction, validation, encoders, paging.
 */
import { z } from 'zod';
import { collectPages } from '../../nodes/shared/paging';
import { formBody, jsonBody, multipartBody } from '../../nodes/shared/encode';
import { redactText, redactValue, stripFields, REDACTED } from '../../nodes/shared/redact';
import {
	DEFAULT_RETRY,
	describeNetworkError,
	isRetryableNetworkError,
	isRetryableStatus,
	parseRetryAfter,
	retryDelay,
} from '../../nodes/shared/retry';
import { hasControlCharacters, isoDate, listShape, money, numericId, optionalText, safeId, text, validate } from '../../nodes/shared/validation';

describe('retry policy', () => {
	it('retries reads on 429/502/503/504 only', () => {
		for (const status of [429, 502, 503, 504]) expect(isRetryableStatus('read', status)).toBe(true);
		for (const status of [400, 401, 403, 404, 409, 422, 500, 501]) expect(isRetryableStatus('read', status)).toBe(false);
	});

	it('retries writes only on 429 (rejected before processing)', () => {
		expect(isRetryableStatus('write', 429)).toBe(true);
		for (const status of [500, 502, 503, 504]) expect(isRetryableStatus('write', status)).toBe(false);
	});

	it('retries a write only when the connection never opened', () => {
		expect(isRetryableNetworkError('write', { code: 'ECONNREFUSED', message: '', timedOut: false })).toBe(true);
		expect(isRetryableNetworkError('write', { code: 'ECONNRESET', message: '', timedOut: false })).toBe(false);
		expect(isRetryableNetworkError('write', { code: 'ECONNABORTED', message: 'timeout', timedOut: true })).toBe(false);
		expect(isRetryableNetworkError('read', { code: 'ECONNRESET', message: '', timedOut: false })).toBe(true);
		expect(isRetryableNetworkError('read', { code: undefined, message: 'timeout of 10ms exceeded', timedOut: true })).toBe(true);
		expect(isRetryableNetworkError('read', { code: 'EPROTO', message: '', timedOut: false })).toBe(false);
	});

	it('finds the network code in nested causes and recognises timeouts', () => {
		const error = { message: 'wrapped', cause: { message: 'inner', code: 'ECONNRESET' } };
		expect(describeNetworkError(error)).toMatchObject({ code: 'ECONNRESET', timedOut: false });
		expect(describeNetworkError(new Error('timeout of 1000ms exceeded')).timedOut).toBe(true);
		expect(describeNetworkError(new Error('socket hang up')).code).toBe('ECONNRESET');
		const circular: any = { message: 'x' };
		circular.cause = circular;
		expect(describeNetworkError(circular).message).toBe('x');
	});

	it('parses Retry-After as seconds or an HTTP date', () => {
		const now = Date.parse('2026-11-21T12:00:00Z');
		expect(parseRetryAfter('2', now)).toBe(2000);
		expect(parseRetryAfter('0.5', now)).toBe(500);
		expect(parseRetryAfter(['3'], now)).toBe(3000);
		expect(parseRetryAfter('Sat, 21 Nov 2026 12:00:07 GMT', now)).toBe(7000);
		expect(parseRetryAfter('Sat, 21 Nov 2026 11:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
		expect(parseRetryAfter('', now)).toBeUndefined();
	});

	it('backs off exponentially with jitter, honours and caps Retry-After', () => {
		const options = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(retryDelay(0, options, undefined, () => 0)).toBe(50);
		expect(retryDelay(0, options, undefined, () => 1)).toBe(100);
		expect(retryDelay(2, options, undefined, () => 1)).toBe(400);
		expect(retryDelay(10, options, undefined, () => 1)).toBe(1000);
		expect(retryDelay(0, options, 700)).toBe(700);
		expect(retryDelay(0, options, 60_000)).toBe(1000);
	});
});

describe('redaction', () => {
	it('masks secret query/form fields, JSON fields and XML elements', () => {
		expect(redactText('GET /hello?username=a&api_key=SECRET123&x=1')).toBe(`GET /hello?username=a&api_key=${REDACTED}&x=1`);
		expect(redactText('api_key=SECRET&insert_income=TRUE')).toBe(`api_key=${REDACTED}&insert_income=TRUE`);
		expect(redactText('{"apiKey": "abc", "name": "x"}')).toBe(`{"apiKey":"${REDACTED}", "name": "x"}`);
		expect(redactText('<user_api_key xsi:type="xsd:string">k-1</user_api_key><name>n</name>')).toBe(
			`<user_api_key xsi:type="xsd:string">${REDACTED}</user_api_key><name>n</name>`,
		);
		expect(redactText('<n1:vendor_api_key>v</n1:vendor_api_key>')).toBe(`<n1:vendor_api_key>${REDACTED}</n1:vendor_api_key>`);
	});

	it('masks known secret values anywhere, raw and URL-encoded', () => {
		expect(redactText('the key k3y+with/slash leaked', ['k3y+with/slash'])).toBe(`the key ${REDACTED} leaked`);
		expect(redactText('q=k3y%2Bwith%2Fslash', ['k3y+with/slash'])).toBe(`q=${REDACTED}`);
		expect(redactText('short ab stays', ['ab'])).toBe('short ab stays');
	});

	it('deep-redacts values and strips tenant secrets', () => {
		const tenant = { name: 'T', api_key: 'x', bank_password: 'p', nested: [{ password: 'q', ok: 'secret-v' }] };
		expect(redactValue(tenant, ['secret-v'])).toEqual({
			name: 'T',
			api_key: REDACTED,
			bank_password: REDACTED,
			nested: [{ password: REDACTED, ok: REDACTED }],
		});
		expect(redactValue(tenant, [], true)).toEqual({ name: 'T', nested: [{ ok: 'secret-v' }] });
		expect(stripFields({ a: 1, api_key: 2, bank_username: 3, claim: 4 }, ['claim'])).toEqual({ a: 1 });
	});
});

describe('validation', () => {
	const ctx = { getNode: () => ({ name: 'X', type: 'x', typeVersion: 1, position: [0, 0], parameters: {}, id: '1' }) } as any;

	it('accepts real ISO dates and cuts date-times to the date', () => {
		expect(isoDate.parse('2026-02-28')).toBe('2026-02-28');
		expect(isoDate.parse('2026-02-28T10:00:00Z')).toBe('2026-02-28');
		expect(isoDate.safeParse('2026-02-30').success).toBe(false);
		expect(isoDate.safeParse('28.02.2026').success).toBe(false);
		expect(isoDate.safeParse('2026-2-3').success).toBe(false);
	});

	it('accepts money with at most two decimals', () => {
		expect(money.parse('25.5')).toBe(25.5);
		expect(money.parse(10)).toBe(10);
		expect(money.parse('0.07')).toBe(0.07);
		expect(money.safeParse('1.005').success).toBe(false);
		expect(money.safeParse('abc').success).toBe(false);
	});

	it('checks two decimals at any size and takes only decimal text, not other values', () => {
		for (const ok of [583238097.31, 134217966.3, 99999999999.99, 0.1 + 0.2, -12.5]) expect(money.safeParse(ok).success).toBe(true);
		for (const bad of [600000.123, 1000000.005, 99999999999.991]) expect(money.safeParse(bad).success).toBe(false);
		for (const bad of [true, '0x10', '1e3', [], '']) expect(money.safeParse(bad).success).toBe(false);
		expect(money.parse(' -3.50 ')).toBe(-3.5);
		expect(listShape.limit.parse('5')).toBe(5);
		expect(listShape.returnAll.parse('false')).toBe(false);
		expect(listShape.limit.safeParse('5.5').success).toBe(false);
		expect(listShape.limit.safeParse(true).success).toBe(false);
	});

	it('checks text lengths and IDs', () => {
		expect(text(5).safeParse('  abc ').success).toBe(true);
		expect(text(5).safeParse('abcdef').success).toBe(false);
		expect(text(5).safeParse('   ').success).toBe(false);
		expect(optionalText(3).parse('')).toBeUndefined();
		expect(optionalText(3).safeParse('abcd').success).toBe(false);
		expect(text(5).parse(12345)).toBe('12345');
		expect(text(2).safeParse('😀😀').success).toBe(true);
		expect(text(1).safeParse('😀😀').success).toBe(false);
		expect(text(9).safeParse('a\nb').success).toBe(false);
		expect(text(9).safeParse(null).success).toBe(false);
		expect(text(9).safeParse({ a: 1 }).success).toBe(false);
		expect(optionalText(9).parse(null)).toBeUndefined();
		expect(optionalText(9).parse('  x ')).toBe('x');
		expect(optionalText(9).safeParse('a\tb').success).toBe(false);
		expect(hasControlCharacters('æøå 😀')).toBe(false);
		expect(hasControlCharacters('a\u0085b')).toBe(true);
		expect(numericId.parse(' 42 ')).toBe('42');
		for (const bad of ['0', '-1', '1/2', '../3', '1e3', '']) expect(numericId.safeParse(bad).success).toBe(false);
		expect(safeId.safeParse('abc-DEF_1').success).toBe(true);
		expect(safeId.safeParse('a/b').success).toBe(false);
	});

	it('throws a NodeOperationError naming the field, the line and the item', () => {
		const schema = z.object({ lines: z.array(z.object({ price: money })) });
		let error: any;
		try {
			validate(ctx, schema, { lines: [{ price: 1 }, { price: 'x' }] }, 3, { 'lines.*.price': 'Price' });
		} catch (e) {
			error = e;
		}
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe("Invalid input in item 3: 'Price' (lines #2 price): must be a number like 25.00");
		expect(error.description).toContain('Nothing was sent');
	});
});

describe('encoders', () => {
	it('form-encodes in order, leaves out unset values, escapes everything', () => {
		const { body, headers } = formBody([
			['a', 'x y'],
			['skip', undefined],
			['b', '&=+%'],
			['c', 'æø 😀'],
			['d', 2],
			['e', null],
		]);
		expect(body).toBe('a=x+y&b=%26%3D%2B%25&c=%C3%A6%C3%B8+%F0%9F%98%80&d=2');
		expect(headers['Content-Type']).toContain('application/x-www-form-urlencoded');
		expect([...new URLSearchParams(body as string)]).toEqual([
			['a', 'x y'],
			['b', '&=+%'],
			['c', 'æø 😀'],
			['d', '2'],
		]);
	});

	it('builds JSON and multipart bodies', () => {
		expect(jsonBody({ a: 1 })).toEqual({ body: '{"a":1}', headers: { 'Content-Type': 'application/json; charset=utf-8' } });
		const { body, headers } = multipartBody([
			{ name: 'file', value: Buffer.from([0, 1, 2]), filename: 'a"b.pdf', contentType: 'application/pdf' },
			{ name: 'note', value: 'hi' },
		]);
		const boundary = headers['Content-Type'].split('boundary=')[1];
		const text = (body as Buffer).toString('latin1');
		expect(text.startsWith(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a%22b.pdf"\r\nContent-Type: application/pdf\r\n\r\n\u0000\u0001\u0002\r\n`)).toBe(true);
		expect(text.endsWith(`name="note"\r\n\r\nhi\r\n--${boundary}--\r\n`)).toBe(true);
	});
});

describe('paging', () => {
	const pages = [[1, 2, 3], [4, 5, 6], [7]];
	const fetchPage = jest.fn(async (page: number) => ({ items: pages[page] ?? [], hasMore: page < pages.length - 1 }));
	beforeEach(() => fetchPage.mockClear());

	it('collects every page until the API says it is done', async () => {
		expect(await collectPages({ fetchPage })).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(fetchPage).toHaveBeenCalledTimes(3);
	});

	it('stops as soon as the limit is reached', async () => {
		expect(await collectPages({ fetchPage, limit: 4 })).toEqual([1, 2, 3, 4]);
		expect(fetchPage).toHaveBeenCalledTimes(2);
	});

	it('stops on an empty page and at maxPages', async () => {
		const endless = jest.fn(async () => ({ items: [1], hasMore: true }));
		expect(await collectPages({ fetchPage: endless, maxPages: 5 })).toHaveLength(5);
		const empty = jest.fn(async () => ({ items: [] as number[], hasMore: true }));
		expect(await collectPages({ fetchPage: empty })).toEqual([]);
		expect(empty).toHaveBeenCalledTimes(1);
	});
});
