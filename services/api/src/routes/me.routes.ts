import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '@xianjie/db'
import { problemResponses } from '../problems.ts'
import { NO_QUERY } from '../schemas.ts'

export const MeSchema = {
  type: 'object',
  required: ['userId', 'name', 'agencyId', 'agencyName', 'division', 'roles'],
  properties: {
    userId: { type: 'string' },
    name: { type: 'string', description: "the user's name (an API key's label)" },
    agencyId: { type: 'string' },
    agencyName: { type: 'string' },
    division: { type: 'string', description: "GB/T 2260 code of the agency's division" },
    roles: { type: 'array', items: { type: 'string' } },
  },
} as const

/** /v1/me: who the caller is, for the pages' header and navigation. */
export async function meRoutes(app: FastifyInstance, { db }: { db: Kysely<Database> }): Promise<void> {
  app.get('', {
    schema: {
      tags: ['auth'],
      summary: 'The signed-in caller: user, agency and roles',
      security: [{ bearerAuth: [] }, { agencyApiKey: [] }],
      querystring: NO_QUERY,
      response: { 200: MeSchema, ...problemResponses(401, 503) },
    },
  }, async (request) => {
    const { actor } = request
    const agency = await db.selectFrom('agencies').select('name').where('id', '=', actor.agencyId).executeTakeFirst()
    return {
      userId: actor.userId,
      name: actor.name ?? actor.userId,
      agencyId: actor.agencyId,
      agencyName: agency?.name ?? actor.agencyId,
      division: actor.division,
      roles: actor.roles,
    }
  })
}
