/**
 * Runs n8n's community-package scanner lint (`analyzePackage` from @n8n/scan-community-package)
 * offline on the source and on the unpacked `npm pack` tarball, and checks the tarball holds only
 * what users should get (dist/, package.json, README, LICENSE).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

async function main(): Promise<void> {
	const scannerPath = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
	const scanner = await import(scannerPath);
	let failed = false;

	const source = await scanner.analyzePackage(root, scanner.SOURCE_FILE_PATTERNS);
	console.log(`scanner (source): ${source.passed ? 'passed' : 'FAILED'}`);
	if (!source.passed) {
		failed = true;
		console.log(source.message, source.details ?? '');
	}

	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bookkeeping-pack-'));
	try {
		const output = execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const [info] = JSON.parse(output.slice(output.indexOf('[')));
		const files: string[] = info.files.map((f: { path: string }) => f.path);
		const unexpected = files.filter(
			(f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE', 'LICENSE.md'].includes(f),
		);
		const leaked = files.filter((f) => /(^|\/)(test|sandbox|bench)\//.test(f) || /\.test\./.test(f));
		if (unexpected.length || leaked.length) {
			failed = true;
			console.log(`tarball holds files it must not: ${[...unexpected, ...leaked].join(', ')}`);
		}
		for (const needed of ['dist/nodes/Conta/Conta.node.js', 'dist/icons/conta.svg']) {
			if (!files.includes(needed)) {
				failed = true;
				console.log(`tarball is missing ${needed}`);
			}
		}
		console.log(`tarball: ${info.filename}, ${files.length} files, ${info.size} bytes`);
		const unpacked = path.join(work, 'unpacked');
		fs.mkdirSync(unpacked);
		execFileSync('tar', ['-xzf', path.join(work, info.filename), '-C', unpacked]);
		const packed = await scanner.analyzePackage(path.join(unpacked, 'package'));
		console.log(`scanner (packed tarball): ${packed.passed ? 'passed' : 'FAILED'}`);
		if (!packed.passed) {
			failed = true;
			console.log(packed.message, packed.details ?? '');
		}
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	if (failed) process.exit(1);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
