import { useCallback, useSyncExternalStore } from 'react'

/** What keyedSubscriptions needs of a store: zustand's API, or anything shaped like it. */
export interface ReadableStore<S> {
  getState(): S
  subscribe(listener: (state: S, prev: S) => void): () => void
}

/**
 * Subscriptions to one value per key of a store (one order's record by id, one card's flag), with
 * one store listener for all of them. On a change it reads each subscribed key's value and wakes
 * only the subscribers whose value changed (Object.is). Every card on the board subscribes this way
 * rather than with its own store listener: a store change used to run ~500 listeners through
 * React's useSyncExternalStore checks (~4 ms of a drop's pointer-up task on 2 cores, issue 5);
 * a plain loop over the subscribed keys costs microseconds and React hears of the cards that changed.
 */
export function keyedSubscriptions<S, K, V>(store: ReadableStore<S>, read: (state: S, key: K) => V): (key: K, listener: () => void) => () => void {
  const entries = new Map<K, { value: V; listeners: Set<() => void> }>()
  store.subscribe((state) => {
    for (const e of entriesChanged(entries, (key) => read(state, key))) for (const l of [...e.listeners]) l()
  })
  return (key, listener) => {
    let e = entries.get(key)
    if (!e) {
      e = { value: read(store.getState(), key), listeners: new Set() }
      entries.set(key, e)
    }
    const entry = e
    entry.listeners.add(listener)
    return () => {
      entry.listeners.delete(listener)
      if (entry.listeners.size === 0 && entries.get(key) === entry) entries.delete(key)
    }
  }
}

/** The entries whose value changed, with their value updated (collected first: a listener may unsubscribe). */
function entriesChanged<K, V>(entries: Map<K, { value: V; listeners: Set<() => void> }>, read: (key: K) => V): { value: V; listeners: Set<() => void> }[] {
  const changed: { value: V; listeners: Set<() => void> }[] = []
  // forEach, not for-of: no entry pair allocated per subscribed key on every store change.
  entries.forEach((e, key) => {
    const value = read(key)
    if (!Object.is(value, e.value)) {
      e.value = value
      changed.push(e)
    }
  })
  return changed
}

/**
 * A hook reading one key's value through keyedSubscriptions. `snapshot` reads the value now (it must
 * return the same value while nothing the caller shows changed, as useSyncExternalStore requires).
 */
export function useKeyed<K, V>(
  subscribe: (key: K, listener: () => void) => () => void,
  key: K,
  snapshot: () => V
): V {
  const sub = useCallback((listener: () => void) => subscribe(key, listener), [subscribe, key])
  return useSyncExternalStore(sub, snapshot)
}
