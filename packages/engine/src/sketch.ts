// The quantile sketch of the supervision rollups (migration 0011): durations in log buckets of
// relative accuracy α = 0.5 % (DDSketch style), mergeable by adding counts. Bucket i ≥ 1
// covers (γ^(i-1), γ^i] seconds with γ = (1 + α) / (1 − α), and stands for 2γ^i / (γ + 1),
// which lies within α of every value it covers. Durations under a second share bucket 1
// (their estimate is off by less than a second); zero is bucket 0 and stays 0.
//
// `xj_sketch_bucket` in the migration computes the same buckets: keep the two alike.

export const ALPHA = 0.005
export const GAMMA = (1 + ALPHA) / (1 - ALPHA)
/** ln γ, written out as in `xj_sketch_bucket` (0.010000083334583179). */
const LN_GAMMA = Math.log(GAMMA)

/** Bucket index → count. */
export type Sketch = Map<number, number>

/** The bucket a duration in seconds falls in (`xj_sketch_bucket`). */
export function bucketOf(seconds: number): number {
  if (seconds <= 0) return 0
  return Math.max(1, Math.ceil(Math.log(seconds) / LN_GAMMA))
}

/** The value a bucket stands for. */
export function valueOf(bucket: number): number {
  return bucket <= 0 ? 0 : (2 * GAMMA ** bucket) / (GAMMA + 1)
}

/**
 * Adds a rollup row's sketch to a sketch: `counts[k]` is the count of bucket `lowest + k`
 * (a PostgreSQL array whose subscripts are the buckets; NULL for a bucket never hit).
 */
export function addCounts(sketch: Sketch, lowest: number, counts: ReadonlyArray<number | null>): Sketch {
  counts.forEach((c, k) => {
    if (c) sketch.set(lowest + k, (sketch.get(lowest + k) ?? 0) + c)
  })
  return sketch
}

/** Adds single durations to a sketch. */
export function addValues(sketch: Sketch, seconds: readonly number[]): Sketch {
  for (const s of seconds) {
    const b = bucketOf(s)
    sketch.set(b, (sketch.get(b) ?? 0) + 1)
  }
  return sketch
}

/**
 * PostgreSQL's percentile_cont over sorted values: linear interpolation between the order
 * statistics at rank p·(n − 1), computed as PostgreSQL computes it (the same float8 result).
 */
export function percentileCont(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null
  const rank = p * (sorted.length - 1)
  const lo = Math.floor(rank)
  const hi = Math.ceil(rank)
  const first = sorted[lo]!
  return lo === hi ? first : first + (rank - lo) * (sorted[hi]! - first)
}

/**
 * percentile_cont from a sketch: the order statistics at ranks ⌊p·(n − 1)⌋ and ⌈p·(n − 1)⌉
 * replaced by their buckets' values and interpolated alike. Each lies within α of the true
 * order statistic, so the result lies within α·(the upper one) of the exact percentile.
 */
export function sketchPercentiles(sketch: Sketch, ps: readonly number[]): Array<number | null> {
  const buckets = [...sketch].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0])
  const n = buckets.reduce((sum, [, c]) => sum + c, 0)
  if (n === 0) return ps.map(() => null)
  // The value at 0-based rank k: walk the cumulative counts.
  const at = (k: number): number => {
    let seen = 0
    for (const [b, c] of buckets) {
      seen += c
      if (k < seen) return valueOf(b)
    }
    return valueOf(buckets[buckets.length - 1]![0])
  }
  return ps.map((p) => {
    const rank = p * (n - 1)
    const lo = Math.floor(rank)
    const hi = Math.ceil(rank)
    const first = at(lo)
    return lo === hi ? first : first + (rank - lo) * (at(hi) - first)
  })
}

/** Exact percentiles of the values (sorted here). */
export function exactPercentiles(values: readonly number[], ps: readonly number[]): Array<number | null> {
  const sorted = [...values].sort((a, b) => a - b)
  return ps.map((p) => percentileCont(sorted, p))
}
