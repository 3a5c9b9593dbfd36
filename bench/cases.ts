/**
 * What `npm run bench` measures, per provider: one simple raw request per simulator (throughput)
 * and the foundation operation through the node's real code path (latency).
 */
import type { INodeType, ICredentialType, IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../sandbox';
import { SANDBOX_KEYS, type Provider } from '../sandbox/credentials';
import { runNode, type Params } from '../test/helpers/harness';
import type { ContaSimulator } from '../sandbox/conta';
import { nextId, osloDateTime } from '../sandbox/conta/state';

/**
 * The bench measures the shipped code: it loads the built nodes from dist/ (`npm run bench`
 * builds first). Loading the TypeScript sources by extensionless path would pick up the
 * `<Node>.node.json` codex files instead.
 */
const dist = (file: string) => require(`../dist/${file}`);
const { Conta } = dist('nodes/Conta/Conta.node.js');
const { ContaApi } = dist('credentials/ContaApi.credentials.js');
const { Konto } = dist('nodes/Konto/Konto.node.js');
const { KontoApi } = dist('credentials/KontoApi.credentials.js');
const { Contraccounts } = dist('nodes/Contraccounts/Contraccounts.node.js');
const { ContraccountsApi } = dist('credentials/ContraccountsApi.credentials.js');
const { AutoInvoice } = dist('nodes/AutoInvoice/AutoInvoice.node.js');
const { AutoInvoiceApi, buildApiKeysXml } = dist('credentials/AutoInvoiceApi.credentials.js');
const { buildEnvelope } = dist('nodes/AutoInvoice/transport/soap.js');

const ai = SANDBOX_KEYS.autoinvoice;
const statusEnvelope = buildEnvelope({
	method: 'consumer_agreement_status',
	namespace: 'https://127.0.0.1/',
	params: [['reference_nr', '100201']],
}).replace('<reference_nr', `${buildApiKeysXml(ai)}<reference_nr`);

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
	{
		provider: 'konto',
		name: 'konto GET /api/v1/hello',
		method: 'GET',
		path: `/api/v1/hello?username=${encodeURIComponent(SANDBOX_KEYS.konto.username)}&api_key=${SANDBOX_KEYS.konto.apiKey}`,
	},
	{
		provider: 'contraccounts',
		name: 'contraccounts POST /api.php (key only)',
		method: 'POST',
		path: '/api.php',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: `api_key=${SANDBOX_KEYS.contraccounts.apiKey}`,
	},
	{
		provider: 'autoinvoice',
		name: 'autoinvoice SOAP consumer_agreement_status',
		method: 'POST',
		path: '/apis/v1.1/api',
		headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '"/v1.1/api/consumer_agreement_status"' },
		body: statusEnvelope,
	},
];

/** Conta credentials for the simulator at `url`, organization 101 by default. */
const contaCredentials = (url: string) => ({
	apiKey: SANDBOX_KEYS.conta.apiKey,
	environment: 'custom',
	baseUrl: url,
	defaultOrganizationId: '101',
});

/** Adds `count` customers to organization 101 of the Conta simulator (once per bench run). */
function seedContaCustomers(sandbox: Sandbox, count: number): void {
	const sim = sandbox.sims.conta as ContaSimulator;
	const customers = sim.state.data[101].customers;
	if (customers.length >= count) return;
	for (let n = customers.length; n < count; n++) {
		customers.push({
			id: nextId(sim.state, 'customer'),
			name: `Bench Kunde ${n} AS`,
			customerType: 'ORGANIZATION',
			customerAddressLine1: 'Storgata 1',
			customerAddressPostcode: '0155',
			customerAddressCity: 'Oslo',
			invoiceDeliveryMethod: 'EMAIL',
			isActive: true,
			_createdAt: osloDateTime(),
		});
	}
}

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

/** Runs `seed` on the simulators before the case's first iteration. */
function withSeed(benchCase: BenchCase, seed: (sandbox: Sandbox) => void): BenchCase {
	return {
		...benchCase,
		prepare: (sandbox) => {
			seed(sandbox);
			return benchCase.prepare(sandbox);
		},
	};
}

export const BENCH_CASES: BenchCase[] = [
	withSeed(
		nodeCase(
			'conta',
			'Conta Customer → Get Many, Return All (node, 2,000 customers in 4 pages of 500)',
			40,
			new Conta(),
			new ContaApi(),
			contaCredentials,
			{ resource: 'customer', operation: 'getAll', returnAll: true, filters: {}, options: {}, simplify: true },
		),
		(sandbox) => seedContaCustomers(sandbox, 2000),
	),
	nodeCase(
		'conta',
		'Conta Organization → Get Many (node, 1 request)',
		500,
		new Conta(),
		new ContaApi(),
		(url) => ({ apiKey: SANDBOX_KEYS.conta.apiKey, environment: 'custom', baseUrl: url }),
		{ resource: 'organization', operation: 'getAll', returnAll: true, filters: {} },
	),
	nodeCase(
		'konto',
		'Konto Customer → Get Many, Return All (node, 2 pages, 120 customers)',
		300,
		new Konto(),
		new KontoApi(),
		(url) => ({ ...SANDBOX_KEYS.konto, environment: 'custom', baseUrl: url }),
		{ resource: 'customer', operation: 'getAll', returnAll: true, filters: {}, simplify: true },
	),
	nodeCase(
		'contraccounts',
		'Contraccounts Income → Insert (node, 1 request)',
		500,
		new Contraccounts(),
		new ContraccountsApi(),
		(url) => ({ apiKey: SANDBOX_KEYS.contraccounts.apiKey, endpointUrl: `${url}/api.php` }),
		{
			resource: 'income',
			operation: 'insert',
			productId: 'SKU-1',
			grossAmount: 25,
			paymentMethod: 'Debit Card',
			buyerName: 'John Doe',
			additionalFields: { vatCalculateRate: 'DEFAULT' },
			options: {},
		},
	),
	nodeCase(
		'autoinvoice',
		'AutoInvoice Consumer Agreement → Get Status (node, 1 SOAP call)',
		500,
		new AutoInvoice(),
		new AutoInvoiceApi(),
		(url) => ({ ...SANDBOX_KEYS.autoinvoice, environment: 'custom', endpointUrl: `${url}/apis/v1.1/api` }),
		{ resource: 'consumerAgreement', operation: 'getStatus', referenceNumber: '100201' },
	),
];
