export { startScheduler, rebuildTimers, type Scheduler, type SchedulerDeps, type SchedulerOptions } from './scheduler.ts'
