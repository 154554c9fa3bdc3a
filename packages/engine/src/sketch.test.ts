import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { sql } from 'kysely'
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import { ALPHA, GAMMA, addCounts, addValues, bucketOf, exactPercentiles, percentileCont, sketchPercentiles, valueOf } from './sketch.ts'

/** Durations as steps take them: zero, under a second now and then, else seconds to years. */
const duration = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.double({ min: 1, max: 1.02, noNaN: true }) },
  { weight: 8, arbitrary: fc.double({ min: 1, max: 4e7, noNaN: true }) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 90 * 86400 }) },
)

/** The sorted values' percentile_cont and the two order statistics it lies between. */
function bracket(sorted: number[], p: number) {
  const rank = p * (sorted.length - 1)
  return { exact: percentileCont(sorted, p)!, hi: sorted[Math.ceil(rank)]! }
}

describe('the quantile sketch of the rollups', () => {
  it('puts a duration in the bucket (γ^(i-1), γ^i] and values the bucket within α of all it covers', () => {
    expect(GAMMA).toBeCloseTo(1.005 / 0.995, 15)
    expect([bucketOf(0), bucketOf(-5), bucketOf(0.4), bucketOf(1), bucketOf(GAMMA), bucketOf(1.02), bucketOf(86400)]).toEqual([0, 0, 1, 1, 1, 2, 1137])
    expect(valueOf(0)).toBe(0)
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e9, noNaN: true }), (x) => {
        const b = bucketOf(x)
        expect(GAMMA ** (b - 1)).toBeLessThan(x * (1 + 1e-12))
        expect(x).toBeLessThanOrEqual(GAMMA ** b * (1 + 1e-12))
        expect(Math.abs(valueOf(b) - x)).toBeLessThanOrEqual(ALPHA * x * (1 + 1e-9))
      }),
    )
  })

  it('gives percentile_cont exactly from the durations themselves', () => {
    // Four values a b c d: the median (b + c) / 2, p90 c + 0.7 (d − c) (docs/supervision.md).
    expect(exactPercentiles([86400, 21600, 172800, 86400], [0.5, 0.9])).toEqual([86400, 86400 + 0.7 * 86400])
    expect(exactPercentiles([43200, 18000], [0.5, 0.9])).toEqual([30600, 18000 + 0.9 * 25200])
    expect(exactPercentiles([5], [0.5, 0.9])).toEqual([5, 5])
    expect(exactPercentiles([], [0.5])).toEqual([null])
  })

  it('stays within α of the upper order statistic around the rank, for any data and any p', () => {
    fc.assert(
      fc.property(fc.array(duration, { minLength: 1, maxLength: 400 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, p) => {
        const sorted = [...values].sort((a, b) => a - b)
        const { exact, hi } = bracket(sorted, p)
        const [got] = sketchPercentiles(addValues(new Map(), values), [p])
        expect(Math.abs(got! - exact)).toBeLessThanOrEqual(ALPHA * hi * (1 + 1e-9))
      }),
      { numRuns: 500 },
    )
  })

  it('merges by adding counts: the merge of parts answers as the sketch of the whole', () => {
    fc.assert(
      fc.property(fc.array(fc.array(duration, { maxLength: 80 }), { minLength: 1, maxLength: 6 }), (parts) => {
        const whole = addValues(new Map(), parts.flat())
        // Each part as a rollup row holds it: counts from its lowest bucket on, NULL between.
        const merged = new Map<number, number>()
        for (const part of parts) {
          const s = addValues(new Map(), part)
          const lowest = Math.min(...s.keys())
          const counts = Array.from({ length: Math.max(...s.keys()) - lowest + 1 }, (_, k) => s.get(lowest + k) ?? null)
          if (s.size) addCounts(merged, lowest, counts)
        }
        expect(sketchPercentiles(merged, [0.5, 0.9])).toEqual(sketchPercentiles(whole, [0.5, 0.9]))
      }),
    )
    expect(sketchPercentiles(new Map(), [0.5])).toEqual([null])
  })

  describe('against PostgreSQL', () => {
    let t: TestDatabase
    beforeAll(async () => {
      t = await createTestDatabase()
    })
    afterAll(async () => t?.drop())

    it('buckets as xj_sketch_bucket and interpolates as percentile_cont, to the last bit', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(duration, { minLength: 1, maxLength: 120 }), async (values) => {
          const { rows } = await sql<{ buckets: number[]; pct: number[] }>`
            select array_agg(xj_sketch_bucket(v) order by i) as buckets,
                   percentile_cont(array[0.5, 0.9]) within group (order by v) as pct
              from unnest(${values}::float8[]) with ordinality u(v, i)`.execute(t.db)
          expect(rows[0]!.buckets).toEqual(values.map(bucketOf))
          expect(exactPercentiles(values, [0.5, 0.9])).toEqual(rows[0]!.pct)
        }),
        { numRuns: 60 },
      )
    })
  })
})
