import type { FastifyInstance, FastifyReply } from 'fastify'
import { AppError, isAppError } from '@xianjie/domain'
import { CASE_LIST_DEFAULT_LIMIT, CASE_LIST_MAX_LIMIT, MAX_UPLOAD_BYTES, reportCsv, reportHtml, UPLOAD_MEDIA_TYPES, type CommandResult, type Engine } from '@xianjie/engine'
import { problemResponses } from '../problems.ts'
import { CASE_ID, CaseIdParams, DOCUMENT_ID, ETAG_HEADER, IDEMPOTENCY_KEY, IF_MATCH, NO_QUERY, PROCEDURE_NAME, ReplayResultSchema, VerifyResultSchema } from '../schemas.ts'

const SECURITY = [{ bearerAuth: [] }]
const COMMAND_TYPE = { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,63}$', description: 'e.g. APPROVE_TRANSFER' } as const

interface CommandHeaders {
  'idempotency-key'?: string
  'if-match'?: string
}

const commandHeaders = {
  type: 'object',
  properties: { 'idempotency-key': IDEMPOTENCY_KEY, 'if-match': IF_MATCH },
} as const

const resultHeaders = {
  etag: ETAG_HEADER,
  'idempotent-replayed': { type: 'string', enum: ['true'], description: 'present when this is the stored answer to an earlier request' },
} as const

export function etagOf(version: number): string {
  return `"${version}"`
}

/** `"7"` → 7; `*` or absent → undefined (any version). The header schema has checked the form. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header === '*') return undefined
  return Number(header.slice(1, -1))
}

/**
 * The engine reports payload faults relative to the payload (`/reason`); the api names
 * every field from the request's root (`/body/payload/reason`), as its own schema errors do.
 */
async function inPayload<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (err) {
    if (isAppError(err) && err.code === 'VALIDATION_FAILED' && Array.isArray(err.details.fields)) {
      const fields = err.details.fields.map((f) => ({ ...f, path: `/body/payload${f.path === '/' || f.path === '' ? '' : f.path.startsWith('/') ? f.path : `/${f.path}`}` }))
      throw new AppError('VALIDATION_FAILED', err.message, { cause: err, details: { ...err.details, fields } })
    }
    throw err
  }
}

function sendResult(reply: FastifyReply, status: number, result: CommandResult): FastifyReply {
  reply.header('etag', etagOf(result.version))
  if (result.replayed) reply.header('idempotent-replayed', 'true')
  return reply.code(status).send(result)
}

