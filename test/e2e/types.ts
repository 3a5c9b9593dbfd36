/**
 * The shape of a real-n8n end-to-end case (`test/e2e/cases/*.case.ts`, default export).
 *
 * The suite starts all simulators, imports every case's credentials and workflows into ONE n8n
 * user folder, executes every workflow, then calls each case's `check` as its own test.
 */
import type { Provider } from '../../sandbox/credentials';
import type { Sandbox } from '../../sandbox';
import type { N8nCredential } from '../../sandbox/n8n-credentials';
import type { ExecResult, N8nRunner } from './n8n-runner';

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
	/**
	 * An optional live phase for triggers: `n8n execute-batch` runs workflows once, by hand, so a
	 * polling trigger only ever runs in manual mode there. Live workflows are imported with the
	 * others but are not run by the batch; after the batch, n8n is started as a server (the same
	 * start as the credential tests) and `run` activates them, drives the simulators and checks
	 * what n8n executed. Its failure is reported by its own test.
	 */
	live?: LivePhase;
}

export interface LivePhase {
	/**
	 * Workflows (fixed, globally unique ids) that only run while activated, e.g. with a polling
	 * trigger. Ids may have at most 21 characters: n8n does not save the static data (trigger
	 * cursors) of workflows with longer ids.
	 */
	workflows(): Array<Record<string, any>>;
	/** Runs against the started n8n; assert with jest `expect` (or throw). */
	run(ctx: LiveContext): Promise<void>;
}

export interface LiveContext {
	/** The running n8n (`readExecutions`, `query`, `rest`, ...). */
	runner: N8nRunner;
	sims: Sandbox['sims'];
	urls: Record<Provider, string>;
	/**
	 * Publishes these workflows in the running n8n (as the editor's Publish button does) and waits
	 * until their triggers are active. A polling trigger polls once while it is activated.
	 */
	activate(workflowIds: string[]): Promise<void>;
	/**
	 * Runs an activated or inactive workflow by hand from its trigger, as the editor's "Execute
	 * workflow" / "Fetch Test Event" does (`POST /rest/workflows/<id>/run`): a polling trigger
	 * polls in manual mode. Resolves with the stored execution once it finished.
	 */
	runManually(workflowId: string, triggerName: string): Promise<any>;
	/**
	 * Stops and starts n8n, then waits until every workflow activated so far is active again. Each
	 * polling trigger polls once on re-activation, with the static data n8n saved.
	 */
	restart(): Promise<void>;
	/** Progress output (stderr). */
	log(message: string): void;
}

export interface CredentialTestCase {
	credentialId: string;
	status: 'OK' | 'Error';
	/** Text the tester's message must contain (for failures). */
	messageContains?: string;
	/** A secret that must not appear in the answer. */
	secret?: string;
}
