import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useRef, type ReactNode } from 'react'
import { useBoard } from '../../store/board-store'
import { skillName } from '../../store/board-state'
import { openDialog } from '../../store/ui-store'
import { currentLang, useT } from '../../i18n'
import { useRemPx } from '../../components/useRemPx'
import { DraggableCard } from './DraggableCard'
import { registerQueueStrip, useLaneOver } from './drop-target'
import { laneQualified, registerLane } from './lane-verdicts'
import { LaneHours, LaneLoadBar } from '../schedule/LaneLoad'
import { DropPreviewBadge } from '../schedule/DropPreviewBadge'
import { useCan } from '../auth/session-store'
import { printLaneTickets } from '../tickets/ticket-store'

/** Lane row geometry in rem: the virtual lists and the CSS agree on these. */
export const LANE_ROW_REM = 6.2
export const QUEUE_CARD_REM = 19.5
/** A queued card's own width (.queue-item in board.css); the rest of QUEUE_CARD_REM is the gap. */
export const QUEUE_CARD_BODY_REM = 19

/**
 * The frame of a lane: re-renders only when the drag enters or leaves this lane (drop-target.ts),
 * while the lane's content (passed as children, created by the memoised lane) is left alone. The
 * lane's verdict during a drag is a data attribute set outside React (lane-verdicts.ts), so the
 * drag start and the drop render no lane frame. Where a drop lands is found by arithmetic on the
 * lane rows (drop-target.ts), so the lane is no dnd-kit droppable of its own.
 */
function LaneFrame({ technicianId, children }: { technicianId: number; children: ReactNode }) {
  const name = useBoard((s) => s.technicians[technicianId]?.name ?? '')
  const hovered = useLaneOver(technicianId)
  const ref = useCallback((el: HTMLElement | null) => registerLane(technicianId, el), [technicianId])
  return (
    <section ref={ref} className="lane" role="region" aria-label={name} data-over={hovered ? 'true' : undefined}>
      {children}
      {/* Only the lane under the drag has a preview: mounting none elsewhere keeps the drag start short.
          The lane renders when the drag enters it, after the drag start set the verdicts. */}
      {hovered && laneQualified(technicianId) && <DropPreviewBadge technicianId={technicianId} />}
    </section>
  )
}

const LaneHeader = memo(function LaneHeader({ technicianId }: { technicianId: number }) {
  const { t } = useT()
  const tech = useBoard((s) => s.technicians[technicianId])
  const mayDispatch = useCan('repair-order-assign')
  if (!tech) return null
  return (
    <div className="lane-head">
      <div className="lane-title">
      <button
        type="button"
        className="tech-name"
        onClick={() => openDialog({ kind: 'technician', technicianId })}
        aria-label={t('ui.editTechnician', { name: tech.name })}
        title={t('ui.editTechnician', { name: tech.name })}
      >
        {tech.name}
      </button>
      {mayDispatch && <PrintLaneButton technicianId={technicianId} name={tech.name} />}
      {/* Load from the risk rule (issue 3): hours left today against the work still on the lane. */}
      <LaneHours technicianId={technicianId} />
      </div>
      <LaneLoadBar technicianId={technicianId} />
      <SkillChips technicianId={technicianId} />
    </div>
  )
})

/**
 * Prints the technician's job tickets, current job first, then the next jobs in order (one page
 * each). Reads the lane when pressed, so a drop does not re-render it.
 */
function PrintLaneButton({ technicianId, name }: { technicianId: number; name: string }) {
  const { t } = useT()
  const label = t('ticket.printLane', { name })
  return (
    <button type="button" className="lane-print" onClick={() => void printLaneTickets(technicianId)} aria-label={label} title={label}>
      <PrinterIcon />
    </button>
  )
}

/** A small printer, drawn: no icon font or emoji font needed on the workshop's PCs. */
export function PrinterIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M6 2h12v5H6zM4 8h16a2 2 0 0 1 2 2v7h-4v5H6v-5H2v-7a2 2 0 0 1 2-2zm4 8v4h8v-4zm10-5a1 1 0 1 0 0 2 1 1 0 0 0 0-2z" />
    </svg>
  )
}

