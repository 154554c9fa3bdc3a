import type { FastifyInstance } from 'fastify'
import { AppError, toError } from '@xianjie/domain'
import { problemResponses } from '../problems.ts'
import { NO_QUERY } from '../schemas.ts'

const Status = { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } as const

/** /healthz (the process answers) and /readyz (its dependencies answer). No sign-in. */
export async function healthRoutes(app: FastifyInstance, { ready }: { ready: () => Promise<void> }): Promise<void> {
  app.get('/healthz', {
    logLevel: 'warn',
    schema: { tags: ['health'], summary: 'Liveness: the process answers', querystring: NO_QUERY, response: { 200: Status, ...problemResponses(400) } },
  }, async () => ({ status: 'ok' }))

  app.get('/readyz', {
    logLevel: 'warn',
    schema: { tags: ['health'], summary: 'Readiness: the database and other dependencies answer', querystring: NO_QUERY, response: { 200: Status, ...problemResponses(400, 503) } },
  }, async (request) => {
    try {
      await ready()
    } catch (cause) {
      request.log.warn({ err: toError(cause) }, 'not ready')
      throw new AppError('DEPENDENCY_DOWN', 'a dependency is not ready', { cause })
    }
    return { status: 'ok' }
  })
}
