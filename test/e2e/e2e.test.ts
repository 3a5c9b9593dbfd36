/**
 * Real-n8n end-to-end suite.
 *
 * Installs the pinned n8n once (cached outside the repository; the first run takes minutes),
 * starts the four simulators on random ports, puts the built package (`dist/`, run the build
 * first) into ONE throw-away n8n user folder, imports the credentials and workflows of every
 * case in `cases/*.case.ts`, executes all workflows in one `n8n execute-batch` process, then runs
 * each case's `check` as its own test.
 *
 * Cases with credential tests or a live phase (`E2ECase.live`: workflows that only run while
 * activated, such as polling triggers) share ONE `n8n start` after the batch: the credential tests
 * go through n8n's own tester, then each live phase activates its workflows, drives the
 * simulators and checks the executions n8n stored. Each live phase is reported by its own test.
 *
 * On machines that can't run n8n 2.x (not linux-x64 and Node < 24) the suite is skipped with the
 * reason in the test name, never passed silently.
 */
import fs from 'node:fs';
import path from 'node:path';

import { startAll, type Sandbox } from '../../sandbox';
import { ensureN8n, n8nSupport } from './n8n-install';
import { N8nRunner, REPO_ROOT, PACKAGE_NAME, freePort, type ExecResult } from './n8n-runner';
import type { Cred, E2ECase, LiveContext } from './types';

const CASES_DIR = path.join(__dirname, 'cases');
/**
 * `E2E_CASES=conta-customer,smoke` runs only the case files whose names start with one of these
 * (for working on one area; `npm test` always runs every case).
 */
const ONLY = (process.env.E2E_CASES ?? '').split(',').map((s) => s.trim()).filter(Boolean);

interface LoadedCase {
	file: string;
	e2e: E2ECase;
}

function loadCases(): LoadedCase[] {
	return fs
		.readdirSync(CASES_DIR)
		.filter((file) => file.endsWith('.case.ts'))
		.filter((file) => !ONLY.length || ONLY.some((name) => file.startsWith(name)))
		.sort()
		.map((file) => {
			const mod = require(path.join(CASES_DIR, file)) as { default?: E2ECase };
			if (!mod.default || typeof mod.default.check !== 'function') {
				throw new Error(`${file} must default-export an E2ECase ({ provider, credentials, workflows, check })`);
			}
			return { file, e2e: mod.default };
		});
}

function newestMtime(dir: string, filter: (file: string) => boolean): number {
	if (!fs.existsSync(dir)) return 0;
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) newest = Math.max(newest, newestMtime(file, filter));
		else if (entry.isFile() && filter(file)) newest = Math.max(newest, fs.statSync(file).mtimeMs);
	}
	return newest;
}

/** Fails early with a clear message when `dist/` is missing or older than the sources. */
function assertBuilt(): void {
	const dist = path.join(REPO_ROOT, 'dist');
	if (!fs.existsSync(dist)) throw new Error('dist/ does not exist: run `npm run build` before the e2e tests.');
	const isSource = (file: string) => /\.(ts|json|svg|png)$/.test(file) && !file.endsWith('.d.ts');
	const sources = Math.max(
		newestMtime(path.join(REPO_ROOT, 'nodes'), isSource),
		newestMtime(path.join(REPO_ROOT, 'credentials'), isSource),
		newestMtime(path.join(REPO_ROOT, 'icons'), isSource),
	);
	const built = newestMtime(dist, () => true);
	if (sources > built) {
		throw new Error('dist/ is older than nodes/ or credentials/: run `npm run build` before the e2e tests.');
	}
}

/** `n8n-nodes-bookkeeping.<name>` for every node file package.json declares (loaded from dist/). */
function declaredNodeTypes(): string[] {
	const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	const files: string[] = manifest.n8n?.nodes ?? [];
	const names: string[] = [];
	for (const file of files) {
		const mod = require(path.join(REPO_ROOT, file)) as Record<string, unknown>;
		for (const exported of Object.values(mod)) {
			if (typeof exported !== 'function') continue;
			try {
				const instance = new (exported as new () => { description?: { name?: string } })();
				if (instance.description?.name) names.push(`${PACKAGE_NAME}.${instance.description.name}`);
			} catch {
				// Not a node class.
			}
		}
	}
	return names;
}

