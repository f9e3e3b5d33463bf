// Ends a jest run with the plain closing line CI reads: "jest: N passed, N failed, N skipped".
// A test file that fails to run at all (a syntax error, an unhandled error) counts as a failure too.
// Written at exit, so it comes after jest's own summary.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `jest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
