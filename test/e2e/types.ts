/**
 * The shape of a real-n8n end-to-end case (`test/e2e/cases/*.case.ts`, default export).
 *
 * The suite starts all simulators, imports every case's credentials and workflows into ONE n8n
 * user folder, executes every workflow, then calls each case's `check` as its own test.
 */
import type { Provider } from '../../sandbox/credentials';
import type { Sandbox } from '../../sandbox';
import type { N8nCredential } from '../../sandbox/n8n-credentials';
import type { ExecResult } from './n8n-runner';

export type { ExecResult } from './n8n-runner';
export type Cred = N8nCredential;

export interface E2ECase {
	/** Provider name (or e.g. 'smoke'); used in the test name. */
	provider: string;
	/**
	 * Credentials the workflows use, pointing at the simulators. Usually
	 * `sandboxCredentials(urls).filter(...)`; the same id from several cases is imported once.
	 */
	credentials(urls: Record<Provider, string>): Cred[];
	/** n8n workflows with fixed, globally unique `id`s. */
	workflows(): Array<Record<string, any>>;
	/** Assertions (jest `expect`) over the executions, keyed by workflow id. */
	check(results: Map<string, ExecResult>, sims: Sandbox['sims']): void | Promise<void>;
	/**
	 * Credential tests to run through n8n's own credential tester (`POST /rest/credentials/test`
	 * on a started n8n), each with the credential id from `credentials()` and what n8n must answer.
	 */
	credentialTests?: CredentialTestCase[];
	/** Called before any workflow runs (e.g. to reset or seed simulator data). */
	setup?(sims: Sandbox['sims']): void | Promise<void>;
}

export interface CredentialTestCase {
	credentialId: string;
	status: 'OK' | 'Error';
	/** Text the tester's message must contain (for failures). */
	messageContains?: string;
	/** A secret that must not appear in the answer. */
	secret?: string;
}
