/**
 * `npm run bench`: speed measured against the local simulators (never as timed test assertions).
 *
 * 1. Simulator throughput: each simulator must serve at least 2,000 simple requests per second,
 *    so it is never the bottleneck of a benchmark.
 * 2. Operation latency and throughput through the nodes' real code path (the test harness sends
 *    real HTTP to the simulators).
 * 3. SOAP envelope building and parsing.
 *
 * Results are printed and written to bench/results/latest.json. Loops are bounded in count.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startAll, type Sandbox } from '../sandbox';
import { BENCH_CASES, SIM_REQUESTS, type SimRequestSpec } from './cases';

interface Row {
	name: string;
	count: number;
	seconds: number;
	perSecond: number;
	p50ms?: number;
	p95ms?: number;
	target?: string;
	ok?: boolean;
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function hammer(baseUrl: string, spec: SimRequestSpec, total: number, concurrency: number): Promise<Row> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const url = new URL(spec.path, baseUrl);
	const body = spec.body ?? '';
	let sent = 0;
	let failures = 0;
	const one = () =>
		new Promise<void>((resolve) => {
			const req = http.request(
				url,
				{ method: spec.method, agent, headers: { ...spec.headers, 'Content-Length': Buffer.byteLength(body) } },
				(res) => {
					if ((res.statusCode ?? 500) >= 500) failures++;
					res.resume();
					res.on('end', () => resolve());
				},
			);
			req.on('error', () => {
				failures++;
				resolve();
			});
			req.end(body);
		});
	const started = process.hrtime.bigint();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (sent < total) {
				sent++;
				await one();
			}
		}),
	);
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	agent.destroy();
	const perSecond = total / seconds;
	return {
		name: `simulator ${spec.name}${failures ? ` (${failures} failures)` : ''}`,
		count: total,
		seconds,
		perSecond,
		target: '>= 2000 req/s',
		ok: perSecond >= 2000 && failures === 0,
	};
}

async function main(): Promise<void> {
	const sandbox: Sandbox = await startAll();
	const rows: Row[] = [];
	try {
		for (const spec of SIM_REQUESTS) {
			const sim = sandbox.sims[spec.provider];
			await hammer(sandbox.urls[spec.provider], spec, 300, 8); // warm-up
			sim.reset();
			rows.push(await hammer(sandbox.urls[spec.provider], spec, 5000, 16));
			sim.reset();
		}
		for (const benchCase of BENCH_CASES) {
			// Reset first, then seed (prepare): the timed runs must see the seeded data.
			sandbox.sims[benchCase.provider].reset();
			const run = benchCase.prepare(sandbox);
			for (let i = 0; i < 5; i++) await run(); // warm-up
			sandbox.sims[benchCase.provider].clearRequests();
			const times: number[] = [];
			const started = process.hrtime.bigint();
			for (let i = 0; i < benchCase.iterations; i++) {
				const t0 = process.hrtime.bigint();
				await run();
				times.push(Number(process.hrtime.bigint() - t0) / 1e6);
				if (i % 100 === 99) sandbox.sims[benchCase.provider].clearRequests();
			}
			const seconds = Number(process.hrtime.bigint() - started) / 1e9;
			times.sort((a, b) => a - b);
			rows.push({
				name: benchCase.name,
				count: benchCase.iterations,
				seconds,
				perSecond: benchCase.iterations / seconds,
				p50ms: percentile(times, 50),
				p95ms: percentile(times, 95),
			});
			sandbox.sims[benchCase.provider].reset();
		}
	} finally {
		await sandbox.close();
	}

	const { soapRows } = await import('./soap');
	rows.push(...soapRows());

	const pad = (s: string, n: number) => s.padEnd(n);
	console.log(`\n${pad("benchmark", 70)} ${pad('count', 7)} ${pad('per second', 11)} ${pad('p50 ms', 8)} ${pad('p95 ms', 8)} target`);
	for (const row of rows) {
		console.log(
			`${pad(row.name, 70)} ${pad(String(row.count), 7)} ${pad(row.perSecond.toFixed(0), 11)} ${pad(row.p50ms?.toFixed(2) ?? '', 8)} ${pad(row.p95ms?.toFixed(2) ?? '', 8)} ${row.target ? `${row.target} ${row.ok ? 'met' : 'MISSED'}` : ''}`,
		);
	}
	const dir = path.join(__dirname, 'results');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify({ date: new Date().toISOString(), rows }, null, 2));
	const missed = rows.filter((row) => row.ok === false);
	if (missed.length) {
		console.log(`\n${missed.length} target(s) missed.`);
		process.exitCode = 1;
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
