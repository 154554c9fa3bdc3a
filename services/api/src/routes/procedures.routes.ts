import type { FastifyInstance } from 'fastify'
import { AppError, type ProcedureDefinition } from '@xianjie/domain'
import { procedureChart, type Engine } from '@xianjie/engine'
import { problemResponses } from '../problems.ts'
import { NO_QUERY, PROCEDURE_NAME } from '../schemas.ts'

const looseObject = { type: 'object', additionalProperties: true } as const

export const ProcedureSchema = {
  $id: 'Procedure',
  type: 'object',
  required: ['name', 'version', 'title', 'open', 'parties', 'commands', 'timers'],
  properties: {
    name: { type: 'string' },
    version: { type: 'string' },
    title: { $ref: 'Bilingual#' },
    open: {
      type: 'object',
      required: ['roles', 'party', 'payload'],
      properties: { roles: { type: 'array', items: { type: 'string' } }, party: { type: 'string' }, payload: { ...looseObject, description: 'JSON Schema of the open payload' } },
    },
    parties: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: { kind: { type: 'string' }, title: { $ref: 'Bilingual#' }, resolve: { type: 'string' } },
      },
    },
    commands: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'title', 'roles', 'party', 'payload'],
        properties: {
          type: { type: 'string' },
          title: { $ref: 'Bilingual#' },
          roles: { type: 'array', items: { type: 'string' } },
          party: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
          payload: { ...looseObject, description: 'JSON Schema of the command payload' },
          source: { type: 'string' },
        },
      },
    },
    timers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'duration', 'unit', 'expiry', 'source'],
        properties: {
          id: { type: 'string' },
          title: { $ref: 'Bilingual#' },
          start: { type: 'string' },
          duration: { type: 'number' },
          unit: { type: 'string' },
          rollOnHoliday: { type: 'boolean' },
          owner: { type: 'string' },
          expiry: { type: 'string' },
          source: { type: 'string' },
          verification: { type: 'string' },
          anchor: { type: 'string' },
        },
      },
    },
  },
} as const

const ChartSchema = {
  type: 'object',
  required: ['procedure', 'initial', 'states', 'transitions'],
  properties: {
    procedure: { type: 'string' },
    initial: { type: 'string', description: 'the DOMAIN state a new case starts in' },
    states: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'parent', 'type'],
        properties: {
          id: { type: 'string', description: 'DOMAIN state id, as in CaseView.stateIds' },
          title: { $ref: 'Bilingual#' },
          parent: { type: ['string', 'null'] },
          type: { type: 'string', enum: ['atomic', 'compound', 'parallel', 'final'] },
          end: { type: 'string', description: 'end code of a final state' },
        },
      },
    },
    transitions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['from', 'to', 'event', 'title', 'kind'],
        properties: {
          from: { type: 'string' },
          to: { type: 'array', items: { type: 'string' }, description: '[from] for a step that stays in the state' },
          event: { type: 'string', description: 'command type, timer id (T6) or event type' },
          title: { anyOf: [{ $ref: 'Bilingual#' }, { type: 'null' }] },
          kind: { type: 'string', enum: ['command', 'timer', 'always', 'other'] },
        },
      },
    },
  },
} as const

/** The public face of a procedure definition: no machine, no guards. */
export function describeProcedure(def: ProcedureDefinition) {
  return {
    name: def.name,
    version: def.version,
    title: def.title,
    open: { roles: def.open.roles, party: def.open.party, payload: def.openPayload },
    parties: def.parties,
    commands: Object.values(def.commands).map((c) => ({ type: c.type, title: c.title, roles: c.roles, party: c.party, payload: c.payload, source: c.source })),
    timers: Object.values(def.timers),
  }
}

/** /v1/procedures: the registered procedures, their commands and timers. */
export async function procedureRoutes(app: FastifyInstance, { engine }: { engine: Engine }): Promise<void> {
  app.get('', {
    schema: {
      tags: ['procedures'],
      summary: 'The registered procedures',
      security: [{ bearerAuth: [] }],
      querystring: NO_QUERY,
      response: {
        200: { type: 'object', required: ['procedures'], properties: { procedures: { type: 'array', items: { $ref: 'Procedure#' } } } },
        ...problemResponses(401, 503),
      },
    },
  }, async () => ({ procedures: [...engine.procedures.values()].map(describeProcedure) }))

  const byName = { type: 'object', required: ['name'], additionalProperties: false, properties: { name: PROCEDURE_NAME } } as const
  const procedureOf = (name: string) => {
    const def = engine.procedures.get(name)
    if (def === undefined) throw new AppError('NOT_FOUND', `procedure ${name} not found`)
    return def
  }

  app.get<{ Params: { name: string } }>('/:name', {
    schema: {
      tags: ['procedures'],
      summary: 'One procedure: commands (titles, roles, payload schema) and timers',
      security: [{ bearerAuth: [] }],
      params: byName,
      querystring: NO_QUERY,
      response: { 200: { $ref: 'Procedure#' }, ...problemResponses(400, 401, 404, 503) },
    },
  }, async (request) => describeProcedure(procedureOf(request.params.name)))

  app.get<{ Params: { name: string } }>('/:name/chart', {
    schema: {
      tags: ['procedures'],
      summary: "The procedure's statechart over DOMAIN state ids: states, and the commands, deadlines and steps between them",
      security: [{ bearerAuth: [] }],
      params: byName,
      querystring: NO_QUERY,
      response: { 200: ChartSchema, ...problemResponses(400, 401, 404, 503) },
    },
  }, async (request) => procedureChart(procedureOf(request.params.name)))
}