/** /v1/cases: list, open, read, command, timeline, verify, replay. Handlers only translate HTTP. */
export async function caseRoutes(app: FastifyInstance, { engine }: { engine: Engine }): Promise<void> {
  app.get<{ Querystring: { limit: number; cursor?: string; status?: 'open' | 'closed' } }>('', {
    schema: {
      tags: ['cases'],
      summary: "The cases the caller's agency opened or is a party to, newest first",
      description: 'Only cases the caller may read (the police of a transfer once it has been dispatched to them). One page at a time: pass `nextCursor` as `cursor` for the next.',
      security: SECURITY,
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          limit: { type: 'integer', minimum: 1, maximum: CASE_LIST_MAX_LIMIT, default: CASE_LIST_DEFAULT_LIMIT },
          cursor: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$', description: 'nextCursor of the page before' },
          status: { type: 'string', enum: ['open', 'closed'] },
        },
      },
      response: {
        200: {
          type: 'object',
          required: ['items', 'nextCursor'],
          properties: { items: { type: 'array', items: { $ref: 'CaseListItem#' } }, nextCursor: { type: ['string', 'null'], description: 'null after the last page' } },
        },
        ...problemResponses(400, 401, 503),
      },
    },
  }, async (request) => {
    const { limit, cursor, status } = request.query
    return engine.cases(request.actor, { limit, ...(cursor !== undefined ? { cursor } : {}), ...(status !== undefined ? { status } : {}) })
  })

  app.post<{ Body: { procedure: string; payload: Record<string, unknown>; parentCaseId?: string }; Headers: CommandHeaders }>('', {
    schema: {
      tags: ['cases'],
      summary: 'Open a case of a procedure',
      description: 'The payload is checked against the procedure\'s open schema by the engine; its faults come back as `fields`.',
      security: SECURITY,
      querystring: NO_QUERY,
      headers: { type: 'object', properties: { 'idempotency-key': IDEMPOTENCY_KEY } },
      body: {
        type: 'object',
        required: ['procedure', 'payload'],
        additionalProperties: false,
        properties: {
          procedure: PROCEDURE_NAME,
          payload: { type: 'object', additionalProperties: true, description: "checked by the engine against the procedure's open schema" },
          parentCaseId: CASE_ID,
        },
      },
      response: {
        201: { description: 'case opened', headers: { ...resultHeaders, location: { type: 'string' } }, $ref: 'CommandResult#' },
        ...problemResponses(400, 401, 403, 404, 409, 422, 503),
      },
    },
  }, async (request, reply) => {
    const { procedure, payload, parentCaseId } = request.body
    const result = await inPayload(engine.openCase({ procedure, payload, parentCaseId, idempotencyKey: request.headers['idempotency-key'] }, request.actor))
    request.log.info({ caseId: result.caseId, procedure, replayed: result.replayed }, 'case opened')
    reply.header('location', `/v1/cases/${result.caseId}`)
    return sendResult(reply, 201, result)
  })

  app.get<{ Params: { id: string } }>('/:id', {
    schema: {
      tags: ['cases'],
      summary: 'Read a case: state, context, open tasks, deadlines and the commands this caller may send now',
      security: SECURITY,
      params: CaseIdParams,
      querystring: NO_QUERY,
      response: {
        200: { headers: { etag: ETAG_HEADER }, $ref: 'CaseView#' },
        ...problemResponses(400, 401, 403, 404, 503),
      },
    },
  }, async (request, reply) => {
    const view = await engine.readCase(request.params.id, request.actor)
    reply.header('etag', etagOf(view.version))
    return view
  })

  app.post<{ Params: { id: string }; Body: { type: string; payload: Record<string, unknown> }; Headers: CommandHeaders }>('/:id/commands', {
    schema: {
      tags: ['cases'],
      summary: 'Send a command to a case',
      description: 'Idempotency-Key: a replay with the same key and body returns the first answer (header Idempotent-Replayed: true); the same key with another body is refused with 422. If-Match: the case version as a strong ETag; a stale one is refused with 412.',
      security: SECURITY,
      params: CaseIdParams,
      querystring: NO_QUERY,
      headers: commandHeaders,
      body: {
        type: 'object',
        required: ['type'],
        additionalProperties: false,
        properties: { type: COMMAND_TYPE, payload: { type: 'object', additionalProperties: true, default: {} } },
      },
      response: {
        200: { description: 'command accepted', headers: resultHeaders, $ref: 'CommandResult#' },
        ...problemResponses(400, 401, 403, 404, 409, 412, 422, 503),
      },
    },
  }, async (request, reply) => {
    const { type, payload } = request.body
    const result = await inPayload(engine.execute(request.params.id, {
      type,
      payload: payload ?? {},
      idempotencyKey: request.headers['idempotency-key'],
      expectedVersion: versionFromIfMatch(request.headers['if-match']),
    }, request.actor))
    request.log.info({ caseId: result.caseId, command: type, version: result.version, replayed: result.replayed }, 'command accepted')
    return sendResult(reply, 200, result)
  })

  app.get<{ Params: { id: string } }>('/:id/timeline', {
    schema: {
      tags: ['cases'],
      summary: 'Every event: actor, agency, time, the statute it follows, and whether each deadline was met',
      security: SECURITY,
      params: CaseIdParams,
      querystring: NO_QUERY,
      response: {
        200: {
          type: 'object',
          required: ['caseId', 'entries'],
          properties: { caseId: { type: 'string' }, entries: { type: 'array', items: { $ref: 'TimelineEntry#' } } },
        },
        ...problemResponses(400, 401, 403, 404, 503),
      },
    },
  }, async (request) => {
    const entries = await engine.timeline(request.params.id, request.actor)
    return { caseId: request.params.id, entries }
  })

  const reportSchema = (summary: string, produces: string) => ({
    tags: ['cases', 'supervision'],
    summary,
    security: SECURITY,
    params: CaseIdParams,
    querystring: NO_QUERY,
    produces: [produces],
    response: { 200: { description: produces, type: 'string' }, ...problemResponses(400, 401, 403, 404, 503) },
  })

  app.get<{ Params: { id: string } }>('/:id/report', {
    schema: {
      ...reportSchema('The case report: every step, every deadline (timer id, unit, source, met), hours held per agency, receipts between agencies', 'application/json'),
      response: { 200: { type: 'object', additionalProperties: true }, ...problemResponses(400, 401, 403, 404, 503) },
    },
  }, async (request) => engine.report(request.params.id, request.actor))

  app.get<{ Params: { id: string } }>('/:id/report.csv', {
    schema: reportSchema('The case report as CSV, one row per step (UTF-8 with BOM)', 'text/csv'),
  }, async (request, reply) => {
    const report = await engine.report(request.params.id, request.actor)
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="case-${report.case.id}.csv"`)
      .send(reportCsv(report))
  })

  app.get<{ Params: { id: string } }>('/:id/report.html', {
    schema: reportSchema('The case report as a printable page (zh-CN, English beside)', 'text/html'),
  }, async (request, reply) => {
    const report = await engine.report(request.params.id, request.actor)
    return reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(reportHtml(report))
  })

  app.get<{ Params: { id: string } }>('/:id/verify', {
    schema: {
      tags: ['cases'],
      summary: "Check the case's event hash chain",
      security: SECURITY,
      params: CaseIdParams,
      querystring: NO_QUERY,
      response: { 200: VerifyResultSchema, ...problemResponses(400, 401, 403, 404, 503) },
    },
  }, async (request) => {
    // engine.verify takes no actor: reading the case first applies the visibility rules.
    await engine.readCase(request.params.id, request.actor)
    return engine.verify(request.params.id)
  })

  app.get<{ Params: { id: string } }>('/:id/views', {
    schema: {
      tags: ['cases'],
      summary: 'Who read the case, what and when, refused attempts included (查询留痕); supervisors only',
      security: SECURITY,
      params: CaseIdParams,
      querystring: NO_QUERY,
      response: {
        200: {
          type: 'object',
          required: ['caseId', 'views'],
          properties: {
            caseId: { type: 'string' },
            views: {
              type: 'array',
              items: {
                type: 'object',
                required: ['actor', 'agencyId', 'what', 'allowed', 'at'],
                properties: {
                  actor: { type: 'object', required: ['userId', 'name'], properties: { userId: { type: 'string' }, name: { type: ['string', 'null'] } } },
                  agencyId: { type: 'string' },
                  what: { type: 'string' },
                  allowed: { type: 'boolean' },
                  at: { type: 'string', format: 'date-time' },
                },
              },
            },
          },
        },
        ...problemResponses(400, 401, 403, 404, 503),
      },
    },
  }, async (request) => ({ caseId: request.params.id, views: await engine.views(request.params.id, request.actor) }))

  app.get<{ Params: { id: string } }>('/:id/replay', {
    schema: {
      tags: ['cases'],
      summary: "Replay the case's events through its machine and compare with the stored snapshot",
      security: SECURITY,
      params: CaseIdParams,
      querystring: NO_QUERY,
      response: { 200: ReplayResultSchema, ...problemResponses(400, 401, 403, 404, 503) },
    },
  }, async (request) => {
    await engine.readCase(request.params.id, request.actor)
    const result = await engine.replay(request.params.id)
    return { caseId: result.caseId, equal: result.equal, events: result.events }
  })

  const DocumentViewSchema = {
    type: 'object',
    required: ['id', 'caseId', 'kind', 'name', 'mediaType', 'sha256', 'size', 'seq', 'uploadedBy', 'uploadedAt'],
    properties: {
      id: { type: 'string' },
      caseId: { type: 'string' },
      kind: { type: 'string' },
      name: { type: 'string' },
      mediaType: { type: 'string' },
      sha256: { type: 'string' },
      size: { type: 'integer' },
      seq: { type: ['integer', 'null'], description: 'the event that rendered it; null for an upload' },
      uploadedBy: { type: 'string' },
      uploadedAt: { type: 'string', format: 'date-time' },
    },
  } as const

  app.get<{ Params: { id: string } }>('/:id/documents', {
    schema: {
      tags: ['documents'],
      summary: "The case's documents with their SHA-256: rendered notices and rulings, and uploads",
      security: SECURITY,
      params: CaseIdParams,
      querystring: NO_QUERY,
      response: {
        200: { type: 'object', required: ['caseId', 'documents'], properties: { caseId: { type: 'string' }, documents: { type: 'array', items: DocumentViewSchema } } },
        ...problemResponses(400, 401, 403, 404, 503),
      },
    },
  }, async (request) => ({ caseId: request.params.id, documents: await engine.documents.list(request.params.id, request.actor) }))

  app.get<{ Params: { id: string; documentId: string } }>('/:id/documents/:documentId', {
    schema: {
      tags: ['documents'],
      summary: 'One document as stored; the X-Content-SHA256 header carries its hash',
      security: SECURITY,
      params: { type: 'object', required: ['id', 'documentId'], additionalProperties: false, properties: { id: CASE_ID, documentId: DOCUMENT_ID } },
      querystring: NO_QUERY,
      response: {
        200: { description: 'the document exactly as stored (its media type)', type: 'string', format: 'binary', headers: { 'x-content-sha256': { type: 'string' } } },
        ...problemResponses(400, 401, 403, 404, 503),
      },
    },
  }, async (request, reply) => {
    const doc = await engine.documents.read(request.params.id, request.params.documentId, request.actor)
    reply.header('content-type', doc.mediaType)
    reply.header('x-content-sha256', doc.sha256)
    // Images and text are shown in the page, sandboxed (no scripts, a unique origin) even if a
    // file got past the sniffing; PDF and Office files, which run in viewers and plugins, are
    // downloaded, never rendered in the api's origin.
    const inline = /^(image\/|text\/plain)/.test(doc.mediaType)
    reply.header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(doc.name)}`)
    reply.header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
    return reply.send(doc.content)
  })

  app.post<{ Params: { id: string }; Body: { kind: string; name: string; mediaType: string; contentBase64: string } }>('/:id/documents', {
    // base64 takes 4 bytes for every 3.
    bodyLimit: Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 4096,
    schema: {
      tags: ['documents'],
      summary: 'Upload a document (evidence, an attachment to an agreement); stored by its SHA-256',
      description: `The bytes are sniffed (magic bytes, the ZIP directory of Office files, strict UTF-8 for text) and must be what \`mediaType\` declares, one of: ${Object.keys(UPLOAD_MEDIA_TYPES).join(', ')}. Anything else (HTML, SVG, XML, executables, archives, macro-enabled or legacy Office files) is refused with 415; over ${MAX_UPLOAD_BYTES / (1024 * 1024)} MiB with 413. The bytes are stored once, keyed by their SHA-256; the same file uploaded again to the case answers the same document.`,
      security: SECURITY,
      params: CaseIdParams,
      querystring: NO_QUERY,
      body: {
        type: 'object',
        required: ['kind', 'name', 'mediaType', 'contentBase64'],
        additionalProperties: false,
        properties: {
          kind: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9]{0,63}$', description: 'e.g. attachment, identity, mediationProof' },
          // No path separators, control characters or bidirectional overrides (which make "exe.pdf" look like "fdp.exe").
          name: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^/\\\\\\u0000-\\u001f\\u007f\\u202a-\\u202e\\u2066-\\u2069]+$' },
          mediaType: { type: 'string', maxLength: 200, pattern: '^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(;[ A-Za-z0-9!#$&^_.+=";-]*)?$', description: `one of ${Object.keys(UPLOAD_MEDIA_TYPES).join(', ')}; text may add charset=utf-8` },
          // A plain character class: a grouped, repeated pattern overflows the regex stack on 14 MB.
          contentBase64: { type: 'string', minLength: 4, pattern: '^[A-Za-z0-9+/]+={0,2}$', description: 'the file, base64 (RFC 4648 §4, padded)' },
        },
      },
      response: { 201: DocumentViewSchema, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 503) },
    },
  }, async (request, reply) => {
    const { kind, name, mediaType, contentBase64 } = request.body
    const content = Buffer.from(contentBase64, 'base64')
    // Buffer.from is lenient (it drops what it cannot read): only canonical, padded base64 is taken.
    if (contentBase64.length % 4 !== 0 || content.toString('base64') !== contentBase64) {
      throw new AppError('VALIDATION_FAILED', 'body is not valid: /body/contentBase64 is not canonical base64 (RFC 4648 §4: groups of four characters, padded with =)', {
        details: { fields: [{ path: '/body/contentBase64', message: 'is not canonical base64' }], messageZh: '文件内容不是有效的Base64编码' },
      })
    }
    const doc = await engine.documents.upload(request.params.id, { kind, name, mediaType, content }, request.actor)
    request.log.info({ caseId: doc.caseId, documentId: doc.id, sha256: doc.sha256, size: doc.size }, 'document stored')
    return reply.code(201).send(doc)
  })
}
