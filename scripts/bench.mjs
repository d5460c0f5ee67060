#!/usr/bin/env node
// npm run bench: every benchmark in sequence (two shared cores: never in parallel). Each one writes
// its own section of docs/benchmarks.md and exits non-zero when a target is missed; this runs them
// all anyway and exits non-zero if any did. Add a benchmark by adding its npm script to BENCHES.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const BENCHES = ['bench:risk', 'bench:commit', 'bench:history', 'bench:reports-page', 'bench:board', 'bench:soak']

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const failed = []
for (const name of BENCHES) {
  console.log(`\n=== ${name} ===`)
  const started = Date.now()
  const run = spawnSync(npm, ['run', '--silent', name], { cwd: root, stdio: 'inherit', env: process.env })
  const seconds = ((Date.now() - started) / 1000).toFixed(0)
  console.log(`=== ${name}: ${run.status === 0 ? 'ok' : `exit ${run.status ?? run.signal}`} in ${seconds} s ===`)
  if (run.status !== 0) failed.push(name)
}
console.log(failed.length ? `\nbench: ${failed.join(', ')} missed a target or failed` : '\nbench: every benchmark within its targets')
process.exit(failed.length ? 1 : 0)