/** Merges credentials from all cases; the same id must mean the same credential. */
function mergeCredentials(all: Cred[]): Cred[] {
	const byId = new Map<string, Cred>();
	for (const cred of all) {
		const existing = byId.get(cred.id);
		if (existing && JSON.stringify(existing) !== JSON.stringify(cred)) {
			throw new Error(`Two e2e cases define credential id "${cred.id}" differently`);
		}
		byId.set(cred.id, cred);
	}
	return [...byId.values()];
}

function progress(message: string): void {
	process.stderr.write(`[e2e] ${message}\n`);
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

const support = n8nSupport();
const cases = loadCases();

if (!support.supported) {
	process.stderr.write(`[e2e] SKIPPING the real-n8n suite: ${support.reason}\n`);
	describe('real n8n end-to-end', () => {
		it.skip(`SKIPPED (cannot run n8n here): ${support.reason}`, () => undefined);
		for (const { file } of cases) it.skip(`${file} (skipped: n8n cannot run here)`, () => undefined);
	});
} else {
	describe('real n8n end-to-end', () => {
		let sandbox: Sandbox | undefined;
		let runner: N8nRunner | undefined;
		const results = new Map<string, ExecResult>();
		const ownerOf = new Map<string, string>();
		/** Live workflows (not run by the batch) -> case file. */
		const liveOwnerOf = new Map<string, string>();
		const credentialResults = new Map<string, { status: string; message: string }>();
		/** Live phases that ran, and the error of those that failed. */
		const liveRan = new Set<string>();
		const liveErrors = new Map<string, unknown>();

		beforeAll(async () => {
			let t = Date.now();
			assertBuilt();
			const install = await ensureN8n();
			progress(`n8n ${install.version} ready (${seconds(t)})`);

			t = Date.now();
			sandbox = await startAll();
			runner = await N8nRunner.create();
			for (const { e2e } of cases) await e2e.setup?.(sandbox.sims);
			const creds = mergeCredentials(cases.flatMap(({ e2e }) => e2e.credentials(sandbox!.urls)));
			const workflows = cases.flatMap(({ file, e2e }) =>
				e2e.workflows().map((workflow) => {
					const id = String(workflow.id);
					if (ownerOf.has(id)) {
						throw new Error(`Workflow id "${id}" is used by ${ownerOf.get(id)} and ${file}`);
					}
					ownerOf.set(id, file);
					return workflow;
				}),
			);
			const liveWorkflows = cases.flatMap(({ file, e2e }) =>
				(e2e.live?.workflows() ?? []).map((workflow) => {
					const id = String(workflow.id);
					const owner = ownerOf.get(id) ?? liveOwnerOf.get(id);
					if (owner) throw new Error(`Workflow id "${id}" is used by ${owner} and ${file}`);
					// n8n saves a workflow's static data (trigger cursors) only for ids of at most 21
					// characters (`isWorkflowIdValid`); a longer id would silently lose every cursor.
					if (id.length > 21) throw new Error(`Live workflow id "${id}" (${file}) is longer than 21 characters`);
					liveOwnerOf.set(id, file);
					return workflow;
				}),
			);
			await runner.importCredentials(creds);
			// Live workflows are imported last: the batch runs only the ids it is given.
			await runner.importWorkflows([...workflows, ...liveWorkflows]);
			progress(
				`imported ${creds.length} credentials and ${workflows.length + liveWorkflows.length} workflows` +
					`${liveWorkflows.length ? ` (${liveWorkflows.length} live)` : ''} (${seconds(t)})`,
			);

			t = Date.now();
			const executed = await runner.executeMany([...ownerOf.keys()]);
			for (const [id, result] of executed) results.set(id, result);
			const failed = [...results.values()].filter((r) => r.status !== 'success').length;
			progress(`executed ${results.size} workflows in one batch, ${failed} not successful (${seconds(t)})`);

			// Credential tests go through n8n's own tester and live phases need activated workflows:
			// both need a running server, started once.
			const tests = cases.flatMap(({ e2e }) => e2e.credentialTests ?? []);
			const liveCases = cases.filter(({ e2e }) => e2e.live);
			if (tests.length || liveCases.length) {
				t = Date.now();
				const port = await freePort();
				const owner = { email: 'owner@example.com', password: 'E2e-Password-1' };
				await runner.start(port, { owner });
				const byId = new Map(creds.map((cred) => [cred.id, cred]));
				for (const test of tests) {
					const cred = byId.get(test.credentialId);
					if (!cred) throw new Error(`credential test names unknown credential id "${test.credentialId}"`);
					credentialResults.set(
						test.credentialId,
						await runner.rest('POST', '/credentials/test', {
							credentials: { id: cred.id, name: cred.name, type: cred.type, data: cred.data },
						}),
					);
				}
				if (tests.length) progress(`ran ${tests.length} credential tests in n8n (${seconds(t)})`);

				const activated: string[] = [];
				for (const { file, e2e } of liveCases) {
					t = Date.now();
					const context: LiveContext = {
						runner,
						sims: sandbox.sims,
						urls: sandbox.urls,
						activate: async (ids) => {
							const foreign = ids.filter((id) => liveOwnerOf.get(id) !== file);
							if (foreign.length) throw new Error(`${file} can only activate its own live workflows, not ${foreign.join(', ')}`);
							await runner!.activateWorkflows(ids);
							activated.push(...ids.filter((id) => !activated.includes(id)));
						},
						runManually: async (id, triggerName) => await runner!.runManually(id, triggerName),
						restart: async () => {
							const started = Date.now();
							await runner!.stop();
							await runner!.start(port, { owner });
							if (activated.length) await runner!.waitForActivation(activated);
							progress(`restarted n8n (${seconds(started)})`);
						},
						log: (message) => progress(`${e2e.provider} live: ${message}`),
					};
					liveRan.add(file);
					try {
						await e2e.live!.run(context);
						progress(`live phase of ${file} passed (${seconds(t)})`);
					} catch (error) {
						liveErrors.set(file, error);
						progress(`live phase of ${file} FAILED (${seconds(t)}): ${(error as Error)?.message?.split('\n')[0]}`);
						if (!runner.running) await runner.start(port, { owner }).catch(() => undefined);
					}
				}
				await runner.stop();
			}
		}, 30 * 60_000);

		afterAll(async () => {
			await runner?.dispose();
			await sandbox?.close();
		}, 60_000);

		it('n8n loads every node type the package declares', async () => {
			const expected = declaredNodeTypes();
			const known = new Set((await runner!.nodeTypes()).map((type) => type.name));
			const missing = expected.filter((name) => !known.has(name));
			expect(missing).toEqual([]);
			// n8n itself works (and the scan did not break n8n's own nodes).
			expect(known.has('n8n-nodes-base.manualTrigger')).toBe(true);
		}, 120_000);

		for (const { file, e2e } of cases) {
			if (e2e.credentialTests?.length) {
				it(`${e2e.provider} credential tests in n8n's own tester (${file})`, () => {
					for (const test of e2e.credentialTests!) {
						const answer = credentialResults.get(test.credentialId);
						expect({ id: test.credentialId, status: answer?.status }).toEqual({ id: test.credentialId, status: test.status });
						if (test.messageContains) expect(answer!.message).toContain(test.messageContains);
						if (test.secret) expect(JSON.stringify(answer)).not.toContain(test.secret);
					}
				});
			}
			if (e2e.live) {
				it(`${e2e.provider} live phase in a running n8n (${file})`, () => {
					if (liveErrors.has(file)) throw liveErrors.get(file);
					expect(liveRan.has(file)).toBe(true);
				});
			}
			it(`${e2e.provider} (${file})`, async () => {
				try {
					await e2e.check(results, sandbox!.sims);
				} catch (error) {
					// Show what n8n did for this case's workflows next to the assertion failure.
					const mine = [...results.values()].filter((r) => ownerOf.get(r.workflowId) === file);
					const summary = mine
						.map((r) => `  ${r.workflowId}: ${r.status}${r.error ? ` (${r.error.message ?? r.error})` : ''}`)
						.join('\n');
					(error as Error).message += `\n\nExecutions of ${file}:\n${summary}`;
					throw error;
				}
			}, 120_000);
		}
	});
}
