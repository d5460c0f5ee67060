import { memo } from 'react'
import { useT } from '../../i18n'
import type { RepairOrder } from '../../../../shared/domain/types'
import { useBoard, useOrderWhile } from '../../store/board-store'
import { openDialog } from '../../store/ui-store'
import { QcBacklogLine } from '../qc/QcBacklog'

/** The fields a row shows. */
const sameInRow = (a: RepairOrder, b: RepairOrder): boolean => a.roNumber === b.roNumber && a.plate === b.plate && a.status === b.status

/** One row, selecting its own order: a change elsewhere on the board re-renders no row. */
const SideRow = memo(function SideRow({ id }: { id: number }) {
  const { t } = useT()
  const o = useOrderWhile(id, sameInRow)
  if (!o) return null
  return (
    <li>
      <button type="button" className="side-item" onClick={() => openDialog({ kind: 'order', orderId: o.id, mode: 'view' })}>
        <b>{o.roNumber}</b> {o.plate} <span className={`status-pill status-${o.status}`}>{t(`status.${o.status}`)}</span>
      </button>
    </li>
  )
})

/** Orders past production (awaiting QC, ready): a compact list until the QC screens land. */
export function SideList() {
  const { t } = useT()
  // The same array until an order joins or leaves the list (rederive keeps its identity).
  const sideIds = useBoard((s) => s.sideIds)
  if (sideIds.length === 0) return null
  return (
    <section className="side-list" role="region" aria-label={t('ui.sideList')}>
      <h2>
        {t('ui.sideList')} <span className="count">{sideIds.length}</span>
      </h2>
      <QcBacklogLine />
      <div className="side-scroll">
        <ul>
          {sideIds.slice(0, 30).map((id) => (
            <SideRow key={id} id={id} />
          ))}
        </ul>
      </div>
    </section>
  )
}
