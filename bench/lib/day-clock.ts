/**
 * A board page through a day's minutes of its own clock, for bench:soak and its CI subset
 * (tests/e2e/perf-smoke.spec.ts): every minute each screen ticks and recomputes the whole board's
 * risk, and nothing of that may pile up over a day.
 */
import type { BrowserContext } from '@playwright/test'
import { mainThreadMs, pageMemory, type PageMemory } from './page-metrics'

export interface DayRun {
  before: PageMemory
  after: PageMemory
  /** Main-thread time of each minute (ms). */
  perMinute: number[]
  /** Orders in the needs-attention list at the start and at the end of the day. */
  attentionBefore: number
  attentionAfter: number
}

/**
 * Opens the board in `context` with Playwright's clock installed before the page loads: the clock
 * stands in for the page's Date, timers and animation frames, and runs each minute in one go (its
 * four 15-second ticks, the minute's whole-board risk recomputation in an idle callback); React
 * renders in real time between minutes. The station's clock is not moved: no order changes
 * meanwhile, while the page's risk follows its own clock. Memory before and after, and the main
 * thread of every minute. `context` must have no page yet.
 */
export async function dayOfMinutes(context: BrowserContext, url: string, minutes: number, onMinute?: (m: number) => void): Promise<DayRun> {
  await context.clock.install({ time: Date.now() })
  const page = await context.newPage()
  await page.goto(url)
  // The page's timers and frames run only when the clock is told to: a second at a time until the board shows its risk.
  for (let i = 0; !(await page.locator('.lane [data-risk]').count()); i++) {
    if (i === 100) throw new Error('the board did not show its risk within 100 s of its own clock')
    await context.clock.runFor(1000)
    await page.waitForTimeout(100)
  }
  await context.clock.runFor(60_000)
  await page.waitForTimeout(500)
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  const attention = () => page.evaluate(() => Number(document.querySelector('.attention-head .count')?.textContent ?? NaN))
  const attentionBefore = await attention()
  const before = await pageMemory(cdp)
  const perMinute: number[] = []
  for (let m = 0; m < minutes; m++) {
    const t0 = (await mainThreadMs(cdp)).task
    await context.clock.runFor(60_000)
    // React renders the minute's change on the page's real clock (its scheduler posts messages).
    await new Promise((r) => setTimeout(r, 30))
    perMinute.push((await mainThreadMs(cdp)).task - t0)
    onMinute?.(m + 1)
  }
  await new Promise((r) => setTimeout(r, 300))
  const after = await pageMemory(cdp)
  return { before, after, perMinute, attentionBefore, attentionAfter: await attention() }
}
