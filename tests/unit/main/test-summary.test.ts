import { describe, expect, it } from 'vitest'
import { closingLine, playwrightCounts, sum, vitestCounts } from '../../../scripts/test-summary.mjs'

describe("npm test's closing line", () => {
  it('reads vitest counts, counting a file that failed to load as a failure', () => {
    const report = {
      numPassedTests: 10,
      numFailedTests: 1,
      numPendingTests: 2,
      numTodoTests: 1,
      testResults: [
        { status: 'failed', assertionResults: [{ status: 'failed' }] },
        { status: 'failed', assertionResults: [] },
        { status: 'passed', assertionResults: [{ status: 'passed' }] }
      ]
    }
    expect(vitestCounts(report)).toEqual({ passed: 10, failed: 2, skipped: 3 })
  })

  it('reads Playwright counts, counting errors outside tests as failures', () => {
    expect(playwrightCounts({ stats: { expected: 5, unexpected: 1, flaky: 1, skipped: 2 }, errors: [{ message: 'x' }] })).toEqual({
      passed: 6,
      failed: 2,
      skipped: 2
    })
  })

  it('prints skipped only when there are any', () => {
    expect(closingLine(sum([{ passed: 3, failed: 0, skipped: 0 }, { passed: 2, failed: 1, skipped: 0 }]))).toBe('5 passed, 1 failed')
    expect(closingLine({ passed: 1, failed: 0, skipped: 4 })).toBe('1 passed, 0 failed, 4 skipped')
  })
})
