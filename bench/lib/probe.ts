/**
 * In-page instrumentation for the board benchmarks, installed with `page.addInitScript(installProbe)`
 * before the app's own scripts run. It must stay self-contained (Playwright sends its source text).
 *
 * Frame times use the usual "next frame" technique: a requestAnimationFrame callback, then a task
 * posted from it, which runs after that frame's style, layout and paint on the main thread. The task
 * is a user-blocking `scheduler.postTask` where there is one (a MessageChannel message otherwise):
 * a plain message waited behind the timers, network replies and React work queued meanwhile, and
 * a drop measured 11 ms after the frame that had painted it (timeline traces, issue 5).
 * All times are `performance.now()` of the page; `performance.timeOrigin + t` compares pages.
 */
export interface CommandRecord {
  name: string
  sentAt: number
  /** The whole reply body received. */
  arrivedAt: number
  serverTiming: string | null
  /** End of the first frame after the app applied the reply (its continuation ran in the same task). */
  paintedAt?: number
}

export interface MoveRecord {
  /** The pointer event's own timestamp (when the browser received the input). */
  t0: number
  /**
   * When the page started handling it (the probe's capturing listener runs first). Chromium hands
   * pointer moves to the page aligned to its frames, so this is the start of the frame that handles it.
   */
  dispatchedAt: number
  /** End of the first frame that shows the drag overlay moved (or 6 frames later, `shown` false). */
  frameAt: number
  frames: number
  shown: boolean
  /** Card body renders (window.__wdbCardRenders) between the event and that frame. */
  renders: number
}

export interface BenchProbe {
  commands: CommandRecord[]
  /** When the board-get reply body had fully arrived. */
  boardArrivedAt: number | null
  /** End of the first frame after lanes were in the DOM. */
  boardPaintedAt: number | null
  /** End of the first frame after a lane's card showed its risk (`data-risk`: computed after the first paint). */
  riskPaintedAt: number | null
  longTasks: { start: number; duration: number }[]
  moves: MoveRecord[]
  /** While true, every pointermove is timed to its frame. */
  armed: boolean
  /** During a drag a move counts once the overlay moved; otherwise the next frame ends it (the floor). */
  expectOverlay: boolean
  /** Timestamp of the last pointerup (a drop). */
  lastPointerUp: number | null
  /**
   * Every pointerup reported by Event Timing (timestamp and the time its event handlers ran: a
   * drop's dnd-kit drag end, the command sent, the optimistic change and React's render). Only
   * events that took 16 ms or more to their next paint are reported (the API's lowest threshold).
   */
  pointerUps: { at: number; handlersMs: number }[]
  lastMove: Promise<MoveRecord> | null
  afterFrame(): Promise<number>
  /**
   * Resolves with the end of the first frame in which `selector` matches inside `within` (default
   * document), or NaN after `timeoutMs`.
   */
  whenShown(selector: string, within?: string, timeoutMs?: number): Promise<number>
}

declare global {
  interface Window {
    __bench: BenchProbe
  }
}

export function installProbe(): void {
  /** Runs `f` first thing after the current task: called from a rAF callback, after that frame. */
  const nextTask = (f: () => void): void => {
    const scheduler = (globalThis as { scheduler?: { postTask?: (f: () => void, o: { priority: string }) => unknown } }).scheduler
    if (scheduler?.postTask) {
      void scheduler.postTask(f, { priority: 'user-blocking' })
      return
    }
    const ch = new MessageChannel()
    ch.port1.onmessage = f
    ch.port2.postMessage(0)
  }
  const afterFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(() => nextTask(() => resolve(performance.now()))))
  const renders = (): number => (typeof window.__wdbCardRenders === 'function' ? window.__wdbCardRenders() : 0)
  const overlayTransform = (): string | null => {
    const card = document.querySelector('.card-overlay')
    return card && card.parentElement ? card.parentElement.style.transform : null
  }

  const probe: BenchProbe = {
    commands: [],
    boardArrivedAt: null,
    boardPaintedAt: null,
    riskPaintedAt: null,
    longTasks: [],
    moves: [],
    armed: false,
    expectOverlay: true,
    lastPointerUp: null,
    pointerUps: [],
    lastMove: null,
    afterFrame,
    whenShown(selector, within, timeoutMs = 10_000) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          observer.disconnect()
          resolve(NaN)
        }, timeoutMs)
        const find = () => {
          const root = within ? document.querySelector(within) : document
          return root ? root.querySelector(selector) : null
        }
        const done = () => {
          clearTimeout(timer)
          observer.disconnect()
          void afterFrame().then(resolve)
        }
        const observer = new MutationObserver(() => {
          if (find()) done()
        })
        if (find()) {
          clearTimeout(timer)
          void afterFrame().then(resolve)
          return
        }
        observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-ro', 'aria-label', 'data-risk'] })
      })
    }
  }
  window.__bench = probe

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration })
    }).observe({ type: 'longtask', buffered: true })
  } catch {
    // no longtask support: the bench reports none observed
  }

  // Every command reply: when its whole body arrived, and the station's Server-Timing header.
  const fetch0 = window.fetch.bind(window)
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const m = /\/api\/commands\/([a-z-]+)/.exec(url)
    const sentAt = performance.now()
    const res = await fetch0(input, init)
    if (!m) return res
    const body = await res.text()
    const arrivedAt = performance.now()
    const rec: CommandRecord = { name: m[1], sentAt, arrivedAt, serverTiming: res.headers.get('server-timing') }
    probe.commands.push(rec)
    // The app reads the reply in the microtasks after this one; a timeout later its store update is scheduled.
    setTimeout(() => void afterFrame().then((t) => (rec.paintedAt = t)), 0)
    if (m[1] === 'board-get' && probe.boardArrivedAt === null) {
      probe.boardArrivedAt = arrivedAt
      void probe.whenShown('.lane').then((t) => {
        probe.boardPaintedAt = t
      })
      void probe.whenShown('.lane [data-risk]').then((t) => {
        probe.riskPaintedAt = t
      })
    }
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers })
  }

  window.addEventListener(
    'pointermove',
    (e) => {
      if (!probe.armed) return
      const dispatchedAt = performance.now()
      const t0 = e.timeStamp
      const before = overlayTransform()
      const r0 = renders()
      let frames = 0
      probe.lastMove = new Promise((resolve) => {
        const check = () => {
          frames++
          const now = overlayTransform()
          const shown = now !== null && now !== before
          if (shown || !probe.expectOverlay || frames >= 6) {
            nextTask(() => {
              const rec: MoveRecord = { t0, dispatchedAt, frameAt: performance.now(), frames, shown, renders: renders() - r0 }
              probe.moves.push(rec)
              resolve(rec)
            })
          } else requestAnimationFrame(check)
        }
        requestAnimationFrame(check)
      })
    },
    { capture: true }
  )
  window.addEventListener('pointerup', (e) => (probe.lastPointerUp = e.timeStamp), { capture: true })
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as PerformanceEventTiming[]) {
        if (e.name === 'pointerup') probe.pointerUps.push({ at: e.startTime, handlersMs: e.processingEnd - e.processingStart })
      }
    }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit)
  } catch {
    // no Event Timing: the bench reports no handler times
  }
}
