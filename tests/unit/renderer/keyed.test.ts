import { describe, expect, it } from 'vitest'
import { createStore } from 'zustand/vanilla'
import { keyedSubscriptions } from '../../../src/renderer/src/store/keyed'

interface S {
  orders: Record<number, { id: number; plate: string }>
  other: number
}

const start = (): S => ({ orders: { 1: { id: 1, plate: 'A' }, 2: { id: 2, plate: 'B' }, 3: { id: 3, plate: 'C' } }, other: 0 })

// One store listener for every card: a change wakes the subscribers of the keys whose value changed (issue 5).
describe('keyedSubscriptions', () => {
  it('wakes only the subscribers of the keys whose value changed', () => {
    const store = createStore<S>(start)
    const subscribe = keyedSubscriptions(store, (s: S, id: number) => s.orders[id])
    const woken: string[] = []
    subscribe(1, () => woken.push('1a'))
    subscribe(1, () => woken.push('1b'))
    subscribe(2, () => woken.push('2'))
    subscribe(9, () => woken.push('9'))

    store.setState({ other: 1 })
    expect(woken).toEqual([])

    store.setState((s) => ({ orders: { ...s.orders, 2: { id: 2, plate: 'B2' } } }))
    expect(woken).toEqual(['2'])

    // An order that appears or goes away is a change of its key's value too.
    store.setState((s) => ({ orders: { ...s.orders, 9: { id: 9, plate: 'N' }, 1: { id: 1, plate: 'A2' } } }))
    expect(woken).toEqual(['2', '1a', '1b', '9'])
    store.setState((s) => {
      const orders = { ...s.orders }
      delete orders[9]
      return { orders }
    })
    expect(woken).toEqual(['2', '1a', '1b', '9', '9'])
  })

  it('stops waking a subscriber once it unsubscribed, also when it unsubscribes while being woken', () => {
    const store = createStore<S>(start)
    const subscribe = keyedSubscriptions(store, (s: S, id: number) => s.orders[id])
    const woken: string[] = []
    const off1 = subscribe(1, () => woken.push('1'))
    let offSelf: () => void = () => {}
    offSelf = subscribe(2, () => {
      woken.push('2')
      offSelf()
    })
    const change = (id: number, plate: string) => store.setState((s) => ({ orders: { ...s.orders, [id]: { id, plate } } }))

    change(2, 'x')
    change(2, 'y')
    expect(woken).toEqual(['2'])
    off1()
    change(1, 'z')
    expect(woken).toEqual(['2'])
  })

  it('compares from the value current when a key is first subscribed, and starts again after the last one left', () => {
    const store = createStore<S>(start)
    const subscribe = keyedSubscriptions(store, (s: S, id: number) => s.orders[id].plate)
    const woken: string[] = []
    const off = subscribe(3, () => woken.push('first'))
    off()
    // Nobody listened while the plate changed: a new subscriber is not woken for the old change.
    store.setState((s) => ({ orders: { ...s.orders, 3: { id: 3, plate: 'C2' } } }))
    subscribe(3, () => woken.push('second'))
    store.setState((s) => ({ orders: { ...s.orders, 3: { id: 3, plate: 'C2' } } }))
    expect(woken).toEqual([])
    store.setState((s) => ({ orders: { ...s.orders, 3: { id: 3, plate: 'C3' } } }))
    expect(woken).toEqual(['second'])
  })
})
