/**
 * Drives a real n8n (installed by `n8n-install.ts`) with this package loaded as a community
 * package, for the end-to-end tests, `npm start` and scripts.
 *
 *   const n8n = await N8nRunner.create();          // throw-away user folder, package installed
 *   await n8n.importCredentials(sandboxCredentials(urls));
 *   await n8n.importWorkflows([workflow]);          // fixed ids; re-import overwrites
 *   const result = await n8n.execute(workflow.id);  // one `n8n execute` (about 3-4 s)
 *   const many = await n8n.executeMany(ids);        // ONE `n8n execute-batch` for all of them
 *   nodeOutput(result, 'Conta');                    // the node's output items (json)
 *   requestsDuring(sim.requests, result);           // simulator traffic of that execution
 *   await n8n.nodeTypes();                          // node types n8n loaded (`export:nodes`)
 *
 *   // Triggers: publish, start the server, wait for activation, read executions back.
 *   await n8n.publishWorkflow(id);
 *   await n8n.start(port, { owner });               // resolves when ready; owner = no sign-up form
 *   await n8n.waitForActivation([id]);              // throws with n8n's activation error
 *   await n8n.activateWorkflows([id]);              // or publish in the running server (REST) and wait
 *   await n8n.runManually(id, 'Trigger node');      // run by hand in the server (poll in manual mode)
 *   n8n.readExecutions({ workflowId: id });         // full executions from n8n's database
 *   await n8n.rest('GET', '/workflows');            // internal REST API as the owner
 *   await n8n.stop();
 *   await n8n.dispose();                            // stops n8n, deletes a throw-away folder
 *
 * The package is installed the way n8n installs community packages: a real folder
 * `<userFolder>/.n8n/nodes/node_modules/n8n-nodes-bookkeeping` holding `package.json` (without
 * dev/peer dependencies) and a copy of `dist/`. A symlink to the repository root would also load,
 * but Node resolves modules from the symlink's real path, so the nodes would import the
 * repository's own `node_modules/n8n-workflow` instead of n8n's copy, and n8n's `instanceof
 * NodeApiError` checks (poll-trigger and credential error handling) would see foreign classes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { ensureN8n, type N8nInstall } from './n8n-install';

export const PACKAGE_NAME = 'n8n-nodes-bookkeeping';
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface ExecResult {
	workflowId: string;
	/** n8n execution status: 'success', 'error', 'crashed', 'canceled', 'waiting', ... */
	status: string;
	/** `data.resultData.runData`: node name -> task data array. */
	runData: Record<string, any>;
	/** `data.resultData.error` when the execution failed. */
	error?: any;
	/** The whole execution (`{ data, mode, status, startedAt, stoppedAt, ... }`). */
	raw: any;
	/** n8n's output for the command that ran this execution (shared by a batch). */
	stdout: string;
	stderr: string;
}

export interface CommandResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	durationMs: number;
}

export interface OwnerAccount {
	email: string;
	password: string;
	firstName?: string;
	lastName?: string;
}

