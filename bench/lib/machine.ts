import { cpus, loadavg, totalmem } from 'node:os'
import { readFileSync } from 'node:fs'

/** One line describing the machine the figures came from (issue 5: nproc, CPU model, Node, Chromium). */
export function describeMachine(chromiumVersion: string): string {
  let cpu = cpus()[0]?.model ?? 'unknown CPU'
  try {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu
  } catch {
    // not Linux: os.cpus() is enough
  }
  return `${cpus().length} logical CPUs (\`nproc\`), ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM; Node ${process.version}, ${process.platform}/${process.arch}; Chromium ${chromiumVersion} (headless, Debian package)`
}

export const loadAverage = (): string => loadavg().map((x) => x.toFixed(2)).join(' / ')
