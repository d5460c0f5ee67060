// The Reports page's render probe, shared by bench/reports-page.bench.ts and the CI subset in
// tests/e2e/perf-smoke.spec.ts. Passed to Playwright's addInitScript: it must stay self-contained.

declare global {
  interface Window {
    __reports: {
      dataAt: number | null
      paintedAt: number | null
      nodes: number
      /** Runs `f` in the task right after the next frame's paint (also the bench's floor). */
      afterFrame(f: () => void): void
    }
  }
}

/**
 * Installed before the app's scripts: from the page's data mark, looks at every frame (rAF, before
 * that frame's style, layout and paint) until one starts with all three charts in the DOM, and
 * takes the end of that frame: a user-blocking `scheduler.postTask` posted from its rAF runs after
 * its paint and before the other work queued meanwhile (a MessageChannel message where there is no
 * `scheduler`; see bench/lib/probe.ts).
 * The watch starts in `performance.mark` itself: a PerformanceObserver's callback comes when the
 * browser gets round to it, sometimes after the charts had been painted.
 */
export function installReportsProbe(): void {
  const w = window
  /** Runs `f` first thing after the current task: called from a rAF callback, after that frame. */
  const afterFrameTask = (f: () => void): void => {
    const scheduler = (globalThis as { scheduler?: { postTask?: (f: () => void, o: { priority: string }) => unknown } }).scheduler
    if (scheduler?.postTask) void scheduler.postTask(f, { priority: 'user-blocking' })
    else {
      const ch = new MessageChannel()
      ch.port1.onmessage = f
      ch.port2.postMessage(0)
    }
  }
  const afterFrame = (f: () => void): void => void requestAnimationFrame(() => afterFrameTask(f))
  w.__reports = { dataAt: null, paintedAt: null, nodes: 0, afterFrame }
  const count = (chart: string, sel: string) => document.querySelectorAll(`[data-chart="${chart}"] ${sel}`).length
  // Series drawn as one path each (features/reports/series.tsx) say how many bars or points they hold.
  const bars = (chart: string) =>
    [...document.querySelectorAll(`[data-chart="${chart}"] path[data-bars]`)].reduce((n, p) => n + Number(p.getAttribute('data-bars')), 0)
  const points = () => Number(document.querySelector('[data-chart="daily"] path[data-points]')?.getAttribute('data-points') ?? 0)
  const complete = () =>
    bars('daily') > 0 &&
    points() > 0 &&
    bars('technicians') >= 2 * 60 &&
    count('technicians', '.report-category-labels text') >= 60 &&
    bars('stoppages') > 0
  // Each frame's rAF looks; the first that starts with the charts complete is the one measured.
  const onFrame = () => {
    if (!complete()) {
      requestAnimationFrame(onFrame)
      return
    }
    afterFrameTask(() => {
      w.__reports.paintedAt = performance.now()
      w.__reports.nodes = document.getElementsByTagName('*').length
    })
  }
  const mark = performance.mark.bind(performance)
  performance.mark = (name: string, options?: PerformanceMarkOptions) => {
    const entry = mark(name, options)
    if (name === 'reports:data' && w.__reports.dataAt === null) {
      w.__reports.dataAt = entry.startTime
      requestAnimationFrame(onFrame)
    }
    return entry
  }
}

