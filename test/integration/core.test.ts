/**
 * The shared request core over real HTTP: what it trusts from the wire. A throw-away provider
 * ("Acme", key in an `apiKey` header) talks to a scriptable server; a second origin records whatever
 * reaches it, so a followed redirect shows up as a request there.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { apiRequest, bodyText, parseJson, statusSummary, snippet, type ProviderConfig, type RawResponse } from '../../nodes/shared/request';
import { createContext } from '../helpers/harness';

const KEY = 'AcMeKey-7f3c9e21b4d8a6';

interface Seen {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

interface Reply {
	status: number;
	headers?: Record<string, string>;
	body?: string;
}

function server() {
	const seen: Seen[] = [];
	let next: (req: Seen) => Reply = () => ({ status: 200, body: '{}' });
	const srv = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
			seen.push(entry);
			const reply = next(entry);
			res.writeHead(reply.status, reply.headers ?? { 'Content-Type': 'application/json' });
			res.end(reply.body ?? '');
		});
	});
	return {
		seen,
		reply(fn: (req: Seen) => Reply) {
			next = fn;
		},
		async start(): Promise<string> {
			await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
			return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
		},
		stop: () => new Promise<void>((resolve) => srv.close(() => resolve())),
	};
}

const api = server();
const other = server();
let apiUrl = '';
let otherUrl = '';

const ACME: ProviderConfig = { name: 'Acme', credentialType: 'acmeApi', secretFields: ['apiKey'], credentialHint: 'Check the Acme key.' };

const acmeCredential: ICredentialType = {
	name: 'acmeApi',
	displayName: 'Acme',
	properties: [],
	async authenticate(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions) {
		if (credentials.broken) throw new Error('The Acme credential has no base URL');
		return { ...options, baseURL: String(credentials.baseUrl), headers: { ...(options.headers ?? {}), apiKey: String(credentials.apiKey) } };
	},
};

function ctx() {
	return createContext({
		node: { description: { properties: [] } } as any,
		credentialType: acmeCredential,
		credentials: { apiKey: KEY, baseUrl: apiUrl },
		params: {},
	}).context;
}

const readJson = (response: RawResponse) =>
	response.statusCode >= 200 && response.statusCode < 300
		? (() => {
				const parsed = parseJson(response);
				return parsed.ok
					? ({ ok: true, data: parsed.value } as const)
					: ({ ok: false, failure: { message: 'Acme sent no JSON', providerMessage: snippet(parsed.text) } } as const);
			})()
		: ({ ok: false, failure: { ...statusSummary(ACME, response.statusCode, 'test'), providerMessage: snippet(bodyText(response)) } } as const);

async function failure(promise: Promise<unknown>): Promise<any> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected a failure');
}

/** Every text a user can see of an error, in one string. */
function everything(error: any): string {
	return [error.message, error.description, JSON.stringify(error.cause ?? null), JSON.stringify(error.context ?? null), error.stack, JSON.stringify(error)].join('\n');
}

beforeAll(async () => {
	apiUrl = await api.start();
	otherUrl = await other.start();
});
afterAll(async () => {
	await api.stop();
	await other.stop();
});
beforeEach(() => {
	api.seen.length = 0;
	other.seen.length = 0;
});

