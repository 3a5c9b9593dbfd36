/**
 * Conta against its simulator, through the node's real code path.
 */
import { Conta } from '../../nodes/Conta/Conta.node';
import { ContaApi } from '../../credentials/ContaApi.credentials';
import { createSimulator, type ContaSimulator } from '../../sandbox/conta';
import { SANDBOX_KEYS } from '../../sandbox/credentials';
import { createContext, runJson, runNode, testCredential, type Params } from '../helpers/harness';

let sim: ContaSimulator;
let url: string;
const node = new Conta();
const credentialType = new ContaApi();

const credentials = (overrides: Record<string, unknown> = {}) => ({
	apiKey: SANDBOX_KEYS.conta.apiKey,
	environment: 'custom',
	baseUrl: url,
	defaultOrganizationId: '',
	timeoutSeconds: 2,
	...overrides,
});

const run = (params: Params | Params[], extra: Partial<Parameters<typeof runNode>[0]> = {}) =>
	runNode({ node, credentialType, credentials: credentials(), params, ...extra });

beforeAll(async () => {
	sim = createSimulator();
	url = await sim.start();
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

describe('Conta credential', () => {
	it('passes the connection test with the right key and sends it in the apiKey header', async () => {
		expect(await testCredential(credentialType, credentials())).toEqual({ status: 'OK', message: expect.any(String) });
		const request = sim.lastRequest()!;
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/invoice/organizations');
		expect(request.headers['apikey']).toBe(SANDBOX_KEYS.conta.apiKey);
	});

	it('fails the connection test with a wrong key', async () => {
		const result = await testCredential(credentialType, credentials({ apiKey: 'wrong' }));
		expect(result.status).toBe('Error');
	});

	it('resolves the production and sandbox base URLs', async () => {
		const { contaBaseUrl } = await import('../../credentials/ContaApi.credentials');
		expect(contaBaseUrl({ environment: 'production' })).toBe('https://api.gateway.conta.no');
		expect(contaBaseUrl({ environment: 'sandbox' })).toBe('https://api.gateway.conta-sandbox.no');
		expect(contaBaseUrl({ environment: 'custom', baseUrl: 'http://x.test/api/' })).toBe('http://x.test/api');
	});
});

describe('Conta: Organization → Get Many', () => {
	const params = { resource: 'organization', operation: 'getAll', returnAll: true, filters: {} };

	it('sends GET /invoice/organizations with the key and English errors, and returns every organization', async () => {
		const out = await runJson({ node, credentialType, credentials: credentials(), params });
		expect(sim.requests).toHaveLength(1);
		const request = sim.requests[0];
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/invoice/organizations');
		expect(request.query).toEqual({});
		expect(request.headers['apikey']).toBe(SANDBOX_KEYS.conta.apiKey);
		expect(request.headers['conta-language']).toBe('EN');
		expect(request.rawBody).toBe('');
		expect(out).toEqual([
			{ id: 101, name: 'Fjordkraft Demo AS', blockedStatus: 'NOT_BLOCKED', active: true },
			{ id: 102, name: 'Nordlys Regnskap AS', blockedStatus: 'NOT_BLOCKED', active: true },
			{ id: 103, name: 'Gammel Butikk AS', blockedStatus: 'DELETED', active: false },
		]);
	});

	it('applies Limit, Active Only and Name Contains', async () => {
		expect(await runJson({ node, credentialType, credentials: credentials(), params: { ...params, returnAll: false, limit: 1 } })).toEqual([
			{ id: 101, name: 'Fjordkraft Demo AS', blockedStatus: 'NOT_BLOCKED', active: true },
		]);
		const active = await runJson({
			node,
			credentialType,
			credentials: credentials(),
			params: { ...params, filters: { activeOnly: true } },
		});
		expect(active.map((o) => o.id)).toEqual([101, 102]);
		const named = await runJson({
			node,
			credentialType,
			credentials: credentials(),
			params: { ...params, filters: { name: 'nordlys' } },
		});
		expect(named.map((o) => o.id)).toEqual([102]);
	});

	it('rejects a bad limit before sending anything', async () => {
		const result = await run({ ...params, returnAll: false, limit: 0 });
		expect(result.error.constructor.name).toBe('NodeOperationError');
		expect(result.error.message).toContain("'Limit'");
		expect(result.error.message).toContain('item 0');
		expect(sim.requests).toHaveLength(0);
	});

	it('turns a wrong key into a NodeApiError with Conta’s message and no secret', async () => {
		const result = await runNode({
			node,
			credentialType,
			credentials: credentials({ apiKey: 'secret-wrong-key-123' }),
			params,
		});
		expect(result.error.constructor.name).toBe('NodeApiError');
		expect(result.error.httpCode).toBe('401');
		expect(result.error.message).toContain('Conta rejected the credentials (HTTP 401)');
		expect(result.error.description).toContain('Login required: the API key is missing, invalid or revoked.');
		expect(JSON.stringify({ m: result.error.message, d: result.error.description })).not.toContain('secret-wrong-key-123');
	});

	it('returns one error item per input item with continueOnFail, paired to its item', async () => {
		const result = await runNode({
			node,
			credentialType,
			credentials: credentials({ apiKey: 'nope-nope' }),
			params: [params, params],
			items: [{ a: 1 }, { a: 2 }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const out = result.output![0];
		expect(out).toHaveLength(2);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json.error).toContain('HTTP 401');
	});

	it('pairs every organization with its input item', async () => {
		const result = await run([params, { ...params, returnAll: false, limit: 1 }], { items: [{}, {}] });
		expect(result.output![0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }, { item: 1 }]);
	});

	it('retries a read on 503 and 429 with Retry-After, then succeeds', async () => {
		sim.injectFault({ pathIncludes: '/invoice/organizations', status: 503, body: { category: 'SYSTEM', name: 'MaintenanceException', messages: { EN: 'Maintenance' } } });
		sim.injectFault({ pathIncludes: '/invoice/organizations', status: 429, headers: { 'Retry-After': '1' }, body: '' });
		const started = Date.now();
		const out = await runJson({ node, credentialType, credentials: credentials(), params });
		expect(out).toHaveLength(3);
		expect(sim.requests).toHaveLength(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // honoured Retry-After: 1
	});

	it('gives up after the retries with the provider message', async () => {
		sim.injectFault({
			pathIncludes: '/invoice/organizations',
			times: 4,
			status: 503,
			headers: { 'Retry-After': '0' },
			body: { category: 'SYSTEM', name: 'MaintenanceException', messages: { EN: 'Conta is down for maintenance.' } },
		});
		const result = await run(params);
		expect(sim.requests).toHaveLength(4);
		expect(result.error.httpCode).toBe('503');
		expect(result.error.description).toContain('Conta is down for maintenance.');
		expect(result.error.description).toContain('Gave up after 4 attempts');
	});

	it('retries a read that timed out', async () => {
		sim.injectFault({ pathIncludes: '/invoice/organizations', hang: true });
		const out = await runJson({ node, credentialType, credentials: credentials({ timeoutSeconds: 1 }), params });
		expect(out).toHaveLength(3);
		expect(sim.requests).toHaveLength(2);
	});

	it('reports a malformed body clearly', async () => {
		sim.injectFault({ pathIncludes: '/invoice/organizations', malformed: true, times: 1 });
		const result = await run(params);
		expect(result.error.message).toContain('not valid JSON');
		expect(sim.requests).toHaveLength(1);
	});
});

describe('Conta organization picker', () => {
	it('lists organizations for the resource locator, searchable by name', async () => {
		const { context } = createContext({ node, credentialType, credentials: credentials(), params: {} });
		const all = await node.methods.listSearch.searchOrganizations.call(context);
		expect(all.results).toEqual([
			{ name: 'Fjordkraft Demo AS (101)', value: '101' },
			{ name: 'Nordlys Regnskap AS (102)', value: '102' },
			{ name: 'Gammel Butikk AS (103, DELETED)', value: '103' },
		]);
		const some = await node.methods.listSearch.searchOrganizations.call(context, 'fjord');
		expect(some.results).toEqual([{ name: 'Fjordkraft Demo AS (101)', value: '101' }]);
	});

	it('falls back to the default organization in the credential and validates the id', async () => {
		const { getOrganizationId } = await import('../../nodes/Conta/actions/common');
		const ctx = (organization: unknown, defaultOrganizationId = '') =>
			createContext({
				node,
				credentialType,
				credentials: credentials({ defaultOrganizationId }),
				params: { organization },
			}).context;
		expect(await getOrganizationId(ctx({ __rl: true, mode: 'list', value: '102' }), 0)).toBe('102');
		expect(await getOrganizationId(ctx({ __rl: true, mode: 'id', value: '' }, '101'), 0)).toBe('101');
		await expect(getOrganizationId(ctx({ __rl: true, mode: 'id', value: '' }), 0)).rejects.toThrow(
			'No organization chosen for item 0',
		);
		await expect(getOrganizationId(ctx({ __rl: true, mode: 'id', value: '../1' }), 0)).rejects.toThrow(
			"Invalid input in item 0: 'Organization': '../1' is not an organization ID",
		);
		await expect(getOrganizationId(ctx({ __rl: true, mode: 'id', value: '' }, '12ab'), 0)).rejects.toThrow(
			"Invalid input in item 0: 'Default Organization ID (Conta credential)': '12ab' is not an organization ID",
		);
		// A number from an expression: exact ones are used, one beyond 2^53 is already rounded and refused.
		expect(await getOrganizationId(ctx({ __rl: true, mode: 'id', value: 102 }), 0)).toBe('102');
		const rounded = await getOrganizationId(ctx({ __rl: true, mode: 'id', value: 123456789012345678 }), 0).catch((error) => error);
		expect([rounded.message, rounded.description]).toEqual([
			"Invalid input in item 0: 'Organization': '123456789012345680' is not an organization ID",
			'The organization ID is too large to be read exactly as a number; give it as text.',
		]);
		const tooLarge = await getOrganizationId(ctx({ __rl: true, mode: 'id', value: '9223372036854775808' }), 0).catch((error) => error);
		expect([tooLarge.message, tooLarge.description]).toEqual([
			"Invalid input in item 0: 'Organization': '9223372036854775808' is not an organization ID",
			'The organization ID is too large for an ID (at most 9223372036854775807).',
		]);
	});
});

describe('Conta: optional ID fields', () => {
	/** Every field of the node's description, with the fields inside collections and fixed collections. */
	function allFields(properties: any[]): any[] {
		return properties.flatMap((p) => [p, ...allFields(p.options?.filter((o: any) => typeof o === 'object' && 'name' in o && ('type' in o || 'values' in o)) ?? []), ...allFields(p.values ?? [])]);
	}

	it('are text fields that default to empty (so empty, not 0, means "not set"); number fields that default to 0 read 0 as not set', () => {
		const fields = allFields(node.description.properties as any[]).filter((f) => f.type && f.type !== 'resourceLocator');
		const ids = fields.filter((f) => /Id$/.test(f.name));
		expect(ids.length).toBeGreaterThan(20);
		for (const f of ids) expect([f.name, f.type, f.default]).toEqual([f.name, 'string', '']);
		// The only numeric "not set" fields: Invoice Number (Create, Credit, Get Many filter), default 0.
		const zeroDefaults = fields.filter((f) => f.type === 'number' && f.default === 0).map((f) => f.name);
		expect([...new Set(zeroDefaults)].sort()).toEqual(['amount', 'defaultInvoiceDiscount', 'discount', 'invoiceNo', 'price']);
	});
});
