// Prints the closing CI line "N passed, N failed" from vitest's JSON reporter output of every test run (unit and
// integration, then end to end), plus the failed non-test steps (format, lint, typecheck, CLI smoke test) that
// .ci/run passes as the first argument. A run whose results file is missing counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const [smokeFailed = '0', ...files] = process.argv.slice(2);
let passed = smokeFailed === '0' ? 1 : 0;
let failed = Number(smokeFailed);
let skipped = 0;
for (const file of files.length > 0 ? files : ['test-results.json']) {
  if (!existsSync(file)) {
    console.log(`no test results at ${file}: that test run did not finish`);
    failed += 1;
    continue;
  }
  const results = JSON.parse(readFileSync(file, 'utf8'));
  passed += results.numPassedTests;
  // A suite that fails to load has no failed tests of its own: count it, so a broken file is never silent.
  const brokenSuites = (results.testResults ?? []).filter(
    (suite) => suite.status === 'failed' && (suite.assertionResults ?? []).length === 0,
  ).length;
  failed += results.numFailedTests + brokenSuites;
  skipped += results.numPendingTests + results.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
