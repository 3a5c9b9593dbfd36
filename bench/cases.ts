/**
 * What `npm run bench` measures, per provider: one simple raw request per simulator (throughput)
 * and the foundation operation through the node's real code path (latency).
 */
import type { INodeType, ICredentialType, IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../sandbox';
import { SANDBOX_KEYS, type Provider } from '../sandbox/credentials';
import { runNode, type Params } from '../test/helpers/harness';

/**
 * The bench measures the shipped code: it loads the built nodes from dist/ (`npm run bench`
 * builds first). Loading the TypeScript sources by extensionless path would pick up the
 * `<Node>.node.json` codex files instead.
 */
const dist = (file: string) => require(`../dist/${file}`);
const { Conta } = dist('nodes/Conta/Conta.node.js');
const { ContaApi } = dist('credentials/ContaApi.credentials.js');

export interface SimRequestSpec {
	provider: Provider;
	name: string;
	method: string;
	path: string;
	headers?: Record<string, string>;
	body?: string;
}

export interface BenchCase {
	provider: Provider;
	name: string;
	iterations: number;
	prepare: (sandbox: Sandbox) => () => Promise<void>;
}

export const SIM_REQUESTS: SimRequestSpec[] = [
	{
		provider: 'conta',
		name: 'conta GET /invoice/organizations',
		method: 'GET',
		path: '/invoice/organizations',
		headers: { apiKey: SANDBOX_KEYS.conta.apiKey },
	},
];

function nodeCase(
	provider: Provider,
	name: string,
	iterations: number,
	node: INodeType,
	credentialType: ICredentialType,
	credentials: (url: string) => IDataObject,
	params: Params,
): BenchCase {
	return {
		provider,
		name,
		iterations,
		prepare: (sandbox) => async () => {
			const result = await runNode({ node, credentialType, credentials: credentials(sandbox.urls[provider]), params });
			if (result.error) throw result.error;
		},
	};
}

export const BENCH_CASES: BenchCase[] = [
	nodeCase(
		'conta',
		'Conta Organization → Get Many (node, 1 request)',
		500,
		new Conta(),
		new ContaApi(),
		(url) => ({ apiKey: SANDBOX_KEYS.conta.apiKey, environment: 'custom', baseUrl: url }),
		{ resource: 'organization', operation: 'getAll', returnAll: true, filters: {} },
	),
];
