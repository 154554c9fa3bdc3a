// Percentiles and CPU accounting for the benchmark (Linux /proc; zeros elsewhere).
import { readFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'

export { loadavg }

export interface Summary {
  count: number
  p50: number
  p90: number
  p99: number
  max: number
  mean: number
}

/** Nearest-rank percentiles of `values` (ms); all zeros for an empty list. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { count: 0, p50: 0, p90: 0, p99: 0, max: 0, mean: 0 }
  const sorted = Float64Array.from(values).sort()
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
  let sum = 0
  for (const v of sorted) sum += v
  return { count: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1]!, mean: sum / sorted.length }
}

export const round = (n: number, digits = 1): number => {
  const f = 10 ** digits
  return Math.round(n * f) / f
}

const TICKS_PER_SECOND = 100 // USER_HZ on Linux

/** Busy and total jiffies of the whole machine (all cores). */
function systemJiffies(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!
    const f = line.trim().split(/\s+/).slice(1).map(Number)
    const idle = (f[3] ?? 0) + (f[4] ?? 0) // idle + iowait
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0) // user nice system idle iowait irq softirq steal
    return { busy: total - idle, total }
  } catch {
    return { busy: 0, total: 0 }
  }
}

/** CPU seconds (user + system) a process has used so far; 0 when it is gone. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the `(comm)`: state is field 3; utime and stime are fields 14 and 15.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(rest[11]) + Number(rest[12])) / TICKS_PER_SECOND
  } catch {
    return 0
  }
}

export interface CpuSample {
  at: number
  system: { busy: number; total: number }
  bench: number
  child: number
  pg: Map<number, number>
  redis: number
}

export interface CpuReport {
  /** Share of the whole machine busy (100 = every core busy), as in top's summary line. */
  machineBusyPct: number
  /** Per process in % of one core (top's per-process column). */
  xianjiePct: number
  benchPct: number
  postgresPct: number
  redisPct: number
  /** Everything else on the machine (other users' processes, kernel), in % of one core. */
  otherPct: number
  cores: number
}

export function cpuSample(childPid: number | null, pgPids: readonly number[], redisCpuSeconds: number): CpuSample {
  return {
    at: performance.now(),
    system: systemJiffies(),
    bench: (() => {
      const u = process.cpuUsage()
      return (u.user + u.system) / 1e6
    })(),
    child: childPid ? processCpuSeconds(childPid) : 0,
    pg: new Map(pgPids.map((pid) => [pid, processCpuSeconds(pid)])),
    redis: redisCpuSeconds,
  }
}

export function cpuBetween(a: CpuSample, b: CpuSample): CpuReport {
  const seconds = Math.max(1e-3, (b.at - a.at) / 1000)
  const pct = (cpu: number) => round((100 * cpu) / seconds)
  let pg = 0
  for (const [pid, end] of b.pg) pg += end - (a.pg.get(pid) ?? 0)
  const dTotal = b.system.total - a.system.total
  const machineBusyPct = dTotal > 0 ? round((100 * (b.system.busy - a.system.busy)) / dTotal) : 0
  const cores = availableParallelism()
  const ours = { xianjiePct: pct(b.child - a.child), benchPct: pct(b.bench - a.bench), postgresPct: pct(pg), redisPct: pct(b.redis - a.redis) }
  const otherPct = round(Math.max(0, machineBusyPct * cores - ours.xianjiePct - ours.benchPct - ours.postgresPct - ours.redisPct))
  return { machineBusyPct, ...ours, otherPct, cores }
}
