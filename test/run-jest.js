#!/usr/bin/env node
/**
 * Runs jest, then prints the plain closing line CI reads, `N passed, N failed`, as the very last
 * line of the output. A run in which no test executed fails.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jest-results-')), 'results.json');
const jestBin = require.resolve('jest/bin/jest');
const run = spawnSync(process.execPath, [jestBin, '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)], {
	stdio: 'inherit',
});

let results;
try {
	results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
} catch {
	process.stdout.write('\njest did not write its results: 0 passed, 1 failed\n');
	process.exit(run.status || 1);
}
const passed = results.numPassedTests;
const failed = results.numFailedTests + (results.numRuntimeErrorTestSuites || 0);
const skipped = results.numPendingTests + results.numTodoTests;
let exitCode = run.status ?? 1;
if (passed + failed === 0) {
	process.stdout.write('\nNo test ran: failing the run.\n');
	exitCode = exitCode || 1;
}
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(exitCode);
