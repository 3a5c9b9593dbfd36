/**
 * `npm start`: the whole package, running inside a real n8n, against the local simulators.
 *
 * 1. builds the package (`npm run build`),
 * 2. starts the four simulators on their fixed ports (SANDBOX_PORTS),
 * 3. installs the pinned n8n if needed (first run: a few minutes, cached afterwards),
 * 4. prepares a persistent n8n user folder outside the repository, installs the built package
 *    into it, imports the sandbox credentials and the example workflows (`sandbox/workflows/*.json`;
 *    fixed ids, so re-running overwrites them),
 * 5. starts n8n (port N8N_PORT or 5678) with a ready-made owner account and prints what to open.
 *
 * Ctrl-C stops n8n and the simulators.
 *
 * Environment: N8N_PORT (default 5678), N8N_LISTEN_ADDRESS (default 127.0.0.1; 0.0.0.0 to reach it
 * from another machine or a container host), N8N_LOG_LEVEL, SANDBOX_SKIP_BUILD=1 (reuse dist/).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { PROVIDERS, SANDBOX_PORTS } from './credentials';
import { startAll, type Sandbox } from './index';
import { sandboxCredentials, SANDBOX_CREDENTIAL_NAMES } from './n8n-credentials';
import { cacheRoot, ensureN8n, N8nUnsupportedError } from '../test/e2e/n8n-install';
import { N8nRunner, REPO_ROOT, type OwnerAccount } from '../test/e2e/n8n-runner';

const OWNER: OwnerAccount = {
	email: 'owner@example.com',
	password: 'Sandbox-Password-1',
	firstName: 'Sandbox',
	lastName: 'Owner',
};

const WORKFLOWS_DIR = path.join(__dirname, 'workflows');

function say(message = ''): void {
	process.stdout.write(`${message}\n`);
}

function step(message: string): void {
	process.stdout.write(`▶ ${message}\n`);
}

function build(): void {
	if (process.env.SANDBOX_SKIP_BUILD === '1') {
		step('Skipping the build (SANDBOX_SKIP_BUILD=1)');
		return;
	}
	step('Building the package (npm run build)');
	const started = Date.now();
	const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], {
		cwd: REPO_ROOT,
		stdio: 'inherit',
	});
	if (result.status !== 0) throw new Error('The build failed (see above).');
	say(`  built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

interface ExampleWorkflow {
	id: string;
	name: string;
	file: string;
	raw: Record<string, unknown>;
}

function exampleWorkflows(): ExampleWorkflow[] {
	if (!fs.existsSync(WORKFLOWS_DIR)) return [];
	const out: ExampleWorkflow[] = [];
	for (const file of fs.readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith('.json')).sort()) {
		const parsed = JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8')) as unknown;
		for (const workflow of Array.isArray(parsed) ? parsed : [parsed]) {
			const wf = workflow as Record<string, unknown>;
			if (typeof wf.id !== 'string') throw new Error(`sandbox/workflows/${file}: every workflow needs a fixed "id"`);
			out.push({ id: wf.id, name: String(wf.name ?? wf.id), file, raw: wf });
		}
	}
	return out;
}

async function main(): Promise<void> {
	const port = Number(process.env.N8N_PORT ?? 5678);
	const listenAddress = process.env.N8N_LISTEN_ADDRESS ?? '127.0.0.1';
	let sandbox: Sandbox | undefined;
	let runner: N8nRunner | undefined;
	let stopping = false;

	const shutdown = async (code: number): Promise<never> => {
		if (!stopping) {
			stopping = true;
			say('\nStopping n8n and the simulators…');
			await runner?.stop().catch(() => undefined);
			await sandbox?.close().catch(() => undefined);
			say('Stopped.');
		}
		process.exit(code);
	};
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));

	try {
		build();

		step('Starting the simulators');
		try {
			sandbox = await startAll({ ports: SANDBOX_PORTS });
		} catch (error) {
			throw new Error(
				`Could not start the simulators on ports ${Object.values(SANDBOX_PORTS).join(', ')}: ` +
					`${(error as Error).message}. Is another \`npm start\` running?`,
			);
		}

		step('Preparing n8n (the first run installs it: a few minutes; later runs take seconds)');
		const install = await ensureN8n();
		say(`  n8n ${install.version} in ${install.installDir}`);

		const userFolder = path.join(cacheRoot(), 'sandbox-user');
		step(`Setting up the n8n user folder ${userFolder}`);
		runner = await N8nRunner.create({
			userFolder,
			env: process.env.N8N_LOG_LEVEL ? { N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL } : {},
		});
		const urls = sandbox.urls;
		await runner.importCredentials(sandboxCredentials(urls));
		const workflows = exampleWorkflows();
		await runner.importWorkflows(workflows.map((w) => w.raw));
		say(`  imported ${PROVIDERS.length} credentials and ${workflows.length} example workflows`);

		step(`Starting n8n on port ${port}`);
		const logFile = path.join(userFolder, 'n8n.log');
		await runner.start(port, {
			owner: OWNER,
			listenAddress,
			logFile,
			onExit: (code, signal) => {
				if (stopping) return;
				const { stdout, stderr } = runner!.serverLog();
				process.stderr.write(`\nn8n stopped unexpectedly (${signal ?? `exit code ${code}`}). Last output:\n`);
				process.stderr.write(`${`${stdout}\n${stderr}`.split('\n').slice(-40).join('\n')}\n`);
				void shutdown(1);
			},
		});

		const editor = `http://localhost:${port}`;
		say();
		say('══════════════════════════════════════════════════════════════════════');
		say(`  n8n is running with n8n-nodes-bookkeeping: ${editor}`);
		say();
		say(`  Sign in:   ${OWNER.email}  /  ${OWNER.password}`);
		say();
		say('  Example workflows (open one, then "Execute workflow"):');
		for (const w of workflows) say(`    ${w.name.padEnd(44)} ${editor}/workflow/${encodeURIComponent(w.id)}`);
		if (workflows.length === 0) say('    (none yet: add them to sandbox/workflows/*.json)');
		say();
		say('  Credentials (already set up, pointing at the simulators):');
		for (const provider of PROVIDERS) say(`    ${SANDBOX_CREDENTIAL_NAMES[provider]}`);
		say();
		say('  Simulators:');
		for (const provider of PROVIDERS) say(`    ${provider.padEnd(14)} ${urls[provider]}   (requests: ${urls[provider]}/__sim/requests)`);
		say();
		say(`  n8n log: ${logFile}`);
		say('  Re-running `npm start` rebuilds the package and re-imports the examples (edits to them are overwritten).');
		say('  Press Ctrl-C to stop.');
		say('══════════════════════════════════════════════════════════════════════');
	} catch (error) {
		if (error instanceof N8nUnsupportedError) {
			process.stderr.write(`\nCannot run n8n here: ${error.message}\n`);
		} else {
			process.stderr.write(`\nnpm start failed: ${(error as Error).message}\n`);
		}
		await shutdown(1);
	}
}

void main();
