import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'

const rect = z.object({ x: z.int(), y: z.int(), width: z.int().min(200), height: z.int().min(150) })
const windowState = z.object({
  bounds: rect,
  maximized: z.boolean().default(false),
  fullScreen: z.boolean().default(false)
})
export type Rect = z.infer<typeof rect>
export type WindowState = z.infer<typeof windowState>

/** First start: large enough for the board, sized for a 1920x1080 wall screen. */
export const DEFAULT_STATE: WindowState = { bounds: { x: 0, y: 0, width: 1600, height: 900 }, maximized: true, fullScreen: false }

/** Reads the remembered state; a missing or damaged file just means "first start". */
export function loadWindowState(file: string): WindowState {
  try {
    return windowState.parse(JSON.parse(readFileSync(file, 'utf8')))
  } catch {
    return DEFAULT_STATE
  }
}

/** Writes via a temp file and rename, so a crash mid-write never leaves half a JSON file. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true })
  const tmp = `${file}.tmp`
  writeFileSync(tmp, JSON.stringify(state, null, 2))
  renameSync(tmp, file)
}

function overlaps(a: Rect, b: Rect): boolean {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w >= 100 && h >= 100
}

/**
 * Keeps remembered bounds only if they are still visibly on a display: the wall screen may
 * have been unplugged since, and a window off every screen cannot be found again.
 */
export function fitToDisplays(state: WindowState, workAreas: Rect[]): WindowState {
  if (workAreas.length === 0 || workAreas.some((area) => overlaps(state.bounds, area))) return state
  const area = workAreas[0]
  const width = Math.min(state.bounds.width, area.width)
  const height = Math.min(state.bounds.height, area.height)
  return {
    ...state,
    bounds: { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height }
  }
}
