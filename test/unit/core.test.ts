/**
 * The shared request core's pure parts: retry policy, redaction, encoders, paging (the value rules
 * are in validation.test.ts).
 */
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
	it('masks a secret in any letter case and in every encoding a provider may echo it in', () => {
		const key = 'SeCrEt/Key+ø=9f3a71';
		const forms = [
			key,
			key.toUpperCase(),
			key.toLowerCase(),
			encodeURIComponent(key),
			new URLSearchParams([['k', key]]).toString().slice(2),
			JSON.stringify(key).slice(1, -1),
			'SeCrEt\\/Key+\\u00f8=9f3a71', // PHP json_encode: \/ and \u00f8
			'SeCrEt\\/Key+\\u00F8=9F3A71',
		];
		for (const form of forms) expect(redactText(`echo [${form}] end`, [key])).toBe(`echo [${REDACTED}] end`);
		expect(redactText('a <k>x&amp;y&lt;z</k>', ['x&y<z'])).toBe(`a <k>${REDACTED}</k>`);
	});

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

describe('encoders', () => {
	it('refuses a value no encoding can carry instead of replacing it', () => {
		// URLSearchParams would turn a lone surrogate into U+FFFD; JSON.stringify into an escape.
		expect(() => formBody([['name', 'a\uD800b']])).toThrow("'name' contains a character that cannot be sent (U+D800); nothing was sent");
		expect(() => jsonBody({ lines: [{ text: 'x\uFFFE' }] })).toThrow("'lines[0].text' contains a character that cannot be sent (U+FFFE)");
		expect(formBody([['name', 'emoji 😀 ok']]).body).toBe('name=emoji+%F0%9F%98%80+ok');
	});

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
