/**
 * The reliability suite's machinery: distinctive secrets, lanes of simulators (one simulator per
 * provider per lane, so cases run concurrently without sharing state), a second origin that
 * records whatever a redirect brings to it, and running one case through the harness.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { ICredentialType, IDataObject, INodeType } from 'n8n-workflow';
import { AutoInvoiceApi } from '../../credentials/AutoInvoiceApi.credentials';
import { ContaApi } from '../../credentials/ContaApi.credentials';
import { ContraccountsApi } from '../../credentials/ContraccountsApi.credentials';
import { KontoApi } from '../../credentials/KontoApi.credentials';
import { AutoInvoice } from '../../nodes/AutoInvoice/AutoInvoice.node';
import { Conta } from '../../nodes/Conta/Conta.node';
import { ContaTrigger } from '../../nodes/Conta/ContaTrigger.node';
import { Contraccounts } from '../../nodes/Contraccounts/Contraccounts.node';
import { Konto } from '../../nodes/Konto/Konto.node';
import { createSimulator as createAutoInvoice, SOAP_PATH } from '../../sandbox/autoinvoice';
import { createSimulator as createConta } from '../../sandbox/conta';
import { createSimulator as createContraccounts } from '../../sandbox/contraccounts';
import { SANDBOX_KEYS } from '../../sandbox/credentials';
import type { Simulator } from '../../sandbox/framework';
import { createSimulator as createKonto } from '../../sandbox/konto';
import { runNode, type HarnessResult, type Params } from '../helpers/harness';
import type { NodeName, OpCase, Provider } from './cases';

/**
 * Distinctive secrets, one set per provider. `+`, `/` and `=` make the URL-encoded form differ
 * from the plain one. The simulators accept them because the suite swaps them into SANDBOX_KEYS
 * (this test file's own module instance) before any simulator is created.
 */
export const SECRETS = {
	conta: { apiKey: 'SeCrEtKey-Conta-9f3a+7c1e/Zx8q=' },
	konto: { apiKey: 'SeCrEtKey-Konto-4b2d+8e0f/Qw5r=' },
	contraccounts: { apiKey: 'SeCrEtKey-Contra-6a9c+2d7b/Lm3t=' },
	autoinvoice: { userApiKey: 'SeCrEtKey-AutoUser-1e5f+9a3c/Pk7v=', vendorApiKey: 'SeCrEtKey-AutoVendor-7d2b+4f8e/Hj2n=' },
} as const;

export function installSecrets(): void {
	const keys = SANDBOX_KEYS as unknown as Record<string, Record<string, string>>;
	keys.conta.apiKey = SECRETS.conta.apiKey;
	keys.konto.apiKey = SECRETS.konto.apiKey;
	keys.contraccounts.apiKey = SECRETS.contraccounts.apiKey;
	keys.autoinvoice.userApiKey = SECRETS.autoinvoice.userApiKey;
	keys.autoinvoice.vendorApiKey = SECRETS.autoinvoice.vendorApiKey;
}

export const secretsOf = (provider: Provider): string[] => Object.values(SECRETS[provider]);

/**
 * A Konto tenant's own secrets (konto.md §5.7: `api_key`, `bank_username`, `bank_password`),
 * which are not the credential's: only stripping by field name can keep them out of the output.
 * The echo puts them into secret-named fields only; the scan looks for them too.
 */
export const TENANT_SECRETS = {
	apiKey: 'TeNaNtKey-Konto-3c8e+1a6d/Rv4s=',
	bankUsername: 'TeNaNtBankUser-5d2f+7b9e/Gt6y=',
	bankPassword: 'TeNaNtBankPass-8a1c+4e3d/Nm9w=',
} as const;

/** Every value the secret scan looks for in a run of this provider's node. */
export const scannedSecretsOf = (provider: Provider): string[] =>
	provider === 'konto' ? [...secretsOf(provider), ...Object.values(TENANT_SECRETS)] : secretsOf(provider);

export const NODES: Record<NodeName, INodeType> = {
	conta: new Conta(),
	contaTrigger: new ContaTrigger(),
	konto: new Konto(),
	contraccounts: new Contraccounts(),
	autoinvoice: new AutoInvoice(),
};

const CREDENTIAL_TYPES: Record<Provider, ICredentialType> = {
	conta: new ContaApi(),
	konto: new KontoApi(),
	contraccounts: new ContraccountsApi(),
	autoinvoice: new AutoInvoiceApi(),
};

