import type { Clock } from '@xianjie/engine'

/** A clock tests move by hand: a year of statutory time runs in a second. */
export class SimulatedClock implements Clock {
  private current: number
  constructor(start: string | Date) {
    this.current = new Date(start).getTime()
  }
  now(): Date {
    return new Date(this.current)
  }
  set(instant: string | Date): void {
    this.current = new Date(instant).getTime()
  }
  advance(ms: number): void {
    this.current += ms
  }
  advanceHours(h: number): void {
    this.advance(h * 3_600_000)
  }
  advanceDays(d: number): void {
    this.advance(d * 86_400_000)
  }
}
