import type { FastifyInstance } from 'fastify'
import type { Engine } from '@xianjie/engine'
import { problemResponses } from '../problems.ts'

export const INBOX_DEFAULT_LIMIT = 100
export const INBOX_MAX_LIMIT = 500

/** /v1/inbox: the caller's agency's tasks, soonest deadline first. */
export async function inboxRoutes(app: FastifyInstance, { engine }: { engine: Engine }): Promise<void> {
  app.get<{ Querystring: { includeClosed: boolean; limit: number } }>('', {
    schema: {
      tags: ['inbox'],
      summary: "The caller's agency's tasks, soonest deadline first",
      security: [{ bearerAuth: [] }],
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          includeClosed: { type: 'boolean', default: false },
          limit: { type: 'integer', minimum: 1, maximum: INBOX_MAX_LIMIT, default: INBOX_DEFAULT_LIMIT },
        },
      },
      response: {
        200: { type: 'object', required: ['tasks'], properties: { tasks: { type: 'array', items: { $ref: 'TaskView#' } } } },
        ...problemResponses(400, 401, 503),
      },
    },
  }, async (request) => {
    const tasks = await engine.inbox(request.actor, { includeClosed: request.query.includeClosed, limit: request.query.limit })
    return { tasks }
  })
}
