import type { BoardChanges } from '../../../main/services/tx'
import type { ErrorReply } from '../../../shared/api/errors'
import type { SkillGap } from '../../../shared/domain/skill-match'
import { OPEN_STATUSES } from '../../../shared/domain/repair-order-status'
import { call, subscribeBoard } from '../api/client'
import { currentLang, i18n, localised } from '../i18n'
import { applyOptimistic, placementOf, planUndo, type DropAction, type Move } from '../features/board/moves'
import { applyChanges, fromSnapshot, settleOptimistic, skillName, upsertOrder } from './board-state'
import { boardData, setBoardData, useBoard } from './board-store'
import { toast } from './toast-store'
import { inChangeTask } from '../features/schedule/risk-store'

const open = new Set<string>(OPEN_STATUSES)

let loading: Promise<void> | null = null
/** Events that arrive while a snapshot is loading: applied after it when newer than it. */
let buffered: BoardChanges[] = []

export function showError(error: ErrorReply): void {
  toast('error', localised(error.message))
}

/** Fetches the whole board (first load, reconnect with a different version, after a refused command). */
export function loadBoard(): Promise<void> {
  loading ??= (async () => {
    buffered = []
    const reply = await call('board-get', {})
    if (!reply.ok) {
      useBoard.setState({ loadError: localised(reply.error.message) })
      return
    }
    let next = fromSnapshot(reply.result, useBoard.getState().loaded ? boardData() : null)
    for (const c of buffered) next = applyChanges(next, c)
    buffered = []
    useBoard.setState({ ...next, loaded: true, loadError: null })
  })().finally(() => {
    loading = null
  })
  return loading
}

/** Live updates from every screen: deltas by id, ignored unless newer than the board shown. */
export function startLive(): () => void {
  return subscribeBoard({
    onChanges(c) {
      if (loading) buffered.push(c)
      else inChangeTask(() => setBoardData(applyChanges(boardData(), c)))
    },
    onHello(version) {
      const s = useBoard.getState()
      if (!s.loaded || version === null || version !== s.version) void loadBoard()
    },
    onConnection(connected) {
      if (useBoard.getState().connected !== connected) useBoard.setState({ connected })
    }
  })
}

/** The same words as the server's NOT_QUALIFIED error, built here so a refused drop costs no round trip. */
export function notQualifiedText(technicianId: number, orderId: number, gaps: SkillGap[]): string {
  const b = boardData()
  const lang = currentLang()
  const t = i18n.getFixedT(lang)
  return t('errors.NOT_QUALIFIED', {
    technician: b.technicians[technicianId]?.name ?? '',
    roNumber: b.orders[orderId]?.roNumber ?? '',
    gaps: gaps
      .map((g) => t('gap', { skill: skillName(b.skills, g.skill, lang), required: g.required, has: g.has, context: g.has === 0 ? 'missing' : '' }))
      .join(lang === 'zh' ? '、' : ', ')
  })
}

let lastMove: Move | null = null
const undoListeners = new Set<() => void>()
export const hasUndo = (): boolean => lastMove !== null
export function onUndoChange(l: () => void): () => void {
  undoListeners.add(l)
  return () => undoListeners.delete(l)
}
function setLastMove(m: Move | null): void {
  lastMove = m
  for (const l of undoListeners) l()
}

/**
 * Carries out a drop: shows the result at once, sends the one command, then lets the server's
 * reply and `board-changed` event settle the board. A refused command reloads the board (so the
 * optimistic picture never outlives a refusal) and its reason is shown in the current language.
 */
export async function performDrop(orderId: number, action: DropAction, recordUndo = true): Promise<boolean> {
  const before = boardData()
  const order = before.orders[orderId]
  if (!order) return false
  if (action.type === 'refuse') {
    toast('error', notQualifiedText(action.technicianId, orderId, action.gaps))
    return false
  }
  if (action.type === 'none') return false
  // The command leaves first and the optimistic board renders while it travels: rendering the
  // 2,000-order board first delayed the commit, and every other screen, by that render (issue 5).
  const sent =
    action.type === 'unassign'
      ? call('repair-order-unassign', { id: orderId })
      : call('repair-order-assign', {
          id: orderId,
          technicianId: action.technicianId,
          ...(action.position !== undefined ? { position: action.position } : {})
        })
  const optimistic = applyOptimistic(before, orderId, action)
  setBoardData(optimistic)
  const reply = await sent
  if (!reply.ok) {
    showError(reply.error)
    await loadBoard()
    return false
  }
  setBoardData(upsertOrder(boardData(), reply.result, open.has(reply.result.status)))
  // Once this command's own event is in, no optimistic copy the station did not write may stay.
  // Only the queues of the lanes it left and joined can hold such copies.
  const queues = [order.technicianId, action.type === 'assign' ? action.technicianId : null].flatMap((t) => (t === null ? [] : (before.lanes[t]?.queueIds ?? [])))
  whenBoardAt(reply.version, () => setBoardData(settleOptimistic(boardData(), before, optimistic, queues)))
  if (recordUndo) setLastMove({ orderId, roNumber: order.roNumber, from: placementOf(before, order) })
  return true
}

/** Runs `then` once the board is at `version` (the command's own event arrived, or a newer snapshot); gives up after 30 s. */
function whenBoardAt(version: number, then: () => void): void {
  if (boardData().version >= version) return then()
  const timer = setTimeout(() => unsubscribe(), 30_000)
  const unsubscribe = useBoard.subscribe((s) => {
    if (s.version < version) return
    unsubscribe()
    clearTimeout(timer)
    then()
  })
}

/** Undo of the last move through legal commands (see planUndo). */
export async function undoLastMove(): Promise<void> {
  const t = i18n.getFixedT(currentLang())
  const move = lastMove
  const plan = move ? planUndo(boardData(), move) : null
  if (!move || !plan) {
    setLastMove(null)
    toast('info', t('ui.undoNothing'))
    return
  }
  const action: DropAction =
    plan.command === 'repair-order-unassign'
      ? { type: 'unassign' }
      : { type: 'assign', technicianId: plan.args.technicianId, position: plan.args.position }
  const ok = await performDrop(move.orderId, action, false)
  if (!ok) return
  setLastMove(null)
  const technician = plan.command === 'repair-order-assign' ? (boardData().technicians[plan.args.technicianId]?.name ?? '') : ''
  toast('info', plan.frontOfQueue ? t('ui.undoFrontOfQueue', { roNumber: move.roNumber, technician }) : t('ui.undone', { roNumber: move.roNumber }))
}
