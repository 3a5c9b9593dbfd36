#!/usr/bin/env node
/**
 * Runs jest, then prints the plain closing line CI reads, `N passed, N failed`, as the very last
 * line of the output. A run in which no test executed fails. The reliability suite's summary line
 * (written to a file this script names) is printed just before it.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-results-'));
const resultsFile = path.join(resultsDir, 'results.json');
const reliabilityFile = path.join(resultsDir, 'reliability-summary.txt');
const jestBin = require.resolve('jest/bin/jest');
const run = spawnSync(process.execPath, [jestBin, '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)], {
	stdio: 'inherit',
	env: { ...process.env, RELIABILITY_SUMMARY_FILE: reliabilityFile },
});
let reliabilityLine = '';
try {
	reliabilityLine = fs.readFileSync(reliabilityFile, 'utf8').trim();
} catch {
	// The reliability suite did not run (e.g. --selectProjects unit integration).
}

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
if (reliabilityLine) process.stdout.write(`\n${reliabilityLine}`);
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(exitCode);