export interface StartOptions {
	/** Create/update the instance owner from the environment (no sign-up form). */
	owner?: OwnerAccount;
	/** N8N_LISTEN_ADDRESS (default 127.0.0.1). */
	listenAddress?: string;
	/** How long to wait for readiness (default 120 s). */
	timeoutMs?: number;
	/** Extra environment for the server. */
	env?: Record<string, string>;
	/** Append the server's output to this file. */
	logFile?: string;
	/** Called if the server exits without `stop()`. */
	onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

export interface RunnerOptions {
	/** Use (and keep) this N8N_USER_FOLDER; default: a throw-away folder under os.tmpdir(). */
	userFolder?: string;
	/** How the package gets into `.n8n/nodes/node_modules`: 'copy' (default, see above) or 'symlink' (to the repo root). */
	packageMode?: 'copy' | 'symlink';
	/** Extra environment for every n8n process (overrides the defaults). */
	env?: Record<string, string>;
	/** Print n8n's output of every command to stderr as it arrives. */
	verbose?: boolean;
}

/** Output items (json) of a node's first run, first output. */
export function nodeOutput(result: ExecResult, nodeName: string): any[] {
	const runs = result.runData[nodeName];
	if (!runs) {
		throw new Error(
			`Node "${nodeName}" did not run in workflow ${result.workflowId} (status ${result.status}). ` +
				`Nodes that ran: ${Object.keys(result.runData).join(', ') || 'none'}` +
				(result.error ? `. Error: ${errorSummary(result.error)}` : ''),
		);
	}
	const main = runs[0]?.data?.main?.[0];
	if (!main) {
		const nodeError = runs[0]?.error;
		throw new Error(
			`Node "${nodeName}" produced no output in workflow ${result.workflowId}` +
				(nodeError ? `: ${errorSummary(nodeError)}` : ''),
		);
	}
	return main.map((item: { json: unknown }) => item.json);
}

/**
 * The simulator requests made while this execution ran (between its startedAt and stoppedAt).
 * Workflows run one at a time, so this isolates one workflow's traffic in a shared simulator.
 */
export function requestsDuring<T extends { receivedAt: number }>(requests: readonly T[], result: ExecResult): T[] {
	const from = Date.parse(result.raw?.startedAt);
	const to = Date.parse(result.raw?.stoppedAt);
	if (Number.isNaN(from) || Number.isNaN(to)) throw new Error(`Execution of ${result.workflowId} has no start/stop time`);
	return requests.filter((req) => req.receivedAt >= from && req.receivedAt <= to);
}

/** The error a node raised (first run), if any. */
export function nodeError(result: ExecResult, nodeName: string): any {
	return result.runData[nodeName]?.[0]?.error;
}

/** A short one-line description of an n8n error object. */
export function errorSummary(error: any): string {
	if (!error) return '';
	const parts = [error.name, error.message, error.description].filter(Boolean);
	if (error.httpCode) parts.push(`HTTP ${error.httpCode}`);
	if (error.node?.name) parts.push(`on node ${error.node.name}`);
	return parts.join(' | ');
}

/** A free TCP port on 127.0.0.1 (a short race with other processes is possible). */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Whether nothing listens on `port` (checked on all interfaces, like n8n's default). */
export async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, () => server.close(() => resolve(true)));
	});
}

/** Extracts the pretty-printed execution JSON n8n prints (from the first `{` line to its closing `}` line). */
export function parseExecutionOutput(stdout: string): any | undefined {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line === '{');
	if (start === -1) return undefined;
	const end = lines.findIndex((line, i) => i > start && line === '}');
	if (end === -1) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return undefined;
	}
}

function tail(text: string, lines = 60): string {
	return text.split('\n').slice(-lines).join('\n');
}

/** The fixed key for n8n's credential encryption: the folders are local and throw-away or sandbox-only. */
const ENCRYPTION_KEY = 'n8n-nodes-bookkeeping-local-e2e-key';
const BROWSER_ID = 'n8n-nodes-bookkeeping-e2e';

export class N8nRunner {
	readonly install: N8nInstall;
	readonly userFolder: string;
	/** `<userFolder>/.n8n` */
	readonly n8nFolder: string;
	private readonly ownsFolder: boolean;
	private readonly options: RunnerOptions;
	private server?: ChildProcess;
	private serverOutput = { stdout: '', stderr: '' };
	private serverPort?: number;
	private serverStartedAt?: number;
	private sessionCookie?: string;
	private owner?: OwnerAccount;
	private tmpCounter = 0;
	private readonly children = new Set<ChildProcess>();
	private flatted?: { parse: (text: string) => any };

	private constructor(install: N8nInstall, userFolder: string, ownsFolder: boolean, options: RunnerOptions) {
		this.install = install;
		this.userFolder = userFolder;
		this.n8nFolder = path.join(userFolder, '.n8n');
		this.ownsFolder = ownsFolder;
		this.options = options;
	}

	/**
	 * Installs n8n if needed (throws `N8nUnsupportedError` where it can't run), prepares the user
	 * folder and puts the built package (`dist/` must exist; run the build first) into it.
	 */
	static async create(opts: RunnerOptions = {}): Promise<N8nRunner> {
		const install = await ensureN8n();
		const ownsFolder = !opts.userFolder;
		const userFolder = opts.userFolder
			? path.resolve(opts.userFolder)
			: fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-bookkeeping-e2e-'));
		const runner = new N8nRunner(install, userFolder, ownsFolder, opts);
		runner.installPackage(opts.packageMode ?? 'copy');
		return runner;
	}

