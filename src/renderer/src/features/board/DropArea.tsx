import { useDroppable } from '@dnd-kit/core'
import { useEffect, type RefObject } from 'react'
import type { DropData } from './DraggableCard'

/**
 * One of dnd-kit's two drop areas (the pool, the lanes) on an element its parent renders. Its own
 * component, rendering nothing, so a change of dnd-kit's context (drag start, drop, pool <-> lanes)
 * re-renders this and not the pool or the lane list around it.
 */
export function DropArea({ id, data, node }: { id: string; data: DropData; node: RefObject<HTMLElement | null> }) {
  const { setNodeRef } = useDroppable({ id, data })
  // After the parent's ref is attached (layout effects of children run before it).
  useEffect(() => setNodeRef(node.current), [node, setNodeRef])
  return null
}
