// Prints the closing CI line "N passed, N failed" from vitest's JSON reporter output (plus the CLI smoke test).
import { existsSync, readFileSync } from 'node:fs';

const [file = 'test-results.json', smokeFailed = '0'] = process.argv.slice(2);
if (!existsSync(file)) {
  console.log(`no test results at ${file}: the test run did not finish`);
  console.log(`0 passed, ${1 + Number(smokeFailed)} failed`);
  process.exit(1);
}
const results = JSON.parse(readFileSync(file, 'utf8'));
const passed = results.numPassedTests + (smokeFailed === '0' ? 1 : 0);
const failed = results.numFailedTests + Number(smokeFailed) + (results.numFailedTestSuites ?? 0);
const skipped = results.numPendingTests + results.numTodoTests;
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