	/** (Re)installs the built package into `.n8n/nodes/node_modules/n8n-nodes-bookkeeping`. */
	installPackage(mode: 'copy' | 'symlink' = 'copy'): void {
		const distDir = path.join(REPO_ROOT, 'dist');
		if (!fs.existsSync(distDir)) {
			throw new Error(`${distDir} does not exist: build the package first (npm run build).`);
		}
		const nodeModules = path.join(this.n8nFolder, 'nodes', 'node_modules');
		const target = path.join(nodeModules, PACKAGE_NAME);
		fs.mkdirSync(nodeModules, { recursive: true });
		fs.rmSync(target, { recursive: true, force: true });
		const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
		if (mode === 'symlink') {
			fs.symlinkSync(REPO_ROOT, target, 'dir');
		} else {
			fs.mkdirSync(target);
			// What n8n's own installer does: strip dev/peer/optional dependencies from package.json.
			const { devDependencies: _d, peerDependencies: _p, optionalDependencies: _o, ...published } = manifest;
			fs.writeFileSync(path.join(target, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
			fs.cpSync(distDir, path.join(target, 'dist'), { recursive: true });
		}
		// n8n creates this itself (CommunityPackagesService.ensurePackageJson) if missing; listing the
		// package keeps it consistent with what a real install looks like. Loading does not need it.
		const nodesPackageJson = path.join(this.n8nFolder, 'nodes', 'package.json');
		let nodesManifest: { name?: string; private?: boolean; dependencies?: Record<string, string> } = {};
		try {
			nodesManifest = JSON.parse(fs.readFileSync(nodesPackageJson, 'utf8'));
		} catch {
			nodesManifest = { name: 'installed-nodes', private: true };
		}
		nodesManifest.dependencies = { ...(nodesManifest.dependencies ?? {}), [PACKAGE_NAME]: manifest.version };
		fs.writeFileSync(nodesPackageJson, `${JSON.stringify(nodesManifest, null, 2)}\n`);
	}

	/** The environment every n8n process gets. */
	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = {};
		for (const [key, value] of Object.entries(process.env)) {
			// Don't leak the test runner's or an enclosing npm script's settings into n8n.
			if (/^(npm_|NODE_OPTIONS$|NODE_PATH$|NODE_ENV$|JEST_|TS_NODE_|TSX_|N8N_|DB_|EXECUTIONS_)/i.test(key)) continue;
			env[key] = value;
		}
		// n8n starts its JavaScript task runner (Code node) as `node` from PATH: make that Node 24.
		const nodeDir = path.dirname(this.install.nodeBin);
		const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
		env[pathKey] = [nodeDir, env[pathKey]].filter(Boolean).join(path.delimiter);
		Object.assign(env, {
			NODE_ENV: 'production',
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_SSRF_PROTECTION_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_REINSTALL_MISSING_PACKAGES: 'false',
			// Don't fetch n8n's list of verified community nodes or the MCP server registry from
			// api.n8n.io (offline machines log errors; nothing here needs them).
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_DISABLED_MODULES: 'mcp-registry',
			// Activate published workflows within a second of start-up / publishing (default 15 s).
			N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '1000',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			DB_TYPE: 'sqlite',
			DB_SQLITE_POOL_SIZE: '3',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
			GENERIC_TIMEZONE: process.env.GENERIC_TIMEZONE ?? 'UTC',
			NO_PROXY: ['127.0.0.1', 'localhost', process.env.NO_PROXY].filter(Boolean).join(','),
		});
		Object.assign(env, this.options.env ?? {}, extra);
		return env;
	}

	/**
	 * Runs one n8n CLI command to completion. Each process gets its own task-runner broker port
	 * (default 5679), so several n8n processes (tests, `npm start`) can run side by side.
	 */
	async run(args: string[], opts: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<CommandResult> {
		const started = Date.now();
		const env = this.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...(opts.env ?? {}) });
		const child = spawn(this.install.nodeBin, [this.install.n8nBin, ...args], {
			cwd: this.userFolder,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		this.children.add(child);
		child.on('close', () => this.children.delete(child));
		let stdout = '';
		let stderr = '';
		child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
			if (this.options.verbose) process.stderr.write(chunk);
		});
		child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
			if (this.options.verbose) process.stderr.write(chunk);
		});
		const timeoutMs = opts.timeoutMs ?? 180_000;
		return await new Promise<CommandResult>((resolve, reject) => {
			const timer = setTimeout(() => {
				killGroup(child, 'SIGKILL');
				reject(
					new Error(
						`n8n ${args[0]} timed out after ${timeoutMs} ms\n--- stdout ---\n${tail(stdout)}\n--- stderr ---\n${tail(stderr)}`,
					),
				);
			}, timeoutMs);
			child.on('error', (error) => {
				clearTimeout(timer);
				reject(error);
			});
			child.on('close', (code, signal) => {
				clearTimeout(timer);
				resolve({ code, signal, stdout, stderr, durationMs: Date.now() - started });
			});
		});
	}

	/** Like `run`, but throws (with n8n's output) unless the command exits 0. */
	async runOk(args: string[], opts: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<CommandResult> {
		const result = await this.run(args, opts);
		if (result.code !== 0) {
			throw new Error(
				`n8n ${args[0]} failed (${result.signal ?? `exit code ${result.code}`})\n` +
					`--- stdout ---\n${tail(result.stdout)}\n--- stderr ---\n${tail(result.stderr)}`,
			);
		}
		return result;
	}

	/** Writes a private temp file in the user folder, runs `fn`, deletes the file. */
	private async withTempFile<T>(content: string, fn: (file: string) => Promise<T>): Promise<T> {
		const dir = path.join(this.userFolder, '.tmp');
		fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
		const file = path.join(dir, `${process.pid}-${Date.now()}-${this.tmpCounter++}.json`);
		fs.writeFileSync(file, content, { mode: 0o600 });
		try {
			return await fn(file);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/**
	 * `n8n import:credentials` for `{id, name, type, data}` objects (data in plain text; n8n
	 * encrypts it). The same id overwrites. The data is never logged.
	 */
	async importCredentials(creds: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>): Promise<void> {
		if (creds.length === 0) return;
		const seen = new Set<string>();
		const unique = creds.filter((cred) => !seen.has(cred.id) && seen.add(cred.id));
		await this.withTempFile(JSON.stringify(unique), async (file) => {
			const result = await this.run(['import:credentials', `--input=${file}`]);
			if (result.code !== 0) {
				// n8n's output may echo the file content on parse errors: show only the error lines.
				const lines = `${result.stdout}\n${result.stderr}`
					.split('\n')
					.filter((line) => /error|fail|invalid/i.test(line))
					.map((line) => redact(line, unique))
					.slice(0, 20);
				throw new Error(`n8n import:credentials failed (exit code ${result.code}):\n${lines.join('\n')}`);
			}
		});
	}

	/** `n8n import:workflow` for an array of workflows (fixed ids; the same id overwrites). */
	async importWorkflows(workflows: object[]): Promise<void> {
		if (workflows.length === 0) return;
		for (const workflow of workflows as Array<{ id?: unknown; name?: unknown }>) {
			if (typeof workflow.id !== 'string' || !workflow.id) {
				throw new Error(`Workflow "${String(workflow.name)}" needs a fixed string id`);
			}
		}
		await this.withTempFile(JSON.stringify(workflows), async (file) => {
			await this.runOk(['import:workflow', `--input=${file}`]);
		});
	}

	/**
	 * The node types n8n knows (`n8n export:nodes`), e.g. to check that the package's nodes load:
	 * ours are named `n8n-nodes-bookkeeping.<name>`.
	 */
	async nodeTypes(): Promise<Array<{ name: string; displayName: string; version: number | number[] }>> {
		return await this.withTempFile('[]', async (file) => {
			await this.runOk(['export:nodes', `--output=${file}`]);
			const types = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{
				name: string;
				displayName: string;
				version: number | number[];
			}>;
			return types.map(({ name, displayName, version }) => ({ name, displayName, version }));
		});
	}

	/** Marks a workflow published (active); takes effect when `n8n start` (re)starts. */
	async publishWorkflow(id: string): Promise<void> {
		await this.runOk(['publish:workflow', `--id=${id}`]);
	}

	/**
	 * Publishes workflows in the running server the way the editor's Publish button does
	 * (`POST /rest/workflows/<id>/activate` with the current version) and waits until their
	 * triggers are active (`waitForActivation`). Faster than `publishWorkflow` + a restart.
	 */
	async activateWorkflows(workflowIds: string[], timeoutMs = 60_000): Promise<void> {
		for (const id of workflowIds) {
			const workflow = await this.rest<{ versionId?: string }>('GET', `/workflows/${id}`);
			if (!workflow?.versionId) throw new Error(`n8n returned no versionId for workflow ${id}`);
			await this.rest('POST', `/workflows/${id}/activate`, { versionId: workflow.versionId });
		}
		await this.waitForActivation(workflowIds, timeoutMs);
	}

	/**
	 * Runs a workflow by hand in the running server from the trigger node `triggerName`, as the
	 * editor does (`POST /rest/workflows/<id>/run`); a polling trigger polls in manual mode.
	 * Resolves with the stored execution (see `readExecutions`) once it finished.
	 */
	async runManually(workflowId: string, triggerName: string, timeoutMs = 60_000): Promise<any> {
		const started = await this.rest<{ executionId?: string }>('POST', `/workflows/${workflowId}/run`, {
			triggerToStartFrom: { name: triggerName },
		});
		if (!started?.executionId) throw new Error(`n8n did not start workflow ${workflowId}: ${JSON.stringify(started)}`);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = this.readExecutions({ afterId: Number(started.executionId) - 1, workflowId }).find(
				(e) => e.id === String(started.executionId),
			);
			if (execution && !['new', 'running', 'waiting'].includes(execution.status)) return execution;
			if (Date.now() > deadline) throw new Error(`Manual execution ${started.executionId} of ${workflowId} did not finish in time`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** Runs one workflow with `n8n execute --id=<id> --rawOutput` (a fresh n8n process: about 3-4 s). */
	async execute(workflowId: string, opts: { timeoutMs?: number } = {}): Promise<ExecResult> {
		const result = await this.run(['execute', `--id=${workflowId}`, '--rawOutput'], opts);
		const raw = parseExecutionOutput(result.stdout);
		if (!raw) {
			throw new Error(
				`n8n execute --id=${workflowId} printed no execution (exit code ${result.code})\n` +
					`--- stdout ---\n${tail(result.stdout)}\n--- stderr ---\n${tail(result.stderr)}`,
			);
		}
		return toExecResult(workflowId, raw, result.stdout, result.stderr);
	}

	/**
	 * Runs many workflows in ONE n8n process (`n8n execute-batch`, one at a time, no retries),
	 * then reads each workflow's complete execution (run data and full error) from n8n's database.
	 * The batch costs one n8n start-up (~3 s) plus the workflows' own time, instead of ~3.5 s per
	 * `execute`. Workflows run one at a time in the order they were first imported into this user
	 * folder (not the order of `workflowIds`), so simulator request logs don't interleave.
	 */
	async executeMany(workflowIds: string[], opts: { timeoutMs?: number } = {}): Promise<Map<string, ExecResult>> {
		const results = new Map<string, ExecResult>();
		if (workflowIds.length === 0) return results;
		const wanted = new Set(workflowIds);
		const stored = this.query<{ id: string }>('SELECT id FROM workflow_entity ORDER BY rowid');
		const unknown = workflowIds.filter((id) => !stored.some((row) => row.id === id));
		if (unknown.length > 0) throw new Error(`Workflows not imported: ${unknown.join(', ')}`);
		const before = this.maxExecutionId();
		// --skipList rather than --ids: execute-batch drops --ids entries without a digit.
		const skipList = stored.filter((row) => !wanted.has(row.id)).map((row) => ({ workflowId: row.id }));
		let summary: { executions?: Array<{ workflowId: string; executionStatus: string; error?: string }> } = {};
		const batch = await this.withTempFile(JSON.stringify(skipList), async (skipFile) => {
			const outputFile = `${skipFile}.out.json`;
			try {
				const result = await this.run(
					['execute-batch', `--skipList=${skipFile}`, '--retries=0', '--concurrency=1', `--output=${outputFile}`],
					{ timeoutMs: opts.timeoutMs ?? 60_000 + 30_000 * workflowIds.length },
				);
				if (fs.existsSync(outputFile)) summary = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
				return result;
			} finally {
				fs.rmSync(outputFile, { force: true });
			}
		});
		for (const execution of this.readExecutions({ afterId: before })) {
			if (!wanted.has(execution.workflowId) || results.has(execution.workflowId)) continue;
			const result = toExecResult(execution.workflowId, execution, batch.stdout, batch.stderr);
			if (['new', 'running'].includes(result.status) && !result.error) {
				// The process ended while this execution ran: n8n crashed or was killed.
				result.error = {
					message:
						`n8n execute-batch ended (${batch.signal ?? `exit code ${batch.code}`}) before this execution finished. ` +
						`n8n's last output:\n${tail(`${batch.stdout}\n${batch.stderr}`, 30)}`,
				};
			}
			results.set(execution.workflowId, result);
		}
		for (const id of workflowIds) {
			if (results.has(id)) continue;
			// No execution was stored: n8n could not start it (e.g. no trigger/start node).
			const entry = summary.executions?.find((execution) => execution.workflowId === id);
			if (!entry) {
				throw new Error(
					`n8n execute-batch did not run workflow ${id} (exit code ${batch.code})
` +
						`--- stdout ---
${tail(batch.stdout)}
--- stderr ---
${tail(batch.stderr)}`,
				);
			}
			results.set(id, {
				workflowId: id,
				status: entry.executionStatus === 'success' ? 'success' : 'error',
				runData: {},
				error: { message: entry.error ?? 'n8n did not run the workflow' },
				raw: entry,
				stdout: batch.stdout,
				stderr: batch.stderr,
			});
		}
		return new Map(workflowIds.map((id) => [id, results.get(id)!]));
	}

	/**
	 * Runs a read-only SQL query on n8n's SQLite database (with n8n's own sqlite3 under Node 24).
	 * Works while n8n is running (WAL mode) or stopped. Returns [] if there is no database yet.
	 */
	query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): T[] {
		const dbFile = path.join(this.n8nFolder, 'database.sqlite');
		if (!fs.existsSync(dbFile)) return [];
		const script = `
const nm = require('path').join(${JSON.stringify(this.install.installDir)}, 'node_modules');
const sqlite3 = require(nm + '/sqlite3');
const [dbFile, sql, params] = process.argv.slice(1);
const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY);
db.configure('busyTimeout', 10000);
db.all(sql, JSON.parse(params), (err, rows) => {
  if (err) { process.stderr.write(err.message); process.exit(2); }
  process.stdout.write(JSON.stringify(rows));
  db.close();
});`;
		const child = spawnSync(this.install.nodeBin, ['-e', script, dbFile, sql, JSON.stringify(params)], {
			encoding: 'utf8',
			maxBuffer: 1024 * 1024 * 1024,
		});
		if (child.status !== 0) {
			// A database without tables yet (no command ran its migrations) has no rows.
			if (/no such table/.test(child.stderr)) return [];
			throw new Error(`Query on n8n's database failed: ${child.stderr || child.error?.message}`);
		}
		return JSON.parse(child.stdout) as T[];
	}

	/**
	 * Executions with their full data (`{ id, workflowId, mode, status, finished, startedAt,
	 * stoppedAt, data }`, as n8n's API returns them), oldest first.
	 */
	readExecutions(filter: { afterId?: number; workflowId?: string } = {}): any[] {
		const where = ['e.id > ?'];
		const params: unknown[] = [filter.afterId ?? 0];
		if (filter.workflowId) {
			where.push('e.workflowId = ?');
			params.push(filter.workflowId);
		}
		const rows = this.query<Record<string, any>>(
			'SELECT e.id, e.workflowId, e.mode, e.status, e.finished, e.startedAt, e.stoppedAt, d.data ' +
				'FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id ' +
				`WHERE ${where.join(' AND ')} ORDER BY e.id`,
			params,
		);
		return rows.map((row) => ({
			id: String(row.id),
			workflowId: row.workflowId,
			mode: row.mode,
			status: row.status,
			finished: Boolean(row.finished),
			startedAt: sqliteTime(row.startedAt),
			stoppedAt: sqliteTime(row.stoppedAt),
			data: typeof row.data === 'string' ? this.parseFlatted(row.data) : undefined,
		}));
	}

	/** n8n stores execution data with `flatted`; use n8n's own copy (pure JS) to decode it. */
	private parseFlatted(text: string): any {
		this.flatted ??= createRequire(path.join(this.install.installDir, 'package.json'))('flatted') as {
			parse: (text: string) => any;
		};
		return this.flatted.parse(text);
	}

	private maxExecutionId(): number {
		const rows = this.query<{ id: number | null }>('SELECT MAX(id) AS id FROM execution_entity');
		return Number(rows[0]?.id ?? 0);
	}

	/**
	 * Starts `n8n start` (server mode) and resolves with its URL once `/healthz/readiness` answers
	 * 200 and n8n reports the editor URL (published workflows are activated by then). With
	 * `owner`, the instance owner account is created/updated from the environment
	 * (N8N_INSTANCE_OWNER_MANAGED_BY_ENV), so the editor opens on a sign-in form, not a sign-up.
	 */
	async start(port = 5678, opts: StartOptions = {}): Promise<string> {
		if (this.server) throw new Error('n8n is already running');
		if (!(await portIsFree(port))) {
			throw new Error(`Port ${port} is already in use (another n8n?). Stop it or choose another port.`);
		}
		const env: Record<string, string> = {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: opts.listenAddress ?? '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...(opts.env ?? {}),
		};
		if (opts.owner) {
			Object.assign(env, {
				N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
				N8N_INSTANCE_OWNER_EMAIL: opts.owner.email,
				N8N_INSTANCE_OWNER_FIRST_NAME: opts.owner.firstName ?? 'Sandbox',
				N8N_INSTANCE_OWNER_LAST_NAME: opts.owner.lastName ?? 'Owner',
				N8N_INSTANCE_OWNER_PASSWORD_HASH: this.bcryptHash(opts.owner.password),
			});
			this.owner = opts.owner;
		}
		this.serverOutput = { stdout: '', stderr: '' };
		this.sessionCookie = undefined;
		const logStream = opts.logFile ? fs.createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
		const child = spawn(this.install.nodeBin, [this.install.n8nBin, 'start'], {
			cwd: this.userFolder,
			env: this.env(env),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		this.server = child;
		this.serverPort = port;
		this.serverStartedAt = Date.now();
		let sawEditorLine = false;
		const capture = (stream: 'stdout' | 'stderr') => (chunk: string) => {
			// Keep the last 512 KB per stream in memory for diagnostics.
			this.serverOutput[stream] = (this.serverOutput[stream] + chunk).slice(-512 * 1024);
			if (stream === 'stdout' && chunk.includes('Editor is now accessible')) sawEditorLine = true;
			logStream?.write(chunk);
			if (this.options.verbose) process.stderr.write(chunk);
		};
		child.stdout!.setEncoding('utf8').on('data', capture('stdout'));
		child.stderr!.setEncoding('utf8').on('data', capture('stderr'));
		let exited: string | undefined;
		child.on('exit', (code, signal) => {
			exited = signal ?? `exit code ${code}`;
			const unexpected = this.server === child;
			if (unexpected) this.server = undefined;
			logStream?.end();
			if (unexpected) opts.onExit?.(code, signal);
		});
		const url = `http://127.0.0.1:${port}`;
		const timeoutMs = opts.timeoutMs ?? 120_000;
		const deadline = Date.now() + timeoutMs;
		let readySince: number | undefined;
		while (Date.now() < deadline) {
			if (exited) throw new Error(`n8n start exited (${exited}) before it was ready\n${this.serverLogTail()}`);
			const ready = await fetch(`${url}/healthz/readiness`)
				.then((res) => res.status === 200)
				.catch(() => false);
			readySince = ready ? (readySince ?? Date.now()) : undefined;
			// n8n announces the editor URL at the end of start-up; with a log level or log scopes that
			// hide that line, settle for readiness answering for a few seconds.
			if (readySince !== undefined && (sawEditorLine || Date.now() - readySince > 5000)) return url;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		const log = this.serverLogTail();
		await this.stop();
		throw new Error(`n8n start was not ready within ${timeoutMs} ms\n${log}`);
	}

	/** The server's output so far (for diagnostics). */
	serverLog(): { stdout: string; stderr: string } {
		return { ...this.serverOutput };
	}

	private serverLogTail(): string {
		return `--- stdout ---\n${tail(this.serverOutput.stdout)}\n--- stderr ---\n${tail(this.serverOutput.stderr)}`;
	}

	/** Stops `n8n start` (SIGTERM to its whole process group, SIGKILL after `graceMs`). */
	async stop(graceMs = 15_000): Promise<void> {
		const child = this.server;
		if (!child) return;
		this.server = undefined;
		this.sessionCookie = undefined;
		if (child.exitCode !== null || child.signalCode !== null) return;
		const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
		killGroup(child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
		await closed;
		clearTimeout(timer);
		// The task runner is in the same group; make sure nothing is left behind.
		killGroup(child, 'SIGKILL');
	}

	get running(): boolean {
		return this.server !== undefined;
	}

	/** Calls n8n's internal REST API (`/rest/...`) of the running server as the owner. */
	async rest<T = any>(method: string, restPath: string, body?: unknown): Promise<T> {
		if (!this.serverPort || !this.server) throw new Error('n8n is not running (call start first)');
		if (!this.owner) throw new Error('rest() needs start(port, { owner }) to sign in');
		const base = `http://127.0.0.1:${this.serverPort}`;
		if (!this.sessionCookie) {
			const login = await fetch(`${base}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
				body: JSON.stringify({ emailOrLdapLoginId: this.owner.email, password: this.owner.password }),
			});
			if (login.status !== 200) throw new Error(`n8n sign-in failed: HTTP ${login.status}`);
			const cookie = login.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
			if (!cookie) throw new Error('n8n sign-in returned no n8n-auth cookie');
			this.sessionCookie = cookie.split(';')[0];
		}
		const res = await fetch(`${base}/rest${restPath.startsWith('/') ? '' : '/'}${restPath}`, {
			method,
			headers: {
				cookie: this.sessionCookie,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				// The session cookie is bound to the browser-id sent at sign-in.
				'browser-id': BROWSER_ID,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`n8n ${method} /rest${restPath}: HTTP ${res.status} ${text.slice(0, 500)}`);
		const parsed = text ? JSON.parse(text) : undefined;
		return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
	}

	/**
	 * Waits until the running server has activated these published workflows' triggers. In n8n
	 * 2.40 activation runs in the background (a publication queue) after the editor URL is
	 * announced; a polling trigger's first poll runs during activation. Reads the publication
	 * tables (`workflow_publication_outbox`, `workflow_publication_trigger_status`) and throws with
	 * n8n's activation error (e.g. "The polling interval is too short. It has to be at least a
	 * minute.") when a trigger failed to activate.
	 */
	async waitForActivation(workflowIds: string[], timeoutMs = 60_000): Promise<void> {
		if (!this.server || !this.serverStartedAt) throw new Error('n8n is not running (call start first)');
		const since = this.serverStartedAt;
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const pending: string[] = [];
			for (const id of workflowIds) {
				const inFlight = this.query<{ n: number }>(
					"SELECT COUNT(*) AS n FROM workflow_publication_outbox WHERE workflowId = ? AND status IN ('pending', 'in_progress')",
					[id],
				);
				const triggers = this.query<{ nodeId: string; status: string; errorMessage: string | null; updatedAt: string }>(
					'SELECT nodeId, status, errorMessage, updatedAt FROM workflow_publication_trigger_status WHERE workflowId = ?',
					[id],
				);
				const busy = Number(inFlight[0]?.n ?? 0) > 0;
				// Rows written by this server run. A trigger that failed in an earlier run is not
				// retried on restart, so its old 'failed' row is final once nothing is in flight.
				const settled = triggers.filter(
					(t) =>
						Date.parse(sqliteTime(t.updatedAt) ?? '') >= since - 1000 ||
						(t.status === 'failed' && Date.now() - since > 5000),
				);
				if (busy || triggers.length === 0 || settled.length < triggers.length) {
					pending.push(id);
					continue;
				}
				const failed = settled.filter((t) => t.status !== 'activated');
				if (failed.length > 0) {
					throw new Error(
						`n8n could not activate workflow ${id}: ${failed.map((t) => t.errorMessage ?? t.status).join('; ')}`,
					);
				}
			}
			if (pending.length === 0) return;
			if (!this.server) throw new Error(`n8n stopped while activating workflows\n${this.serverLogTail()}`);
			if (Date.now() > deadline) {
				throw new Error(`Workflows not activated within ${timeoutMs} ms: ${pending.join(', ')}\n${this.serverLogTail()}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** bcrypt hash (n8n's own bcryptjs) for N8N_INSTANCE_OWNER_PASSWORD_HASH. */
	private bcryptHash(password: string): string {
		const script = `const b = require(require('path').join(${JSON.stringify(this.install.installDir)}, 'node_modules', 'bcryptjs')); process.stdout.write(b.hashSync(process.argv[1], 10));`;
		const child = spawnSync(this.install.nodeBin, ['-e', script, password], { encoding: 'utf8' });
		if (child.status !== 0 || !child.stdout.startsWith('$2')) {
			throw new Error(`Could not hash the owner password: ${child.stderr}`);
		}
		return child.stdout;
	}

	/** Stops the server and any running command, and deletes the user folder if it was a throw-away one. */
	async dispose(): Promise<void> {
		for (const child of this.children) killGroup(child, 'SIGKILL');
		await this.stop();
		if (this.ownsFolder) fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

function toExecResult(workflowId: string, raw: any, stdout: string, stderr: string): ExecResult {
	const resultData = raw?.data?.resultData ?? {};
	const status: string = raw?.status ?? (resultData.error ? 'error' : 'unknown');
	return { workflowId, status, runData: resultData.runData ?? {}, error: resultData.error, raw, stdout, stderr };
}

/** SQLite stores n8n's timestamps as 'YYYY-MM-DD HH:MM:SS.SSS' in UTC. */
function sqliteTime(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	return value.includes('T') ? value : `${value.replace(' ', 'T')}Z`;
}

/** Replaces credential values in a line of output with `***`. */
function redact(line: string, creds: Array<{ data: Record<string, unknown> }>): string {
	let out = line;
	for (const cred of creds) {
		for (const value of Object.values(cred.data)) {
			if (typeof value === 'string' && value.length >= 6) out = out.split(value).join('***');
		}
	}
	return out;
}

/** A random id in n8n's format (16 alphanumerics), e.g. for ad-hoc workflows. */
export function randomWorkflowId(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(crypto.randomBytes(16), (b) => alphabet[b % alphabet.length]).join('');
}
