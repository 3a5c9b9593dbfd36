/**
 * Konto inside real n8n: Customer → Get Many with a Limit and with a name search (plus the
 * `npm start` example workflow), and a workflow whose credential has a wrong API key, which must
 * fail with Konto's message and without the key anywhere in the execution.
 */
import exampleWorkflow from '../../../sandbox/workflows/konto.json';
import { SANDBOX_KEYS } from '../../../sandbox/credentials';
import { sandboxCredentials, SANDBOX_CREDENTIAL_IDS, SANDBOX_CREDENTIAL_NAMES } from '../../../sandbox/n8n-credentials';
import type { KontoSimulator } from '../../../sandbox/konto';
import { nodeError, nodeOutput, requestsDuring } from '../n8n-runner';
import type { E2ECase } from '../types';

const WRONG_KEY = 'konto-e2e-WRONG-key-5521zz';
const BAD_CRED = { id: 'konto-bad-cred', name: 'Konto (wrong key)' };
const GOOD_CRED = { id: SANDBOX_CREDENTIAL_IDS.konto, name: SANDBOX_CREDENTIAL_NAMES.konto };

const WF_GET_MANY = 'konto-e2e-get-many';
const WF_BAD_KEY = 'konto-e2e-bad-key';
const WF_EXAMPLE = exampleWorkflow.id;

const SIMPLE_KEYS = [
	'guid',
	'name',
	'registration_no',
	'email',
	'phone_number',
	'address',
	'zip',
	'city',
	'currency',
	'lang',
	'updated_timestamp',
];

function kontoNode(name: string, y: number, parameters: Record<string, unknown>, credential = GOOD_CRED) {
	return {
		id: `konto-e2e-${name.replace(/\W+/g, '-').toLowerCase()}`,
		name,
		type: 'n8n-nodes-bookkeeping.konto',
		typeVersion: 1,
		position: [240, y],
		parameters: { resource: 'customer', operation: 'getAll', simplify: true, filters: {}, ...parameters },
		credentials: { kontoApi: credential },
	};
}

const trigger = {
	id: 'konto-e2e-trigger',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** Trigger → each node (in parallel branches, so every node runs once). */
function workflow(id: string, name: string, nodes: Array<ReturnType<typeof kontoNode>>) {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [trigger, ...nodes],
		connections: { Start: { main: [nodes.map((n) => ({ node: n.name, type: 'main', index: 0 }))] } },
	};
}

const konto: E2ECase = {
	provider: 'konto',

	credentials(urls) {
		const good = sandboxCredentials(urls).filter((c) => c.type === 'kontoApi');
		return [
			...good,
			{
				...BAD_CRED,
				type: 'kontoApi',
				data: {
					username: SANDBOX_KEYS.konto.username,
					apiKey: WRONG_KEY,
					environment: 'custom',
					baseUrl: urls.konto,
				},
			},
		];
	},

	credentialTests: [
		{ credentialId: GOOD_CRED.id, status: 'OK', secret: SANDBOX_KEYS.konto.apiKey },
		{ credentialId: BAD_CRED.id, status: 'Error', messageContains: 'Konto rejected the username or API key', secret: WRONG_KEY },
	],
	workflows() {
		return [
			exampleWorkflow,
			workflow(WF_GET_MANY, 'Konto e2e: customers', [
				kontoNode('Konto Limit', -200, { returnAll: false, limit: 7 }),
				kontoNode('Konto Search', 0, { returnAll: true, filters: { search: 'Þórs' } }),
				kontoNode('Konto Raw', 200, { returnAll: false, limit: 1, simplify: false }),
			]),
			workflow(WF_BAD_KEY, 'Konto e2e: wrong API key', [
				kontoNode('Konto Wrong Key', 0, { returnAll: false, limit: 3 }, BAD_CRED),
			]),
		];
	},

	setup(sims) {
		sims.konto.reset();
	},

	check(results, sims) {
		const sim = sims.konto as KontoSimulator;
		const customers = sim.state.customers;
		const getMany = results.get(WF_GET_MANY)!;
		expect(getMany.status).toBe('success');

		// Limit: the first 7 customers, simplified.
		const limited = nodeOutput(getMany, 'Konto Limit');
		expect(limited.map((c) => c.guid)).toEqual(customers.slice(0, 7).map((c) => c.guid));
		for (const c of limited) expect(Object.keys(c).sort()).toEqual([...SIMPLE_KEYS].sort());
		expect(limited[0].name).toBe(customers[0].name);

		// Search, Return All: every customer whose name contains "Þórs".
		const found = nodeOutput(getMany, 'Konto Search');
		expect(found.map((c) => c.name)).toEqual(sim.searchCustomers('Þórs').map((c) => c.name));
		expect(found.length).toBeGreaterThan(3);

		// Simplify off: the raw customer.
		expect(nodeOutput(getMany, 'Konto Raw')).toEqual([customers[0]]);

		// Real n8n sent reads as GET with the credentials in the query string and no body.
		const reads = requestsDuring(sim.requests, getMany).filter((r) => r.path === '/api/v1/get-customers');
		expect(reads.map((r) => [r.query.limit, r.query.page, r.query.search]).sort()).toEqual(
			[
				['1', '1', undefined],
				['100', '1', 'Þórs'],
				['7', '1', undefined],
			].sort(),
		);
		for (const r of reads) {
			expect(r.method).toBe('GET');
			expect(r.rawBody).toBe('');
			expect(r.query.username).toBe(SANDBOX_KEYS.konto.username);
			expect(r.query.api_key).toBe(SANDBOX_KEYS.konto.apiKey);
		}

		// The example workflow `npm start` imports.
		const example = results.get(WF_EXAMPLE)!;
		expect(example.status).toBe('success');
		expect(nodeOutput(example, exampleWorkflow.nodes[1].name).map((c) => c.name)).toEqual(
			sim.searchCustomers('Þórs').slice(0, 10).map((c) => c.name),
		);

		// Wrong key: the execution fails with Konto's message, and the key appears nowhere.
		const bad = results.get(WF_BAD_KEY)!;
		expect(bad.status).toBe('error');
		const error = nodeError(bad, 'Konto Wrong Key') ?? bad.error;
		expect(String(error?.message)).toBe('Konto rejected the username or API key while trying to list customers');
		expect(String(error?.description)).toContain('Konto said: Invalid api_key');
		const badReads = requestsDuring(sim.requests, bad);
		expect(badReads).toHaveLength(1);
		expect(badReads[0].query.api_key).toBe(WRONG_KEY);
		expect(JSON.stringify({ raw: bad.raw, runData: bad.runData, error: bad.error })).not.toContain(WRONG_KEY);
		expect(JSON.stringify({ raw: bad.raw, stdout: bad.stdout, stderr: bad.stderr })).not.toContain(WRONG_KEY);
		for (const result of [getMany, example]) expect(JSON.stringify(result.raw)).not.toContain(SANDBOX_KEYS.konto.apiKey);
	},
};

export default konto;
