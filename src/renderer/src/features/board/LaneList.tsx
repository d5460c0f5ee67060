import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef, type CSSProperties, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { useBoard } from '../../store/board-store'
import { useRemPx } from '../../components/useRemPx'
import { LANE_ROW_REM, TechnicianLane } from './TechnicianLane'
import { LANES_DROP_ID } from './dnd-config'
import { DropArea } from './DropArea'
import { useSession } from '../auth/session-store'
import { useWallPage, useWallPaging } from './wall-paging'

const LANES_DATA = { kind: 'lanes' } as const

/** A CSS string literal: the verdict badges are drawn by board.css from these (lane-verdicts.ts). */
const cssString = (text: string): string => `"${text.replace(/["\\\n]/g, (c) => (c === '\n' ? ' ' : `\\${c}`))}"`

/** The technicians' lanes: scroll inside their own area, virtualised for 60-technician shops. */
export function LaneList() {
  const { t } = useTranslation()
  const laneIds = useBoard((s) => s.laneIds)
  const rem = useRemPx()
  const scroller = useRef<HTMLDivElement>(null)
  const inner = useRef<HTMLDivElement>(null)
  const v = useVirtualizer({
    count: laneIds.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LANE_ROW_REM * rem,
    // One lane past each edge (each lane is ~200 DOM nodes; issue 5 caps the board at 5,000).
    overscan: 1
  })
  // The wall display turns the lanes' pages by itself (nobody stands at it to scroll).
  const wall = useSession((s) => s.role === 'wall_display')
  useWallPaging(scroller, wall, LANE_ROW_REM * rem)
  const list = (
    <div
      className="lanes-scroll"
      ref={scroller}
      aria-label={t('ui.lanes')}
      role="group"
      style={{ '--verdict-yes': cssString(`✓ ${t('ui.qualified')}`), '--verdict-no': cssString(`✕ ${t('ui.notQualified')}`) } as CSSProperties}
    >
      {laneIds.length === 0 ? (
        <p className="empty-note">{t('ui.noLanes')}</p>
      ) : (
        <div className="lanes-inner" ref={inner} style={{ height: v.getTotalSize() }}>
          {/* One dnd-kit drop area for all lanes: drop-target.ts finds the lane and the slot. */}
          <DropArea id={LANES_DROP_ID} data={LANES_DATA} node={inner} />
          {v.getVirtualItems().map((item) => (
            <div key={laneIds[item.index]} className="lane-row" style={{ top: item.start }}>
              <TechnicianLane technicianId={laneIds[item.index]} />
            </div>
          ))}
        </div>
      )}
    </div>
  )
  return wall ? (
    <div className="lanes-wall">
      {list}
      <WallPageLine scroller={scroller} rowPx={LANE_ROW_REM * rem} total={laneIds.length} />
    </div>
  ) : (
    list
  )
}

/** On the wall display: which lanes are on screen and which page of how many, readable from across the floor. */
function WallPageLine({ scroller, rowPx, total }: { scroller: RefObject<HTMLDivElement | null>; rowPx: number; total: number }) {
  const { t } = useTranslation()
  const page = useWallPage(scroller, rowPx, total)
  if (!page) return null
  return (
    <p className="wall-page" role="status">
      {t('ui.wallPage', { ...page })}
    </p>
  )
}
