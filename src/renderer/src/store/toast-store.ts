import { create } from 'zustand'

export interface Toast {
  id: number
  kind: 'error' | 'info'
  text: string
}

interface ToastStore {
  toasts: Toast[]
}

export const useToasts = create<ToastStore>(() => ({ toasts: [] }))
let nextId = 1

export function dismissToast(id: number): void {
  useToasts.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }))
}

/** Shows a message; errors stay longer, since a refusal must never pass unnoticed. */
export function toast(kind: Toast['kind'], text: string): void {
  const id = nextId++
  useToasts.setState((s) => ({ toasts: [...s.toasts.slice(-3), { id, kind, text }] }))
  setTimeout(() => dismissToast(id), kind === 'error' ? 10_000 : 5_000)
}
