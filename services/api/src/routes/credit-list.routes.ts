import type { FastifyInstance } from 'fastify'
import type { Engine } from '@xianjie/engine'
import { problemResponses } from '../problems.ts'
import { NO_QUERY } from '../schemas.ts'

const Measure = {
  type: 'object',
  required: ['code', 'zh', 'en', 'source', 'verification'],
  properties: { code: { type: 'string' }, zh: { type: 'string' }, en: { type: 'string' }, source: { type: 'string' }, verification: { type: 'string' } },
} as const

const CreditListViewSchema = {
  type: 'object',
  required: ['creditCode', 'subjectName', 'asOf', 'listed', 'regimes', 'records'],
  properties: {
    creditCode: { type: 'string' },
    subjectName: { type: ['string', 'null'] },
    asOf: { type: 'string', format: 'date-time' },
    listed: { type: 'boolean', description: 'on a punishment list now (SAMR-44 serious-violation list, CNIPA untrustworthy finding)' },
    regimes: { type: 'array', items: { type: 'string' } },
    records: {
      type: 'array',
      description: 'every record in force now, penalty publicity (SAMR-45) included',
      items: {
        type: 'object',
        required: ['regime', 'kind', 'title', 'authority', 'decisionNumber', 'since', 'publishedAt', 'until', 'measures'],
        properties: {
          regime: { type: 'string' },
          kind: { enum: ['listing', 'publicity'] },
          title: { $ref: 'Bilingual#' },
          authority: { type: 'string' },
          decisionNumber: { type: ['string', 'null'] },
          since: { type: 'string', format: 'date-time' },
          publishedAt: { type: 'string', format: 'date-time' },
          until: { type: ['string', 'null'], format: 'date-time' },
          measures: { type: 'array', items: Measure },
        },
      },
    },
  },
} as const

/**
 * /v1/credit-list: the public credit register (信用信息公示) for joint-punishment partners and
 * the public. No sign-in: it shows only what is published, never case internals.
 */
export async function creditListRoutes(app: FastifyInstance, { engine }: { engine: Engine }): Promise<void> {
  app.get<{ Params: { creditCode: string } }>('/:creditCode', {
    schema: {
      tags: ['credit-list'],
      summary: 'Whether a subject is listed now, under which regimes, since and until when, and the measures',
      params: {
        type: 'object',
        required: ['creditCode'],
        additionalProperties: false,
        // The code itself is checked by the engine (identifiers.ts), which says what is wrong with it.
        properties: { creditCode: { type: 'string', minLength: 1, maxLength: 64, description: '统一社会信用代码 (GB 32100-2015)' } },
      },
      querystring: NO_QUERY,
      response: { 200: CreditListViewSchema, ...problemResponses(400, 503) },
    },
  }, async (request) => engine.creditList(request.params.creditCode))
}
