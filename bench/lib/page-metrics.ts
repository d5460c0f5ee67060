/**
 * A page's own counters, read over the Chrome DevTools Protocol (`Performance.getMetrics`; the
 * caller has sent `Performance.enable`): its main-thread time, and its memory after a forced GC.
 */
import type { CDPSession } from '@playwright/test'

async function metricsOf(cdp: CDPSession): Promise<(name: string) => number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
  return (name) => metrics.find((x) => x.name === name)?.value ?? NaN
}

/** Main-thread time of the page so far, in ms (every task, and the script, style and layout in them). */
export async function mainThreadMs(cdp: CDPSession): Promise<{ task: number; script: number; style: number; layout: number }> {
  const m = await metricsOf(cdp)
  return { task: 1000 * m('TaskDuration'), script: 1000 * m('ScriptDuration'), style: 1000 * m('RecalcStyleDuration'), layout: 1000 * m('LayoutDuration') }
}

export interface PageMemory {
  heapMiB: number
  nodes: number
  listeners: number
}

/** After two forced garbage collections: the page's JS heap in use, its DOM nodes and its event listeners. */
export async function pageMemory(cdp: CDPSession): Promise<PageMemory> {
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const m = await metricsOf(cdp)
  return { heapMiB: m('JSHeapUsedSize') / 2 ** 20, nodes: m('Nodes'), listeners: m('JSEventListeners') }
}
