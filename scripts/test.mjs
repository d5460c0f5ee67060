#!/usr/bin/env node
// npm test: vitest (unit + integration), the build, then Playwright against `serve` mode.
// Every step runs even if an earlier one failed, so one run shows everything that is wrong;
// the last line is the one CI reads: "N passed, N failed".
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { closingLine, playwrightCounts, sum, vitestCounts } from './test-summary.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const reports = join(root, '.reports')
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)
const VITEST_JSON = join(reports, 'vitest.json')
const PLAYWRIGHT_JSON = join(reports, 'playwright.json')

mkdirSync(reports, { recursive: true })
// Stale reports from an earlier run must never be mistaken for this run's results.
rmSync(VITEST_JSON, { force: true })
rmSync(PLAYWRIGHT_JSON, { force: true })

function step(title, command, args) {
  console.log(`\n=== ${title} ===`)
  const started = Date.now()
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env, shell: process.platform === 'win32' })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  const ok = run.status === 0
  console.log(`=== ${title}: ${ok ? 'ok' : `failed (exit ${run.status ?? run.signal ?? run.error?.message})`} in ${seconds} s ===`)
  return ok
}

function readReport(file, count, runner) {
  if (!existsSync(file)) return undefined
  try {
    return count(JSON.parse(readFileSync(file, 'utf8')))
  } catch (e) {
    console.error(`${runner}: unreadable report ${file}: ${e.message}`)
    return undefined
  }
}

const problems = []
const parts = []

const vitestOk = step('unit and integration tests (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${VITEST_JSON}`
])
const vitest = readReport(VITEST_JSON, vitestCounts, 'vitest')
if (vitest) parts.push(vitest)
else problems.push('vitest crashed before writing its report')
if (vitest && !vitestOk && vitest.failed === 0) problems.push('vitest exited non-zero without a failed test')

if (!step('build (electron-vite)', bin('electron-vite'), ['build', '--logLevel', 'warn'])) {
  problems.push('the build failed (end-to-end tests ran against whatever out/ held)')
}

const playwrightOk = step('end-to-end tests (Playwright, Debian chromium)', bin('playwright'), ['test'])
const playwright = readReport(PLAYWRIGHT_JSON, playwrightCounts, 'playwright')
if (playwright) parts.push(playwright)
else problems.push('Playwright crashed before writing its report')
if (playwright && !playwrightOk && playwright.failed === 0) problems.push('Playwright exited non-zero without a failed test')

// Steps that ran before npm test (e.g. the typecheck in .ci/run) and failed: name them here so
// the one closing line still counts them.
for (const name of (process.env.TEST_PRIOR_FAILURES ?? '').split(',').filter(Boolean)) problems.push(`${name} failed`)

const total = sum(parts)
total.failed += problems.length
console.log('')
for (const p of problems) console.log(`counted as 1 failure: ${p}`)
console.log(closingLine(total))
process.exit(total.failed > 0 ? 1 : 0)
