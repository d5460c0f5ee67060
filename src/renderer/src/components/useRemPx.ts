import { useEffect, useState } from 'react'

const read = (): number => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16

/**
 * Pixels per rem. Type scales with the screen (clamp() on <html>), so the virtual lists size
 * their rows from this rather than from fixed pixels.
 */
export function useRemPx(): number {
  const [px, setPx] = useState(read)
  useEffect(() => {
    const onResize = () => setPx(read())
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])
  return px
}
