// Pure helpers for scripts/test.mjs: turn the runners' JSON reports into one closing line.
// Kept apart so vitest can test the arithmetic without running the runners.

/**
 * Counts from vitest's JSON reporter (jest-compatible). A file that failed to load has no
 * failed tests but a failed suite; it counts as one failure so it can never pass silently.
 * @param {any} report
 */
export function vitestCounts(report) {
  const passed = report.numPassedTests ?? 0
  const failedTests = report.numFailedTests ?? 0
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
  const brokenFiles = (report.testResults ?? []).filter(
    (/** @type {any} */ file) =>
      file.status === 'failed' && !(file.assertionResults ?? []).some((/** @type {any} */ a) => a.status === 'failed')
  ).length
  return { passed, failed: failedTests + brokenFiles, skipped }
}

/**
 * Counts from Playwright's JSON reporter. Errors outside tests (a broken config, a spec that
 * does not compile) land in `errors`; each counts as one failure.
 * @param {any} report
 */
export function playwrightCounts(report) {
  const s = report.stats ?? {}
  const passed = (s.expected ?? 0) + (s.flaky ?? 0)
  const failed = (s.unexpected ?? 0) + (report.errors?.length ?? 0)
  return { passed, failed, skipped: s.skipped ?? 0 }
}

/**
 * The closing line CI reads: "N passed, N failed" (", N skipped" only when there are any).
 * @param {{passed: number, failed: number, skipped: number}} t
 */
export function closingLine(t) {
  return `${t.passed} passed, ${t.failed} failed${t.skipped > 0 ? `, ${t.skipped} skipped` : ''}`
}

/** @param {Array<{passed: number, failed: number, skipped: number}>} parts */
export function sum(parts) {
  return parts.reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped }), {
    passed: 0,
    failed: 0,
    skipped: 0
  })
}