describe('redaction', () => {
	it('redacts before shortening: a key cut at the snippet boundary leaves no prefix behind', async () => {
		api.reply(() => ({ status: 400, body: `${'x'.repeat(290)}${KEY}${'y'.repeat(50)}` }));
		const error = await failure(apiRequest(ctx(), ACME, { method: 'GET', url: '/a', kind: 'read', action: 'test', interpret: readJson }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(everything(error)).not.toContain(KEY.slice(0, 6));
		expect(error.description).toContain('***');
	});

	it('redacts secret-named fields before shortening them', async () => {
		api.reply(() => ({ status: 400, body: `{"note":"${'x'.repeat(262)}","bank_password":"Hunter2SecretPw99"}` }));
		const error = await failure(apiRequest(ctx(), ACME, { method: 'GET', url: '/a', kind: 'read', action: 'test', interpret: readJson }));
		expect(everything(error)).not.toContain('Hunte');
	});

	it('redacts a Location before shortening it', async () => {
		const location = `https://acme.example/login?next=${encodeURIComponent(`/x?${'p'.repeat(140)}&api_key=${KEY}`)}`;
		api.reply(() => ({ status: 302, headers: { Location: location } }));
		const redirect = await failure(apiRequest(ctx(), ACME, { method: 'GET', url: '/a', kind: 'read', action: 'test', interpret: readJson }));
		expect(everything(redirect)).not.toContain(KEY.slice(0, 6));
		expect(everything(redirect)).not.toContain(encodeURIComponent(KEY).slice(0, 6));
	});

	it('masks a key echoed in another letter case or encoding', async () => {
		api.reply(() => ({
			status: 500,
			body: `ERROR: USER ${KEY.toUpperCase()} NOT FOUND; ${KEY.toLowerCase()}; ${encodeURIComponent(KEY)}`,
		}));
		const error = await failure(apiRequest(ctx(), ACME, { method: 'GET', url: '/a', kind: 'read', action: 'test', interpret: readJson, retry: { maxRetries: 0 } }));
		const text = everything(error).toLowerCase();
		expect(text).not.toContain(KEY.toLowerCase());
		expect(error.description).toContain('Acme said: ERROR: USER *** NOT FOUND; ***; ***');
	});

	it('masks a key the provider echoes in a successful answer, in any case', async () => {
		api.reply(() => ({ status: 200, body: JSON.stringify({ echo: `key=${KEY.toUpperCase()}`, nested: [{ note: KEY }], apiKey: 'tenant-key' }) }));
		const data = await apiRequest(ctx(), ACME, { method: 'GET', url: '/a', kind: 'read', action: 'test', interpret: readJson });
		expect(data).toEqual({ echo: 'key=***', nested: [{ note: '***' }], apiKey: '***' });
	});
});

describe('redirects', () => {
	it.each([301, 302, 303, 307, 308])('does not follow a %i on a read and names the Location', async (status) => {
		api.reply(() => ({ status, headers: { Location: `${otherUrl}/stolen` } }));
		const error = await failure(apiRequest(ctx(), ACME, { method: 'GET', url: '/a?x=1', kind: 'read', action: 'list things', interpret: readJson }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(`Acme answered with a redirect (HTTP ${status}) to ${otherUrl}/stolen while trying to list things`);
		expect(error.description).toContain('Fix the base URL or endpoint in the Acme credential');
		expect(error.httpCode).toBe(String(status));
		expect(api.seen).toHaveLength(1);
		expect(other.seen).toHaveLength(0);
	});

	it.each([301, 302, 303, 307, 308])('does not re-post a write after a %i, nor turn it into a success', async (status) => {
		api.reply(() => ({ status, headers: { Location: `${otherUrl}/stolen` } }));
		const error = await failure(
			apiRequest(ctx(), ACME, { method: 'POST', url: '/a', body: `api_key=${KEY}&x=1`, kind: 'write', action: 'create a thing', interpret: readJson }),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.description).toContain('Check in Acme whether the request was processed before running it again.');
		expect(api.seen).toHaveLength(1);
		expect(api.seen[0].method).toBe('POST');
		expect(other.seen).toHaveLength(0);
	});
});

describe('failures before a request leaves', () => {
	it('refuses a lone surrogate in the query with a NodeOperationError, sending nothing', async () => {
		const error = await failure(apiRequest(ctx(), ACME, { method: 'GET', url: '/a', qs: { q: 'ab\uD800c' }, kind: 'read', action: 'search', interpret: readJson, itemIndex: 2 }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe("A value in query parameter 'q' cannot be sent to Acme while trying to search");
		expect(error.description).toMatch(/^Nothing was sent\./);
		expect(api.seen).toHaveLength(0);
	});

	it('refuses a lone surrogate in a body', async () => {
		const error = await failure(apiRequest(ctx(), ACME, { method: 'POST', url: '/a', body: '{"a":"\uDC00"}', kind: 'write', action: 'create', interpret: readJson }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('A value in the request body cannot be sent to Acme while trying to create');
		expect(api.seen).toHaveLength(0);
	});

	it('reports a credential that cannot build the request as a NodeOperationError, not a network error', async () => {
		const context = createContext({
			node: { description: { properties: [] } } as any,
			credentialType: acmeCredential,
			credentials: { apiKey: KEY, broken: true },
			params: {},
		}).context;
		const error = await failure(apiRequest(context, ACME, { method: 'GET', url: '/a', kind: 'read', action: 'list', interpret: readJson }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Could not send the request to Acme while trying to list: The Acme credential has no base URL');
		expect(error.message).not.toMatch(/reach/);
	});
});

describe('unusable answers after a write', () => {
	it('says the provider may have processed a write that got a 500 or an unusable 2xx', async () => {
		api.reply(() => ({ status: 200, body: '' }));
		const error = await failure(apiRequest(ctx(), ACME, { method: 'POST', url: '/a', body: 'x=1', kind: 'write', action: 'create a thing', interpret: readJson }));
		expect(error.description).toContain('Acme may have processed the request, so it was not sent again: check in Acme before running it again, so nothing is created twice.');
		expect(api.seen).toHaveLength(1);
		api.reply(() => ({ status: 500, body: 'boom' }));
		const second = await failure(apiRequest(ctx(), ACME, { method: 'POST', url: '/a', body: 'x=1', kind: 'write', action: 'create a thing', interpret: readJson }));
		expect(second.description).toContain('Acme may have processed the request');
		expect(api.seen).toHaveLength(2);
	});

	it('keeps what a refusal means when redacting its text (an escaped quote after a secret name)', async () => {
		api.reply(() => ({ status: 200, body: '{"status":false,"message":"Rangt: api_key=\\"abc\\" er ekki til"}' }));
		const envelope = (response: RawResponse) => {
			const parsed = parseJson(response);
			if (!parsed.ok) return { ok: false, failure: { message: 'Acme sent no JSON', providerMessage: snippet(parsed.text) } } as const;
			const body = parsed.value as { message: string };
			return { ok: false, failure: { message: 'Acme refused the key', providerMessage: body.message, refused: true } } as const;
		};
		const error = await failure(apiRequest(ctx(), ACME, { method: 'POST', url: '/a', body: 'x=1', kind: 'write', action: 'create', interpret: envelope }));
		expect(error.message).toBe('Acme refused the key');
		expect(error.description).toBe('Acme said: Rangt: api_key="***" er ekki til\nHTTP status: 200');
	});

	it('tells a write that got an unusable 2xx only to check, never to simply try again', async () => {
		api.reply(() => ({ status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html>Welcome</html>' }));
		const error = await failure(apiRequest(ctx(), ACME, { method: 'POST', url: '/a', body: 'x=1', kind: 'write', action: 'create a thing', interpret: readJson }));
		expect(error.description).toBe(
			'Acme said: <html>Welcome</html>\nHTTP status: 200\nAcme may have processed the request, so it was not sent again: check in Acme before running it again, so nothing is created twice. If this keeps happening, check the base URL or endpoint in the Acme credential.',
		);
	});

	it('does not say so when the provider answered that it refused the write', async () => {
		api.reply(() => ({ status: 200, body: 'ERROR: NOPE' }));
		const refused = (response: RawResponse) => ({ ok: false, failure: { message: 'Acme refused', providerMessage: bodyText(response), refused: true } }) as const;
		const error = await failure(apiRequest(ctx(), ACME, { method: 'POST', url: '/a', body: 'x=1', kind: 'write', action: 'create a thing', interpret: refused }));
		expect(error.message).toBe('Acme refused');
		expect(error.description).toBe('Acme said: ERROR: NOPE\nHTTP status: 200');
	});
});
