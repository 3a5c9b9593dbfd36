/**
 * Prints the plain `N passed, N failed` line CI reads, and fails the run when no test ran.
 */
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const passed = results.numPassedTests;
		const failed = results.numFailedTests + (results.numRuntimeErrorTestSuites || 0);
		const skipped = results.numPendingTests + results.numTodoTests;
		let line = `${passed} passed, ${failed} failed`;
		if (skipped) line += `, ${skipped} skipped`;
		process.stdout.write(`\n${line}\n`);
		if (results.numTotalTests === 0) {
			process.stdout.write('No test ran: failing the run.\n');
			process.exitCode = 1;
		}
	}
}
module.exports = SummaryReporter;
