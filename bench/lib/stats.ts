/** p50 / p95 / max of a sample (nearest-rank percentiles), as the other benches report them. */
export interface Stats {
  n: number
  p50: number
  p95: number
  max: number
}

/** NaN samples (a run that timed out) are left out; the caller reports how many. */
export function stats(xs: readonly number[]): Stats {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b)
  if (s.length === 0) return { n: 0, p50: NaN, p95: NaN, max: NaN }
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]
  return { n: s.length, p50: q(0.5), p95: q(0.95), max: s[s.length - 1] }
}
