import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import { useBoard } from '../../store/board-store'
import { openDialog } from '../../store/ui-store'
import { QcBacklogLine } from '../qc/QcBacklog'

/** Orders past production (awaiting QC, ready): a compact list until the QC screens land. */
export function SideList() {
  const { t } = useTranslation()
  const sideIds = useBoard((s) => s.sideIds)
  // The shown records only, compared one by one: a change elsewhere on the board does not re-render the list.
  const shown = useBoard(useShallow((s) => s.sideIds.slice(0, 30).map((id) => s.orders[id])))
  if (sideIds.length === 0) return null
  return (
    <section className="side-list" role="region" aria-label={t('ui.sideList')}>
      <h2>
        {t('ui.sideList')} <span className="count">{sideIds.length}</span>
      </h2>
      <QcBacklogLine />
      <ul>
        {shown.map((o) => {
          if (!o) return null
          return (
            <li key={o.id}>
              <button type="button" className="side-item" onClick={() => openDialog({ kind: 'order', orderId: o.id, mode: 'view' })}>
                <b>{o.roNumber}</b> {o.plate} <span className={`status-pill status-${o.status}`}>{t(`status.${o.status}`)}</span>
              </button>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