/** A technician's skills with their levels, named in the screen's language (the lane, My jobs). */
export function SkillChips({ technicianId }: { technicianId: number }) {
  const { t } = useT()
  const techSkills = useBoard((s) => s.technicians[technicianId]?.skills)
  const skills = useBoard((s) => s.skills)
  const lang = currentLang()
  return (
    <ul className="tech-skills" aria-label={t('fields.skills')}>
      {(techSkills ?? []).map((s) => (
        <li key={s.skill} className={`skill-chip lvl-${s.level}`}>
          {skillName(skills, s.skill, lang)}
          <b>{s.level}</b>
        </li>
      ))}
    </ul>
  )
}

function CurrentSlot({ technicianId }: { technicianId: number }) {
  const { t } = useT()
  const currentId = useBoard((s) => s.lanes[technicianId]?.currentId ?? null)
  // The wall display and the QC inspector look on: no invitation to drop what they cannot drag.
  const mayDispatch = useCan('repair-order-assign')
  return (
    <div className="lane-current" aria-label={t('ui.current')} role="group">
      <span className="slot-tag" aria-hidden="true">{t('ui.current')}</span>
      {currentId !== null ? (
        <DraggableCard id={currentId} variant="current" />
      ) : (
        <div className="slot-free">{t(mayDispatch ? 'ui.slotFree' : 'ui.slotFreeLook')}</div>
      )}
    </div>
  )
}

/** The next-job queue, virtualised sideways: a lane may hold dozens of queued orders. */
function QueueStrip({ technicianId }: { technicianId: number }) {
  const { t } = useT()
  const queueIds = useBoard((s) => s.lanes[technicianId]?.queueIds)
  const parkedIds = useBoard((s) => s.lanes[technicianId]?.parkedIds)
  const rem = useRemPx()
  const scroller = useRef<HTMLDivElement | null>(null)
  const setScroller = useCallback(
    (el: HTMLDivElement | null) => {
      scroller.current = el
      registerQueueStrip(technicianId, el)
    },
    [technicianId]
  )
  const ids = queueIds ?? []
  const parked = parkedIds ?? []
  const all = [...parked, ...ids]
  const v = useVirtualizer({
    count: all.length,
    horizontal: true,
    getScrollElement: () => scroller.current,
    estimateSize: () => QUEUE_CARD_REM * rem,
    // One card past each edge: enough for a smooth scroll, and a screenful of lanes stays under 5,000 DOM nodes.
    overscan: 1
  })
  return (
    <div className="lane-queue">
      <span className="slot-tag queue-tag" aria-hidden="true">
        {t('ui.nextJobs')}
      </span>
      {/* The tag stays outside the scroller: a sticky tag inside it made the compositor redo its
          layers on every frame of a drag (issue 5). */}
      <div className="queue-scroll" ref={setScroller}>
      {all.length === 0 ? (
        <div className="queue-empty">{t('ui.queueEmpty')}</div>
      ) : (
        <ol className="queue-list" aria-label={t('ui.nextJobs')} style={{ width: v.getTotalSize() }}>
          {v.getVirtualItems().map((item) => {
            const id = all[item.index]
            const isParked = item.index < parked.length
            return (
              <li key={id} className={isParked ? 'queue-item parked' : 'queue-item'} style={{ left: item.start }}>
                {isParked && <span className="parked-tag">{t('ui.parked')}</span>}
                <DraggableCard id={id} variant={isParked ? 'current' : 'queue'} />
              </li>
            )
          })}
        </ol>
      )}
      </div>
    </div>
  )
}

/** One technician's lane: a region named after them (screen readers and e2e tests rely on it). */
export const TechnicianLane = memo(function TechnicianLane({ technicianId }: { technicianId: number }) {
  return (
    <LaneFrame technicianId={technicianId}>
      <LaneHeader technicianId={technicianId} />
      <CurrentSlot technicianId={technicianId} />
      <QueueStrip technicianId={technicianId} />
    </LaneFrame>
  )
})
