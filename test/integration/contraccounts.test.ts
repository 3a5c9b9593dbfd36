/**
 * Contraccounts against its simulator, through the node's real code path.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import type { IHttpRequestOptions } from 'n8n-workflow';
import { Contraccounts } from '../../nodes/Contraccounts/Contraccounts.node';
import {
	ContraccountsApi,
	contraccountsEndpoint,
	prependApiKey,
} from '../../credentials/ContraccountsApi.credentials';
import { createSimulator, type ContraccountsSimulator } from '../../sandbox/contraccounts';
import { SANDBOX_KEYS } from '../../sandbox/credentials';
import { isRetryableNetworkError } from '../../nodes/shared/retry';
import { runJson, runNode, testCredential, type Params } from '../helpers/harness';

let sim: ContraccountsSimulator;
let url: string;
const node = new Contraccounts();
const credentialType = new ContraccountsApi();
const KEY = SANDBOX_KEYS.contraccounts.apiKey;
const WRONG_KEY = 'cc-WRONG-key-Zq81&x=1';

const credentials = (overrides: Record<string, unknown> = {}) => ({
	endpointUrl: `${url}/api.php`,
	apiKey: KEY,
	timeoutSeconds: 2,
	...overrides,
});

const base: Params = {
	resource: 'income',
	operation: 'insert',
	productId: '12345',
	grossAmount: 25,
	paymentMethod: 'Debit Card',
	buyerName: 'John Doe',
	additionalFields: {},
	options: {},
};

const run = (params: Params | Params[], extra: Partial<Parameters<typeof runNode>[0]> = {}) =>
	runNode({ node, credentialType, credentials: credentials(), params, ...extra });

const errorText = (error: any) =>
	JSON.stringify({ message: error.message, description: error.description, context: error.context, cause: String(error.cause ?? '') });

beforeAll(async () => {
	sim = createSimulator();
	url = await sim.start();
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
	const server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

describe('Contraccounts node description', () => {
	it('is a usable-as-tool action node with the credential, a subtitle and Income → Insert', () => {
		const d = node.description;
		expect(d.name).toBe('contraccounts');
		expect(d.usableAsTool).toBe(true);
		expect(d.subtitle).toContain('$parameter["operation"]');
		expect(d.credentials).toEqual([{ name: 'contraccountsApi', required: true }]);
		const operation = d.properties.find((p) => p.name === 'operation')!;
		expect(operation.options).toEqual([expect.objectContaining({ value: 'insert', action: 'Insert an income' })]);
	});
});

describe('Contraccounts credential', () => {
	it('passes the connection test by POSTing only api_key to the endpoint', async () => {
		expect(await testCredential(credentialType, credentials())).toEqual({ status: 'OK', message: expect.any(String) });
		expect(sim.requests).toHaveLength(1);
		const request = sim.requests[0];
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/api.php');
		expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
		expect(request.rawBody).toBe(`api_key=${KEY}`);
	});

	it('fails the connection test when the simulator rejects the key (HTTP 401)', async () => {
		const result = await testCredential(credentialType, credentials({ apiKey: WRONG_KEY }));
		expect(result).toEqual({ status: 'Error', message: 'Contraccounts rejected the API key (HTTP 401). Check the API key.' });
		expect(sim.requests[0].formFields).toEqual([['api_key', WRONG_KEY]]);
	});

	it('fails the connection test with a clear message when nothing answers at the endpoint path (HTTP 404)', async () => {
		const result = await testCredential(credentialType, credentials({ endpointUrl: `${url}/wrong.php` }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('HTTP 404');
	});

	it.each([
		['', 'is empty'],
		['not a url', 'not a valid URL'],
		['ftp://example.com/api.php', 'must start with https:// or http://'],
		['https://user:pw@example.com/api.php', 'must not contain a user name or password'],
		['/api.php', 'not a valid URL'],
	])('rejects the endpoint %j with a clear message and sends nothing', async (endpointUrl, message) => {
		const result = await testCredential(credentialType, credentials({ endpointUrl }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain(message);
		expect(sim.requests).toHaveLength(0);
	});

	it('accepts absolute http(s) endpoints as given (trimmed)', () => {
		expect(contraccountsEndpoint({ endpointUrl: ' https://www.example.com/x/api.php?v=2 ' })).toEqual({
			ok: true,
			url: 'https://www.example.com/x/api.php?v=2',
		});
		expect(contraccountsEndpoint({ endpointUrl: 'http://127.0.0.1:4103/api.php' })).toEqual({
			ok: true,
			url: 'http://127.0.0.1:4103/api.php',
		});
	});

	it('authenticate: puts the encoded key first, points at the endpoint, merges headers, sets the timeout', async () => {
		const creds = { endpointUrl: 'https://cc.example/api.php', apiKey: 'k&y=+ %æ', timeoutSeconds: 7 };
		const out = await credentialType.authenticate(creds, {
			method: 'POST',
			url: '',
			baseURL: 'https://elsewhere.example',
			headers: { 'X-Trace': '1' },
			body: '&insert_income=TRUE&api_key=sneaky&product_id_income=a+b',
		} as IHttpRequestOptions);
		expect(out.url).toBe('https://cc.example/api.php');
		expect(out.baseURL).toBeUndefined();
		expect(out.timeout).toBe(7000);
		expect(out.headers).toEqual({ 'X-Trace': '1', 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' });
		expect(out.body).toBe('api_key=k%26y%3D%2B+%25%C3%A6&insert_income=TRUE&product_id_income=a+b');
		expect([...new URLSearchParams(out.body as string)][0]).toEqual(['api_key', 'k&y=+ %æ']);
	});

	it('authenticate: handles the empty object body n8n’s credential tester sends, and keeps a given Content-Type', async () => {
		const out = await credentialType.authenticate(
			{ endpointUrl: 'https://cc.example/api.php', apiKey: 'abc' },
			{ url: 'ignored', body: {}, headers: { 'content-type': 'application/x-www-form-urlencoded' }, timeout: 300_000 } as IHttpRequestOptions,
		);
		expect(out.body).toBe('api_key=abc');
		expect(out.method).toBe('POST');
		expect(out.timeout).toBe(300_000);
		expect(out.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded' });
		expect(prependApiKey({ a: 'x y', b: 2 }, 'k')).toBe('api_key=k&a=x+y&b=2');
	});
});

describe('Contraccounts: Income → Insert', () => {
	it('sends the exact ordered, URL-encoded form with api_key first, and returns the raw answer', async () => {
		const out = await runJson({
			node,
			credentialType,
			credentials: credentials(),
			params: {
				...base,
				productId: 'Royalties @ X% & co = 1+1',
				grossAmount: '1250.5',
				paymentMethod: 'Debit Card',
				buyerName: 'Ærlige Øystein Åsen 😀',
				additionalFields: {
					incomeDate: '2026-05-31T00:00:00',
					customIncomeId: 'A&B=C+%',
					quantity: 3,
					vatAmount: 208.42,
					vatRate: '0.20',
				},
			},
		});
		expect(sim.requests).toHaveLength(1);
		const request = sim.requests[0];
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/api.php');
		expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
		const expected: Array<[string, string]> = [
			['api_key', KEY],
			['insert_income', 'TRUE'],
			['product_id_income', 'Royalties @ X% & co = 1+1'],
			['gross_amount_income', '1250.50'],
			['payment_method_income', 'Debit Card'],
			['buyer_name_income', 'Ærlige Øystein Åsen 😀'],
			['custom_income_date', '2026-05-31'],
			['custom_income_id', 'A&B=C+%'],
			['quantity_income', '3'],
			['vat_assign_income', '208.42'],
			['vat_assign_rate_income', '0.20'],
		];
		expect(request.formFields).toEqual(expected);
		expect(request.rawBody).toBe(
			`api_key=${KEY}&insert_income=TRUE&product_id_income=Royalties+%40+X%25+%26+co+%3D+1%2B1` +
				'&gross_amount_income=1250.50&payment_method_income=Debit+Card' +
				'&buyer_name_income=%C3%86rlige+%C3%98ystein+%C3%85sen+%F0%9F%98%80' +
				'&custom_income_date=2026-05-31&custom_income_id=A%26B%3DC%2B%25&quantity_income=3' +
				'&vat_assign_income=208.42&vat_assign_rate_income=0.20',
		);
		expect(out).toEqual([
			{
				statusCode: 200,
				body: 'OK: insert_income id=1 reference=A&B=C+%\n',
				request: { type: 'insert_income', fields: Object.fromEntries(expected.slice(1)) },
			},
		]);
		expect(JSON.stringify(out)).not.toContain(KEY);
		expect(sim.income('A&B=C+%')?.fields.buyer_name_income).toBe('Ærlige Øystein Åsen 😀');
	});

	it('sends only the mandatory fields when nothing optional is set (the document’s example, with VAT at the default rate)', async () => {
		const out = await runJson({
			node,
			credentialType,
			credentials: credentials(),
			params: { ...base, additionalFields: { vatCalculateRate: 'default', customIncomeId: '', incomeDate: '' } },
		});
		expect(sim.requests[0].rawBody).toBe(
			`api_key=${KEY}&insert_income=TRUE&product_id_income=12345&gross_amount_income=25.00` +
				'&payment_method_income=Debit+Card&buyer_name_income=John+Doe&vat_calculate_income=DEFAULT',
		);
		expect(out[0].body).toBe('OK: insert_income id=1\n');
		expect(sim.state.incomes).toHaveLength(1);
	});

	it.each([
		[25, '25.00'],
		['7.5', '7.50'],
		[19.99, '19.99'],
		['0007.10', '7.10'],
		[0.1, '0.10'],
	])('normalises the amount %j to %s', async (grossAmount, sent) => {
		await runJson({ node, credentialType, credentials: credentials(), params: { ...base, grossAmount } });
		expect((sim.requests[0].body as Record<string, string>).gross_amount_income).toBe(sent);
	});

	it.each([
		['2026-07-15T23:30:00Z', '2026-07-16'],
		['2026-01-15T23:30:00Z', '2026-01-15'],
		['2026-07-15T00:30:00+02:00', '2026-07-14'],
		['2026-07-15T23:30:00', '2026-07-15'],
	])('sends the date-time %s as its UK calendar date %s', async (incomeDate, sent) => {
		await runJson({ node, credentialType, credentials: credentials(), params: { ...base, additionalFields: { incomeDate } } });
		expect((sim.requests[0].body as Record<string, string>).custom_income_date).toBe(sent);
	});

	it.each([
		// Midnight in its own offset ($today) is that date; any other instant ($now) the UK date.
		['$today in an instance set to Europe/Oslo', '2026-03-02', DateTime.fromISO('2026-03-02T00:00:00', { zone: 'Europe/Oslo' })],
		['$now late in the evening in New York (already the 16th in the UK)', '2026-07-16', DateTime.fromISO('2026-07-15T23:30:00', { zone: 'America/New_York' })],
		// A JS Date is an instant: its UK date.
		['a JS Date at midnight in Oslo', '2026-03-01', new Date('2026-03-01T23:00:00Z')],
		['an ISO date-time at 24:00 (the next day)', '2026-03-02', '2026-03-01T24:00'],
	])('sends %s as the date %s', async (_name, sent, incomeDate) => {
		await runJson({ node, credentialType, credentials: credentials(), params: { ...base, additionalFields: { incomeDate } } });
		expect((sim.requests[0].body as Record<string, string>).custom_income_date).toBe(sent);
	});

	it.each([
		['0.20', '0.20'],
		[' default ', 'DEFAULT'],
		[0.2, '0.2'],
		['17.5', '17.5'],
		['0.123456', '0.123456'],
		['100', '100'],
	])('sends the VAT calculation rate %j as %s', async (vatCalculateRate, sent) => {
		await runJson({ node, credentialType, credentials: credentials(), params: { ...base, additionalFields: { vatCalculateRate } } });
		expect((sim.requests[0].body as Record<string, string>).vat_calculate_income).toBe(sent);
	});

	it('adds the parsed body under data when the answer is JSON', async () => {
		sim.injectFault({ status: 200, headers: { 'Content-Type': 'application/json' }, body: { status: 'ok', id: 7 } });
		const out = await runJson({ node, credentialType, credentials: credentials(), params: base });
		expect(out[0]).toMatchObject({ statusCode: 200, body: '{"status":"ok","id":7}', data: { status: 'ok', id: 7 } });
	});

	it('does not interpret words in a 2xx answer (the format is undocumented)', async () => {
		sim.injectFault({ status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ERROR: something' });
		const out = await runJson({ node, credentialType, credentials: credentials(), params: base });
		expect(out[0]).toMatchObject({ statusCode: 200, body: 'ERROR: something' });
		expect(out[0].data).toBeUndefined();
	});
});

describe('Contraccounts: validation before sending', () => {
	const cases: Array<[string, Params, string, string]> = [
		['empty product', { productId: '  ' }, 'Product ID or Name', 'is required'],
		['missing buyer', { buyerName: null }, 'Buyer Name', 'is required'],
		['product as object', { productId: { id: 1 } }, 'Product ID or Name', 'must be text'],
		['comma decimal', { grossAmount: '25,00' }, 'Gross Amount', 'decimal separator, e.g. 25.00'],
		['three decimals', { grossAmount: 25.555 }, 'Gross Amount', 'at most two decimals'],
		['three decimals on a large amount', { grossAmount: 600000.123 }, 'Gross Amount', 'at most two decimals'],
		['zero amount', { grossAmount: 0 }, 'Gross Amount', 'more than 0'],
		['negative amount', { grossAmount: -5 }, 'Gross Amount', "'Gross Amount': must be between 0 and 99999999999.99"],
		['text amount', { grossAmount: 'lots' }, 'Gross Amount', "'Gross Amount': must be a number like 25.00"],
		['exponent amount', { grossAmount: '1e3' }, 'Gross Amount', "'Gross Amount': must be a number like 25.00"],
		['line break', { paymentMethod: 'Debit\nCard' }, 'Payment Method', 'line breaks'],
		['too long name', { buyerName: 'x'.repeat(256) }, 'Buyer Name', 'at most 255 characters'],
		['impossible date', { additionalFields: { incomeDate: '2026-02-30' } }, 'Date', 'real date'],
		['date format', { additionalFields: { incomeDate: '31.05.2026' } }, 'Date', 'YYYY-MM-DD'],
		['year 0000', { additionalFields: { incomeDate: '0000-01-01' } }, 'Date', "'Date': must be between 1000-01-01 and 9999-12-31"],
		[
			'invalid date-time',
			{ additionalFields: { incomeDate: '2026-01-15T25:99' } },
			'Date',
			"'Date': must be a real date written YYYY-MM-DD, or a valid date-time such as 2026-05-31T14:30:00+02:00",
		],
		['lone surrogate', { buyerName: 'Jo\uD800hn' }, 'Buyer Name', "'Buyer Name': contains a character that cannot be sent (U+D800); remove it"],
		['id of 10 characters', { additionalFields: { customIncomeId: '1234567890' } }, 'Reference ID', "'Reference ID': must be at most 9 characters"],
		['non-ASCII id', { additionalFields: { customIncomeId: 'Ærø' } }, 'Reference ID', 'plain letters'],
		['fractional quantity', { additionalFields: { quantity: 1.5 } }, 'Quantity', 'whole number'],
		['zero quantity', { additionalFields: { quantity: 0 } }, 'Quantity', "'Quantity': must be between 1 and 1000000000"],
		['percent rate', { additionalFields: { vatCalculateRate: '20%' } }, 'VAT Calculation Rate', "'VAT Calculation Rate': must be a decimal rate such as 0.20, or DEFAULT for the rate in your Contraccounts settings (write it without %)"],
		['word rate', { additionalFields: { vatCalculateRate: 'standard' } }, 'VAT Calculation Rate', "'VAT Calculation Rate': must be a decimal rate such as 0.20, or DEFAULT for the rate in your Contraccounts settings"],
		['comma rate', { additionalFields: { vatCalculateRate: '0,20' } }, 'VAT Calculation Rate', "'VAT Calculation Rate': must be a decimal rate such as 0.20, or DEFAULT for the rate in your Contraccounts settings (use . as the decimal separator: 0.20)"],
		['negative rate', { additionalFields: { vatCalculateRate: '-0.20' } }, 'VAT Calculation Rate', "'VAT Calculation Rate': must be a decimal rate such as 0.20, or DEFAULT for the rate in your Contraccounts settings"],
		['exponent rate', { additionalFields: { vatCalculateRate: '2e-1' } }, 'VAT Calculation Rate', "'VAT Calculation Rate': must be a decimal rate such as 0.20, or DEFAULT for the rate in your Contraccounts settings"],
		['rate over 100', { additionalFields: { vatCalculateRate: '100.5' } }, 'VAT Calculation Rate', "'VAT Calculation Rate': must be between 0 and 100"],
		['rate with 7 decimals', { additionalFields: { vatCalculateRate: '0.2000001' } }, 'VAT Calculation Rate', "'VAT Calculation Rate': must have at most 6 decimals"],
		['rate with 7 decimals (VAT Rate)', { additionalFields: { vatAmount: 1, vatRate: '0.2000001' } }, 'VAT Rate', "'VAT Rate': must have at most 6 decimals"],
		['reference id number in exponent form', { additionalFields: { customIncomeId: 1e21 } }, 'Reference ID', "'Reference ID': is a number that cannot be written exactly as text (it reads 1e+21); give the value as text"],
		['amount without rate', { additionalFields: { vatAmount: 4.17 } }, 'VAT Rate', "when 'VAT Amount' is set"],
		['rate without amount', { additionalFields: { vatRate: 'DEFAULT' } }, 'VAT Amount', "when 'VAT Rate' is set"],
		[
			'calculate and assign',
			{ additionalFields: { vatCalculateRate: 'DEFAULT', vatAmount: 4.17, vatRate: '0.20' } },
			'VAT Calculation Rate',
			'cannot be combined',
		],
		['VAT above gross', { additionalFields: { vatAmount: 30, vatRate: '0.20' } }, 'VAT Amount', 'more than the Gross Amount'],
		['unknown field', { additionalFields: { colour: 'red' } }, 'Additional Fields', 'Unrecognized key'],
		['control in option', { options: { failIfResponseContains: 'a\tb' } }, 'Fail If Response Contains', 'tabs'],
	];

	it.each(cases)('%s → names the field and the item, sends nothing', async (_name, override, label, message) => {
		const result = await run({ ...base, ...override });
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error.message).toContain(`Invalid input in item 0: '${label}'`);
		expect(`${result.error.message}\n${result.error.description}`).toContain(message);
		expect(result.error.description).toContain('Nothing was sent');
		expect(sim.requests).toHaveLength(0);
	});

	it('names the right item when a later item is invalid, after sending the earlier one', async () => {
		const result = await run([base, { ...base, additionalFields: { customIncomeId: 'much-too-long-id' } }], {
			items: [{}, {}],
		});
		expect(result.error.message).toContain("Invalid input in item 1: 'Reference ID'");
		expect(result.error.context.itemIndex).toBe(1);
		expect(sim.requests).toHaveLength(1);
	});

	it('refuses an unusable endpoint in the credential before sending anything', async () => {
		const result = await runNode({
			node,
			credentialType,
			credentials: credentials({ endpointUrl: 'www.contraccounts.com/api.php' }),
			params: base,
		});
		expect(result.error.constructor.name).toBe('NodeOperationError');
		expect(result.error.message).toContain('no usable Endpoint URL (item 0)');
		expect(result.error.description).toContain('https://');
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Contraccounts: Fail If Response Contains', () => {
	it('fails a 2xx answer that contains the text (ignoring case) and quotes the answer', async () => {
		const params = { ...base, additionalFields: { customIncomeId: 'ORD-1' }, options: { failIfResponseContains: 'error' } };
		expect(await runJson({ node, credentialType, credentials: credentials(), params })).toHaveLength(1);
		const result = await run(params); // the simulator refuses the reused reference with HTTP 200 "ERROR: ..."
		expect(sim.requests).toHaveLength(2);
		expect(result.error.constructor.name).toBe('NodeApiError');
		expect(result.error.message).toBe('Contraccounts answered with text containing "error" while trying to insert income');
		expect(result.error.description).toContain('Contraccounts said: ERROR: insert_income: custom_income_id "ORD-1" is already used');
		expect(result.error.description).toContain("'Fail If Response Contains'");
		expect(result.error.httpCode).toBe('200');
		expect(errorText(result.error)).not.toContain(KEY);
		expect(sim.state.incomes).toHaveLength(1);
	});

	it('lets the same answer through when the option is not set', async () => {
		const params = { ...base, additionalFields: { customIncomeId: 'ORD-2' } };
		await runJson({ node, credentialType, credentials: credentials(), params });
		const out = await runJson({ node, credentialType, credentials: credentials(), params });
		expect(out[0].body).toContain('ERROR: insert_income: custom_income_id "ORD-2" is already used');
	});

	it('does not fail when the text is absent', async () => {
		const out = await runJson({
			node,
			credentialType,
			credentials: credentials(),
			params: { ...base, options: { failIfResponseContains: 'ERROR' } },
		});
		expect(out[0].body).toBe('OK: insert_income id=1\n');
	});
});

describe('Contraccounts: API failures and retries', () => {
	it('turns a wrong key (HTTP 401) into a NodeApiError with the answer and no secret', async () => {
		const result = await runNode({ node, credentialType, credentials: credentials({ apiKey: WRONG_KEY }), params: base });
		expect(result.error.constructor.name).toBe('NodeApiError');
		expect(result.error.httpCode).toBe('401');
		expect(result.error.message).toBe('Contraccounts rejected the credentials (HTTP 401) while trying to insert income');
		expect(result.error.description).toContain('Contraccounts said: ERROR: invalid API key');
		expect(result.error.description).toContain('Endpoint URL and the API key');
		expect(errorText(result.error)).not.toContain(WRONG_KEY);
		expect(errorText(result.error)).not.toContain(encodeURIComponent(WRONG_KEY));
		expect(sim.requests).toHaveLength(1);
	});

	it('redacts the key when an error page echoes it', async () => {
		sim.injectFault({ status: 500, body: `Fatal error: bad request api_key=${KEY}&insert_income=TRUE (key ${KEY})` });
		const result = await run(base);
		expect(result.error.httpCode).toBe('500');
		expect(result.error.description).toContain('Fatal error: bad request api_key=***');
		expect(errorText(result.error)).not.toContain(KEY);
	});

	it.each([
		[503, {}],
		[502, {}],
		[429, { 'Retry-After': '0' }],
	])('does not re-send the write after HTTP %i', async (status, headers) => {
		sim.injectFault({ status, headers, body: 'Service Unavailable', times: 5 });
		const result = await run(base);
		expect(sim.requests).toHaveLength(1);
		expect(result.error.constructor.name).toBe('NodeApiError');
		expect(result.error.httpCode).toBe(String(status));
		expect(result.error.description).toContain('Contraccounts said: Service Unavailable');
		expect(result.error.description).not.toContain('Gave up after');
	});

	it('does not re-send the write after a timeout, and says it may have been recorded', async () => {
		sim.injectFault({ hang: true });
		const result = await runNode({ node, credentialType, credentials: credentials({ timeoutSeconds: 1 }), params: base });
		expect(sim.requests).toHaveLength(1);
		expect(result.error.message).toBe('Contraccounts did not answer in time while trying to insert income');
		expect(result.error.description).toContain('so it was not sent again');
	});

	it('does not re-send the write after a dropped connection', async () => {
		sim.injectFault({ reset: true });
		const result = await run(base);
		expect(sim.requests).toHaveLength(1);
		expect(result.error.message).toContain('Could not reach Contraccounts');
		expect(result.error.description).toContain('may have processed the request');
	});

	it('retries only when the connection was refused (nothing was sent)', () => {
		expect(isRetryableNetworkError('write', { code: 'ECONNREFUSED', message: '', timedOut: false })).toBe(true);
		for (const code of ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE']) {
			expect(isRetryableNetworkError('write', { code, message: '', timedOut: code === 'ETIMEDOUT' })).toBe(false);
		}
	});

	it('re-sends after a refused connection and the income is recorded exactly once', async () => {
		const port = await closedPort();
		const late = createSimulator();
		const starting = new Promise<void>((resolve, reject) =>
			setTimeout(() => late.start(port).then(() => resolve(), reject), 150),
		);
		try {
			const out = await runJson({
				node,
				credentialType,
				credentials: credentials({ endpointUrl: `http://127.0.0.1:${port}/api.php` }),
				params: base,
			});
			await starting;
			expect(out[0].body).toBe('OK: insert_income id=1\n');
			expect(late.requests).toHaveLength(1);
			expect(late.state.incomes).toHaveLength(1);
		} finally {
			await starting.catch(() => undefined);
			await late.stop();
		}
	});
});

describe('Contraccounts: several items', () => {
	const items = [{ n: 1 }, { n: 2 }, { n: 3 }];
	const perItem: Params[] = [
		{ ...base, productId: 'P-1', grossAmount: 10, buyerName: 'Ann', additionalFields: { customIncomeId: 'I1' } },
		{ ...base, productId: 'P-2', grossAmount: '20.5', buyerName: 'Bo', additionalFields: { quantity: 2 } },
		{ ...base, productId: 'P-3', grossAmount: 30, buyerName: 'Cy', additionalFields: { vatCalculateRate: 0.2 } },
	];

	it('resolves the parameters per item and pairs every output with its item', async () => {
		const result = await run(perItem, { items });
		expect(result.error).toBeUndefined();
		const out = result.output![0];
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sim.requests.map((r) => r.formFields)).toEqual([
			[
				['api_key', KEY],
				['insert_income', 'TRUE'],
				['product_id_income', 'P-1'],
				['gross_amount_income', '10.00'],
				['payment_method_income', 'Debit Card'],
				['buyer_name_income', 'Ann'],
				['custom_income_id', 'I1'],
			],
			[
				['api_key', KEY],
				['insert_income', 'TRUE'],
				['product_id_income', 'P-2'],
				['gross_amount_income', '20.50'],
				['payment_method_income', 'Debit Card'],
				['buyer_name_income', 'Bo'],
				['quantity_income', '2'],
			],
			[
				['api_key', KEY],
				['insert_income', 'TRUE'],
				['product_id_income', 'P-3'],
				['gross_amount_income', '30.00'],
				['payment_method_income', 'Debit Card'],
				['buyer_name_income', 'Cy'],
				['vat_calculate_income', '0.2'],
			],
		]);
		expect(out.map((i) => i.json.body)).toEqual([
			'OK: insert_income id=1 reference=I1\n',
			'OK: insert_income id=2\n',
			'OK: insert_income id=3\n',
		]);
	});

	it('with Continue On Fail, returns an error item for the failed items only, each paired to its item', async () => {
		const params = [perItem[0], { ...perItem[1], grossAmount: '20,50' }, perItem[2]];
		const result = await run(params, { items, continueOnFail: true });
		expect(result.error).toBeUndefined();
		const out = result.output![0];
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.body).toBe('OK: insert_income id=1 reference=I1\n');
		expect(out[1].json.error).toContain("Invalid input in item 1: 'Gross Amount'");
		expect(out[2].json.body).toBe('OK: insert_income id=2\n');
		expect(sim.requests).toHaveLength(2);
	});

	it('with Continue On Fail, reports API failures per item without the key', async () => {
		const result = await runNode({
			node,
			credentialType,
			credentials: credentials({ apiKey: WRONG_KEY }),
			params: perItem,
			items,
			continueOnFail: true,
		});
		const out = result.output![0];
		expect(out).toHaveLength(3);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json).toMatchObject({ httpCode: '401', error: expect.stringContaining('HTTP 401') });
		expect(JSON.stringify(out)).not.toContain(WRONG_KEY);
		expect(sim.requests).toHaveLength(3);
	});
});

describe('Contraccounts simulator', () => {
	const post = async (body: string, contentType = 'application/x-www-form-urlencoded') => {
		const response = await fetch(`${url}/api.php`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
		return { status: response.status, text: await response.text() };
	};

	it('carries out the document’s combined income + expense example in one request', async () => {
		const body =
			`&api_key=${KEY}&insert_income=TRUE&product_id_income=12345&gross_amount_income=25.00` +
			'&payment_method_income=Debit%20Card&buyer_name_income=John%20Doe&insert_expense=TRUE' +
			'&product_id_expense=Royalties%20%40%20X%25&gross_amount_expense=5.00&payment_method_expense=BACS' +
			'&recipient_expense=The%20Development%20Team%20LTD';
		expect(await post(body)).toEqual({ status: 200, text: 'OK: insert_income id=1\nOK: insert_expense id=2\n' });
		expect(sim.state.expenses[0].fields.product_id_expense).toBe('Royalties @ X%');
	});

	it('is strict about the key position, the activation value, duplicates and unknown variables', async () => {
		expect(await post(`insert_income=TRUE&api_key=${KEY}`)).toEqual({ status: 400, text: 'ERROR: the first variable must be api_key\n' });
		expect(await post(`api_key=${KEY}&api_key=${KEY}`)).toMatchObject({ status: 400 });
		expect(await post(`api_key=${KEY}&insert_incom=TRUE`)).toEqual({ status: 400, text: 'ERROR: unknown variable insert_incom\n' });
		expect(await post(`api_key=${KEY}&product_id_income=1`)).toMatchObject({ status: 400, text: expect.stringContaining('without insert_income=TRUE') });
		const lower = await post(`api_key=${KEY}&insert_income=true&product_id_income=1&gross_amount_income=1&payment_method_income=c&buyer_name_income=b`);
		expect(lower).toEqual({ status: 200, text: 'ERROR: insert_income: the activation value must be TRUE (got "true")\n' });
		expect(await post(`api_key=${KEY}`, 'application/json')).toMatchObject({ status: 415 });
		expect((await fetch(`${url}/api.php`)).status).toBe(405);
		expect(sim.state.incomes).toHaveLength(0);
	});

	it('reports every business error of a combined request and stores nothing', async () => {
		const result = await post(
			`api_key=${KEY}&insert_income=TRUE&product_id_income=1&gross_amount_income=25.5&payment_method_income=c` +
				'&buyer_name_income=b&custom_income_id=1234567890&vat_assign_income=1.00&refund=TRUE&refund_reference=nope',
		);
		expect(result.status).toBe(200);
		expect(result.text.trim().split('\n')).toEqual([
			'ERROR: insert_income: gross_amount_income must be an integer or a decimal with 2 decimal places, e.g. 25.00 (got "25.5")',
			'ERROR: insert_income: custom_income_id must be under 10 characters (got "1234567890")',
			'ERROR: insert_income: vat_assign_income and vat_assign_rate_income must be sent together',
			'ERROR: refund: no income with reference "nope"',
		]);
		expect(sim.state.incomes).toHaveLength(0);
	});

	it('refunds an income by its reference, creates and administers invoices', async () => {
		await runJson({ node, credentialType, credentials: credentials(), params: { ...base, additionalFields: { customIncomeId: 'R1' } } });
		expect(await post(`api_key=${KEY}&refund=TRUE&refund_reference=R1&refund_date=2026-06-01`)).toEqual({
			status: 200,
			text: 'OK: refund id=2 reference=R1\n',
		});
		expect(sim.income('R1')?.refundedOn).toBe('2026-06-01');
		const invoice =
			`api_key=${KEY}&create_invoice=TRUE&custom_invoice_id=INV1&service_id_invoice=Consulting&client_invoice=ACME` +
			'&address1_invoice=1%20High%20St&town_invoice=Leeds&county_invoice=West%20Yorkshire&postalcode_invoice=LS1%201AA' +
			'&country_invoice=UK&sub_item_1=Work&sub_item_1_unitprice=100.00&sub_item_1_description=Hours&sub_item_1_quantity=2' +
			'&client_email=a%40acme.test&invoice_admin=TRUE&invoice_reference=INV1&invoice_email=TRUE';
		expect(await post(invoice)).toEqual({
			status: 200,
			text: 'OK: create_invoice id=3 reference=INV1\nOK: invoice_admin reference=INV1 status=Awaiting_Payment\n',
		});
		expect(sim.state.invoices[0]).toMatchObject({ reference: 'INV1', emailsSent: 1 });
		expect(await post(`api_key=${KEY}&invoice_admin=TRUE&invoice_reference=INV1&invoice_paid=TRUE`)).toEqual({
			status: 200,
			text: 'OK: invoice_admin reference=INV1 status=Paid\n',
		});
	});
});
