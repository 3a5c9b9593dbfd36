/**
 * Shared setup for the Conta simulator tests: one simulator per test file (reset before each
 * test), the sandbox credential pointing at it, and short-hands to run the node.
 */
import type { IDataObject } from 'n8n-workflow';
import { Conta } from '../../nodes/Conta/Conta.node';
import { ContaApi } from '../../credentials/ContaApi.credentials';
import { createSimulator, type ContaSimulator } from '../../sandbox/conta';
import { SANDBOX_KEYS } from '../../sandbox/credentials';
import type { SimRequest } from '../../sandbox/framework';
import { runJson, runListSearch, runNode, type HarnessOptions, type Params } from './harness';

export const contaNode = new Conta();
export const contaCredentialType = new ContaApi();

/** `{ __rl: true, mode: 'id', value }`: a resource-locator value as n8n stores it. */
export const rl = (value: string | number, mode = 'id') => ({ __rl: true, mode, value: String(value) });

export interface ContaTestKit {
	sim(): ContaSimulator;
	url(): string;
	credentials(overrides?: Record<string, unknown>): IDataObject;
	/** Run the Conta node; returns the raw harness result (output, error, staticData). */
	run(params: Params | Params[], extra?: Partial<HarnessOptions>): ReturnType<typeof runNode>;
	/** Run the Conta node and return the JSON of its output (throws the node's error). */
	json(params: Params | Params[], extra?: Partial<HarnessOptions>): ReturnType<typeof runJson>;
	/** Run a listSearch method of the Conta node. */
	listSearch(name: string, params?: Params, filter?: string, token?: string): ReturnType<typeof runListSearch>;
	/** The requests the simulator got, without the control API. */
	requests(): SimRequest[];
	/**
	 * Run the node and expect a NodeOperationError for item 0 naming `label` (and containing
	 * `fragment` in its message or description), with `requests` requests sent (default none).
	 */
	expectInvalid(params: Params, label: string, fragment?: string, requests?: number): Promise<any>;
	/** Run the node and expect a NodeApiError with `httpCode` whose text contains every fragment. */
	expectApiError(params: Params, httpCode: string, fragments: string[]): Promise<any>;
}

/** Call at the top of a test file. Organization 101 is the credential's default organization. */
export function useContaSimulator(): ContaTestKit {
	let sim: ContaSimulator;
	let url = '';
	beforeAll(async () => {
		sim = createSimulator();
		url = await sim.start();
	});
	afterAll(async () => sim.stop());
	beforeEach(() => sim.reset());

	const credentials = (overrides: Record<string, unknown> = {}): IDataObject => ({
		apiKey: SANDBOX_KEYS.conta.apiKey,
		environment: 'custom',
		baseUrl: url,
		defaultOrganizationId: '101',
		timeoutSeconds: 2,
		...overrides,
	});
	const base = (params: Params | Params[], extra: Partial<HarnessOptions> = {}): HarnessOptions => ({
		node: contaNode,
		credentialType: contaCredentialType,
		credentials: credentials(),
		params,
		...extra,
	});
	return {
		sim: () => sim,
		url: () => url,
		credentials,
		run: (params, extra) => runNode(base(params, extra)),
		json: (params, extra) => runJson(base(params, extra)),
		listSearch: (name, params = {}, filter, token) =>
			runListSearch({ node: contaNode, credentialType: contaCredentialType, credentials: credentials(), params }, name, filter, token),
		requests: () => sim.requests,
		async expectInvalid(params, label, fragment, requests = 0) {
			const result = await runNode(base(params));
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error.message).toContain(`'${label}'`);
			expect(result.error.message).toContain('item 0');
			if (fragment) expect(`${result.error.message}\n${result.error.description}`).toContain(fragment);
			expect(sim.requests).toHaveLength(requests);
			return result.error;
		},
		async expectApiError(params, httpCode, fragments) {
			const result = await runNode(base(params));
			expect(result.error?.constructor.name).toBe('NodeApiError');
			expect(result.error.httpCode).toBe(httpCode);
			const text = `${result.error.message}\n${result.error.description}`;
			for (const fragment of fragments) expect(text).toContain(fragment);
			return result.error;
		},
	};
}
