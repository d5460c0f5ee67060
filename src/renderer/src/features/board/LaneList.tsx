import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useBoard } from '../../store/board-store'
import { useRemPx } from '../../components/useRemPx'
import { LANE_ROW_REM, TechnicianLane } from './TechnicianLane'

/** The technicians' lanes: scroll inside their own area, virtualised for 60-technician shops. */
export function LaneList() {
  const { t } = useTranslation()
  const laneIds = useBoard((s) => s.laneIds)
  const rem = useRemPx()
  const scroller = useRef<HTMLDivElement>(null)
  const v = useVirtualizer({
    count: laneIds.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LANE_ROW_REM * rem,
    overscan: 3
  })
  return (
    <div className="lanes-scroll" ref={scroller} aria-label={t('ui.lanes')} role="group">
      {laneIds.length === 0 ? (
        <p className="empty-note">{t('ui.noLanes')}</p>
      ) : (
        <div className="lanes-inner" style={{ height: v.getTotalSize() }}>
          {v.getVirtualItems().map((item) => (
            <div key={laneIds[item.index]} className="lane-row" style={{ transform: `translateY(${item.start}px)` }}>
              <TechnicianLane technicianId={laneIds[item.index]} />
            </div>
          ))}
        </div>
      )}
    </div>
  )
}
