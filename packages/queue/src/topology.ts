// The queues Xianjie uses, named in one place. The engine writes these names into
// `outbox.queue`; the router and scheduler consume them.

/** Prefix of the per-agency dispatch queues: `agency.<agencyId>`. */
export const AGENCY_QUEUE_PREFIX = 'agency.'
/** Durable statutory deadlines: delayed `timer.fire` jobs, rebuilt from `timers` at start. */
export const TIMERS_QUEUE = 'timers'
/** Supervision alerts (overdue duties) and partner notifications. */
export const NOTIFY_QUEUE = 'notify'

/** The dispatch queue of one agency, e.g. `agency.police-620400`. */
export function agencyQueueName(agencyId: string): string {
  if (agencyId === '' || agencyId.includes(':')) throw new Error(`invalid agency id '${agencyId}' for a queue name`)
  return `${AGENCY_QUEUE_PREFIX}${agencyId}`
}

/** The agency id of an agency queue name, or null for any other queue. */
export function agencyIdOfQueue(queueName: string): string | null {
  return queueName.startsWith(AGENCY_QUEUE_PREFIX) && queueName.length > AGENCY_QUEUE_PREFIX.length
    ? queueName.slice(AGENCY_QUEUE_PREFIX.length)
    : null
}
