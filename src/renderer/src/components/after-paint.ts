/** Runs `f` after the next frame has painted (a board change shows first, its risk a moment later). */
export function afterPaint(f: () => void): void {
  if (typeof requestAnimationFrame !== 'function' || typeof document === 'undefined' || document.visibilityState !== 'visible') {
    setTimeout(f, 0)
    return
  }
  let done = false
  const once = () => {
    if (done) return
    done = true
    f()
  }
  requestAnimationFrame(() => setTimeout(once, 0))
  // A frame may never come (the window got hidden meanwhile).
  setTimeout(once, 200)
}