// ---------------------------------------------------------------------------------------------
// A second origin for redirects
// ---------------------------------------------------------------------------------------------

export interface ReachedRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** Records every request (path, headers, body) and answers 200 `{}` as if it were the API. */
export class RedirectTarget {
	readonly reached: ReachedRequest[] = [];
	private server?: http.Server;
	origin = '';

	async start(): Promise<void> {
		this.server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				this.reached.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end('{}');
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
		this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	/** Requests whose path starts with `/<token>/`. */
	reachedFor(token: string): ReachedRequest[] {
		return this.reached.filter((r) => r.url.startsWith(`/${token}/`));
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}
}

/** Whether connecting to this local port is refused. */
function refuses(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
	});
}

/**
 * A local port nothing listens on (connection refused). A privileged port first: a free
 * ephemeral port could be handed to a simulator (or another process) later in the run.
 */
export async function closedPort(): Promise<number> {
	for (const port of [1, 9, 19]) if (await refuses(port)) return port;
	const server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const port = (server.address() as AddressInfo).port;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

// ---------------------------------------------------------------------------------------------
// Lanes
// ---------------------------------------------------------------------------------------------

export interface Lane {
	id: number;
	sims: Record<Provider, Simulator>;
}

export async function startLane(id: number): Promise<Lane> {
	const sims: Record<Provider, Simulator> = {
		conta: createConta(),
		konto: createKonto(),
		contraccounts: createContraccounts(),
		autoinvoice: createAutoInvoice(),
	};
	await Promise.all(Object.values(sims).map((sim) => sim.start()));
	return { id, sims };
}

export async function stopLane(lane: Lane): Promise<void> {
	await Promise.all(Object.values(lane.sims).map((sim) => sim.stop()));
}

/** Where a provider's credential points: the lane's simulator, or any origin. */
export function credentialsFor(provider: Provider, origin: string, timeoutSeconds = 10): IDataObject {
	switch (provider) {
		case 'conta':
			return { apiKey: SECRETS.conta.apiKey, environment: 'custom', baseUrl: origin, defaultOrganizationId: '101', timeoutSeconds };
		case 'konto':
			return { username: SANDBOX_KEYS.konto.username, apiKey: SECRETS.konto.apiKey, environment: 'custom', baseUrl: origin, ignoreSslIssues: false, timeoutSeconds };
		case 'contraccounts':
			return { endpointUrl: `${origin}/api.php`, apiKey: SECRETS.contraccounts.apiKey, timeoutSeconds };
		case 'autoinvoice':
			return {
				companyUuid: SANDBOX_KEYS.autoinvoice.companyUuid,
				userApiKey: SECRETS.autoinvoice.userApiKey,
				vendorApiKey: SECRETS.autoinvoice.vendorApiKey,
				environment: 'custom',
				endpointUrl: `${origin}${SOAP_PATH}`,
				namespace: '',
				timeoutSeconds,
			};
	}
}

export interface RunOptions {
	params?: Params;
	continueOnFail?: boolean;
	/** Overrides the credential (e.g. a closed port, a short timeout). */
	credentials?: IDataObject;
	timeoutSeconds?: number;
	staticData?: IDataObject;
	/** A trigger's mode: 'trigger' polls (default), 'manual' fetches a sample. */
	mode?: 'manual' | 'trigger';
}

/** Run the case's node once through the harness against the lane's simulator. */
export async function runCase(lane: Lane, opCase: OpCase, options: RunOptions = {}): Promise<HarnessResult> {
	const sim = lane.sims[opCase.provider];
	const node = NODES[opCase.node];
	return runNode({
		node,
		credentialType: CREDENTIAL_TYPES[opCase.provider],
		credentials: options.credentials ?? credentialsFor(opCase.provider, sim.url, options.timeoutSeconds),
		params: options.params ?? opCase.params,
		continueOnFail: options.continueOnFail ?? false,
		mode: options.mode ?? 'trigger',
		staticData: options.staticData,
	});
}

/**
 * Run `work` over `items` on `lanes` concurrently: each lane takes the next item when it is free,
 * so a case owns its lane's simulators for as long as it runs.
 */
export async function onLanes<T>(lanes: Lane[], items: T[], work: (lane: Lane, item: T) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(
		lanes.map(async (lane) => {
			while (next < items.length) {
				const item = items[next++];
				await work(lane, item);
			}
		}),
	);
}
