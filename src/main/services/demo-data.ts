import { MINUTE_MS } from '../../shared/domain/calendar'

/** Made-up but plausible details shared by the demo day (demo.ts) and its past weeks (demo-history.ts). */
export const DEMO_ADVISORS = ['孙丽', '郑浩', '马琳'] as const

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'

/** The i-th demo plate, a Shenzhen one (粤B). */
export function demoPlate(i: number): string {
  return `粤B ${LETTERS[(i * 7) % LETTERS.length]}${String(10000 + ((i * 7919) % 89999)).slice(0, 4)}`
}

/** The i-th demo mobile number after a three-digit prefix. */
export function demoPhone(prefix: string, i: number): string {
  return `${prefix}${String(10000000 + ((i * 5237) % 89999999)).padStart(8, '0')}`
}

const QUARTER_MS = 15 * MINUTE_MS

/** Up to the next quarter hour: the times a service advisor promises. */
export const quarterUp = (ms: number): number => Math.ceil(ms / QUARTER_MS) * QUARTER_MS
