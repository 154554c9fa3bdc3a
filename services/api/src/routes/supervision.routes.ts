import type { FastifyInstance } from 'fastify'
import { AppError } from '@xianjie/domain'
import type { Engine } from '@xianjie/engine'
import { addDays, startOfLocalDay } from '@xianjie/calendar/dates'
import { problemResponses } from '../problems.ts'
import { AGENCY_ID, CASE_ID, checkIdentifiers, CREDIT_CODE, DIVISION, LOCAL_DATE, NO_QUERY, PROCEDURE_NAME } from '../schemas.ts'

const VerifyResult = {
  type: 'object',
  required: ['caseId', 'ok', 'events'],
  properties: { caseId: { type: 'string' }, ok: { type: 'boolean' }, events: { type: 'integer' }, brokenAt: { type: 'integer' }, reason: { type: 'string' } },
} as const

/** /v1/supervision: what supervisors audit, within their own jurisdiction. */
export async function supervisionRoutes(app: FastifyInstance, { engine }: { engine: Engine }): Promise<void> {
  app.get('/verify', {
    schema: {
      tags: ['supervision'],
      summary: "Checks the hash chain of every case in the caller's jurisdiction; lists each broken case with its first broken position",
      security: [{ bearerAuth: [] }],
      querystring: NO_QUERY,
      response: {
        200: {
          type: 'object',
          required: ['ok', 'cases', 'events', 'broken', 'ms'],
          properties: { ok: { type: 'boolean' }, cases: { type: 'integer' }, events: { type: 'integer' }, broken: { type: 'array', items: VerifyResult }, ms: { type: 'integer' } },
        },
        ...problemResponses(401, 403, 503),
      },
    },
  }, async (request) => {
    const actor = request.actor
    if (!actor.roles.includes('supervisor')) {
      throw new AppError('FORBIDDEN', `actor ${actor.userId} is not a supervisor`, { details: { messageZh: '仅监督人员可以核验案件' } })
    }
    return engine.verifyAll({ within: actor.division })
  })

  const DATE = LOCAL_DATE
  const SECURITY = [{ bearerAuth: [] }]
  const LOOSE = { type: 'object', additionalProperties: true } as const
  /** [from 00:00, the day after `to` 00:00) China time: both dates count. */
  const period = (from: string, to: string) => ({ from: new Date(startOfLocalDay(from)), to: new Date(startOfLocalDay(addDays(to, 1))) })

  app.get<{ Querystring: { within?: string; limit?: number } }>('/overdue', {
    schema: {
      tags: ['supervision'],
      summary: 'Open duties in your jurisdiction that are overdue or have used two thirds of their time, soonest due first, with the agency holding each',
      security: SECURITY,
      querystring: { type: 'object', additionalProperties: false, properties: { within: DIVISION, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } } },
      response: { 200: LOOSE, ...problemResponses(400, 401, 403, 503) },
    },
  }, async (request) => {
    checkIdentifiers('querystring', request.query, { within: 'division-code' })
    return engine.supervision.overdue(request.actor, request.query)
  })

  app.get<{ Querystring: { from: string; to: string; within?: string; procedure?: string; agencyId?: string } }>('/statistics', {
    schema: {
      tags: ['supervision'],
      summary: 'Cases opened and closed, days per step (median, 90th percentile), deadlines met, refusals and why, listings removed, plan targets: per agency, procedure and period',
      security: SECURITY,
      querystring: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'to'],
        properties: { from: DATE, to: { ...DATE, description: 'last day of the period (inclusive)' }, within: DIVISION, procedure: PROCEDURE_NAME, agencyId: AGENCY_ID },
      },
      response: { 200: LOOSE, ...problemResponses(400, 401, 403, 503) },
    },
  }, async (request) => {
    checkIdentifiers('querystring', request.query, { within: 'division-code' })
    const { from, to, ...rest } = request.query
    if (from > to) {
      throw new AppError('VALIDATION_FAILED', `querystring is not valid: the period ends (to ${to}) before it starts (from ${from})`, {
        details: { fields: [{ path: '/querystring/to', message: 'is before from' }], messageZh: '统计期间的结束日期早于开始日期' },
      })
    }
    return engine.supervision.statistics(request.actor, { ...rest, ...period(from, to) })
  })

  app.get<{
    Querystring: { party?: string; creditCode?: string; procedure?: string; state?: string; agencyId?: string; openedFrom?: string; openedTo?: string; overdue?: boolean; within?: string; limit?: number; after?: string }
  }>('/search', {
    schema: {
      tags: ['supervision'],
      summary: 'Cases in your jurisdiction by party name or credit code, procedure, state, agency, opening dates and overdue flag; newest first, a page at a time (`next`)',
      security: SECURITY,
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          party: { type: 'string', minLength: 2, maxLength: 100, pattern: '^[^\\u0000-\\u001f\\u007f]+$' },
          creditCode: CREDIT_CODE,
          procedure: PROCEDURE_NAME,
          state: { type: 'string', maxLength: 16, pattern: '^[A-Za-z0-9_.-]+$' },
          agencyId: AGENCY_ID,
          openedFrom: DATE,
          openedTo: { ...DATE, description: 'last opening day (inclusive)' },
          overdue: { type: 'boolean' },
          within: DIVISION,
          limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          after: { type: 'string', maxLength: 200, pattern: '^[A-Za-z0-9_-]+$', description: 'the `next` of the previous page' },
        },
      },
      response: { 200: LOOSE, ...problemResponses(400, 401, 403, 503) },
    },
  }, async (request) => {
    checkIdentifiers('querystring', request.query, { creditCode: 'credit-code', within: 'division-code' })
    const { openedFrom, openedTo, ...rest } = request.query
    return engine.supervision.search(request.actor, {
      ...rest,
      ...(openedFrom ? { openedFrom: new Date(startOfLocalDay(openedFrom)) } : {}),
      ...(openedTo ? { openedTo: new Date(startOfLocalDay(addDays(openedTo, 1))) } : {}),
    })
  })

  app.get<{ Querystring: { within?: string; limit?: number } }>('/transfer-flags', {
    schema: {
      tags: ['supervision'],
      summary: '该移不移: cases closed with an administrative penalty, never transferred, whose recorded amounts meet the prosecution threshold of the offence',
      security: SECURITY,
      querystring: { type: 'object', additionalProperties: false, properties: { within: DIVISION, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 200 } } },
      response: { 200: LOOSE, ...problemResponses(400, 401, 403, 503) },
    },
  }, async (request) => {
    checkIdentifiers('querystring', request.query, { within: 'division-code' })
    return engine.supervision.transferFlags(request.actor, request.query)
  })

  app.post<{ Params: { id: string }; Body: { reasons: string; title?: string } }>('/transfer-flags/:id/supervision', {
    schema: {
      tags: ['supervision'],
      summary: 'Open a procuratorial supervision case (检察意见 requiring transfer, SPP-R art. 557) from a flagged case',
      security: SECURITY,
      params: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: CASE_ID } },
      querystring: NO_QUERY,
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['reasons'],
        properties: { reasons: { type: 'string', minLength: 10, maxLength: 5000 }, title: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f\\u007f]+$' } },
      },
      response: { 201: LOOSE, ...problemResponses(400, 401, 403, 404, 409, 422, 503) },
    },
  }, async (request, reply) => {
    const flag = await engine.supervision.transferFlagOf(request.params.id)
    if (!flag) {
      throw new AppError('RULE_REFUSED', `case ${request.params.id} is not flagged as 该移不移 (closed with a penalty, never transferred, amounts at a prosecution threshold)`, {
        details: { rule: 'transfer-flag', source: 'SPP-R art. 557(3)', messageZh: '该案件未被标记为应当移送而未移送' },
      })
    }
    const parent = await engine.readCase(request.params.id, request.actor)
    const summary = parent.context as { offence?: string; amounts?: { illegalBusinessVolume: number | null; illegalGains: number | null } }
    const result = await engine.openCase({
      procedure: 'transfer-supervision',
      parentCaseId: request.params.id,
      payload: {
        title: request.body.title ?? `关于${parent.caseNumber ?? parent.title}应当移送而未移送的监督`,
        basis: {
          offence: summary.offence ?? '',
          thresholdId: flag.threshold.id,
          ...(summary.amounts?.illegalBusinessVolume != null ? { illegalBusinessVolume: summary.amounts.illegalBusinessVolume } : {}),
          ...(summary.amounts?.illegalGains != null ? { illegalGains: summary.amounts.illegalGains } : {}),
        },
        reasons: request.body.reasons,
      },
    }, request.actor)
    return reply.code(201).send({ ...result, flag })
  })
}
