import type { FastifyInstance } from 'fastify'
import { AppError } from '@xianjie/domain'
import type { Engine } from '@xianjie/engine'
import { problemResponses } from '../problems.ts'

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
}
