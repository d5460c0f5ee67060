import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useDeferredValue, useMemo, useRef, useState } from 'react'
import { useBoard } from '../../store/board-store'
import { currentLang, useT } from '../../i18n'
import { useRemPx } from '../../components/useRemPx'
import { DraggableCard } from './DraggableCard'
import { DropArea } from './DropArea'
import { POOL_DROP_ID } from './dnd-config'
import { usePoolOver } from './drop-target'
import { usePoolOrder } from '../schedule/risk-store'

const POOL_DATA = { kind: 'pool' } as const

/** Pool row height in rem (card plus gap); matches .pool-row in board.css. */
export const POOL_ROW_REM = 5.75

const normalise = (s: string): string => s.replace(/\s+/g, '').toUpperCase()

/**
 * The dispatch pool: comebacks, then waiting customers, then everyone else, each class by least
 * slack first (sortPoolBySlack), filtered by skill and searched by RO number or plate, virtualised so 2,000
 * orders cost a screenful of DOM.
 */
export function DispatchPool() {
  const { t } = useT()
  const poolIds = useBoard((s) => s.poolIds)
  const [skill, setSkill] = useState('')
  const [query, setQuery] = useState('')
  const q = useDeferredValue(normalise(query))
  // The same array until the pool or a pool order's risk changes: a change on a lane does not re-render the pool.
  const sorted = usePoolOrder()
  // Every record only while a filter is on (typing a search); otherwise a card's change is the card's business.
  const orders = useBoard((s) => (skill || q ? s.orders : null))
  const ids = useMemo(() => {
    if (!orders) return sorted
    return sorted.filter((id) => {
      const o = orders[id]
      if (!o) return false
      if (skill && !o.jobLines.some((l) => l.skill === skill)) return false
      return !q || normalise(o.roNumber).includes(q) || normalise(o.plate).includes(q)
    })
  }, [sorted, orders, skill, q])
  const isOver = usePoolOver()
  const section = useRef<HTMLElement>(null)
  const rem = useRemPx()
  const scroller = useRef<HTMLDivElement>(null)
  const v = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => POOL_ROW_REM * rem,
    overscan: 4
  })
  return (
    <section
      ref={section}
      className={isOver ? 'pool pool-over' : 'pool'}
      role="region"
      aria-label={t('ui.pool')}
      data-over={isOver ? 'true' : undefined}
    >
      <DropArea id={POOL_DROP_ID} data={POOL_DATA} node={section} />
      <div className="pool-head">
        <h2>
          {t('ui.pool')} <span className="count">{t('ui.poolCount', { count: poolIds.length })}</span>
        </h2>
        <PoolFilters query={query} onQuery={setQuery} skill={skill} onSkill={setSkill} />
      </div>
      <div className="pool-scroll" ref={scroller}>
        {ids.length === 0 ? (
          <p className="empty-note">{poolIds.length === 0 ? t('ui.poolEmpty') : t('ui.poolNoMatch')}</p>
        ) : (
          <ul className="pool-list" aria-label={t('ui.pool')} style={{ height: v.getTotalSize() }}>
            {v.getVirtualItems().map((item) => (
              <li key={ids[item.index]} className="pool-row" style={{ top: item.start }}>
                <DraggableCard id={ids[item.index]} variant="pool" />
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  )
}

/** The pool's search box and skill filter: their own component, so a pool change re-renders neither. */
const PoolFilters = memo(function PoolFilters({
  query,
  onQuery,
  skill,
  onSkill
}: {
  query: string
  onQuery: (q: string) => void
  skill: string
  onSkill: (code: string) => void
}) {
  const { t } = useT()
  const skills = useBoard((s) => s.skills)
  const lang = currentLang()
  return (
    <div className="pool-filters">
      <input
        type="search"
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        placeholder={t('ui.searchPlaceholder')}
        aria-label={t('ui.searchLabel')}
      />
      <select value={skill} onChange={(e) => onSkill(e.target.value)} aria-label={t('ui.skillFilter')}>
        <option value="">{t('ui.allSkills')}</option>
        {skills
          .filter((s) => s.active)
          .map((s) => (
            <option key={s.code} value={s.code}>
              {lang === 'zh' ? s.nameZh : s.nameEn}
            </option>
          ))}
      </select>
    </div>
  )
})
