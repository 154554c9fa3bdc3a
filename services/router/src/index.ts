export { startRouter, type Router, type RouterDeps, type RouterOptions } from './router.ts'
export { createOutboxRelay, outboxRowToJob, type OutboxRelay, type OutboxRelayDeps, type OutboxRelayOptions } from './relay.ts'
export { selectAgencies } from './agencies.ts'
