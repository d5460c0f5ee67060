// Types for test-summary.mjs (plain JS so `node scripts/test.mjs` runs without a build).
export interface Counts {
  passed: number
  failed: number
  skipped: number
}
export function vitestCounts(report: unknown): Counts
export function playwrightCounts(report: unknown): Counts
export function closingLine(t: Counts): string
export function sum(parts: Counts[]): Counts
