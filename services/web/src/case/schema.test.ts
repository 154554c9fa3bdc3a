// The form model of command payloads: what a command form asks for and what it sends. The
// schemas are the shapes of workflows/*/src/*.commands.ts (copied: the web bundle imports no
// server package).
import { describe, expect, it } from 'vitest'
import { check, chinaLocalToIso, collectFields, fieldsOf, pathOfPointer, variantFields, type Field, type JSONSchema } from './schema.ts'

const REASONS = { type: 'string', minLength: 4, maxLength: 4000 }
const text = (maxLength = 4000) => ({ type: 'string', minLength: 1, maxLength })
const object = (properties: Record<string, JSONSchema>, required: string[] = [], extra: JSONSchema = {}) => ({ type: 'object', additionalProperties: false, properties, required, ...extra })
const SHA256 = { type: 'string', pattern: '^[0-9a-f]{64}$' }
const DOCUMENT = object({ name: text(300), sha256: SHA256 }, ['name', 'sha256'])

const kinds = (fields: Field[]) => Object.fromEntries(fields.map((f) => [f.path, f.kind]))

describe(fieldsOf.name, () => {
  it('asks for the fields of the payload and none the engine fills in (agencies, a court number)', () => {
    const apply = object({ courts: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }, form: { type: 'string', enum: ['written', 'oral'] }, viaAgent: { type: 'boolean' }, agencies: { type: 'object' } }, ['courts', 'form', 'viaAgent'])
    const accept = object({ note: text(), caseNumber: { type: 'string' } })
    expect(kinds(fieldsOf(apply))).toEqual({ courts: 'lines', form: 'select', viaAgent: 'checkbox' })
    expect(kinds(fieldsOf(accept))).toEqual({ note: 'text' })
  })

  it('gives long texts and reasons a text area, dates a date input, item numbers a choice', () => {
    const fields = fieldsOf(object({ reasons: REASONS, letterNo: text(100), knewAt: { type: 'string', format: 'date' }, hearingAt: { type: 'string', format: 'date-time' }, ground: { type: 'integer', minimum: 1, maximum: 5 }, fineAmount: { type: 'number', minimum: 0 } }))
    expect(fields.map((f) => [f.path, f.kind, f.kind === 'text' ? f.multiline : null])).toEqual([
      ['reasons', 'text', true], ['letterNo', 'text', false], ['knewAt', 'date', null], ['hearingAt', 'datetime', null], ['ground', 'select', null], ['fineAmount', 'number', null],
    ])
  })

  it('turns document references into file fields, one per R310 art. 6 kind when the items carry a kind', () => {
    const dispatch = object({
      documents: { type: 'array', minItems: 1, items: object({ kind: { type: 'string', enum: ['transferLetter', 'investigationReport', 'itemList', 'testReport', 'otherMaterials'] }, name: text(300), sha256: SHA256 }, ['kind', 'name', 'sha256']) },
      report: DOCUMENT,
    }, ['documents'])
    const [documents, report] = fieldsOf(dispatch)
    expect(documents).toMatchObject({ kind: 'documents', kinds: ['transferLetter', 'investigationReport', 'itemList', 'testReport', 'otherMaterials'], required: true })
    expect(report).toMatchObject({ kind: 'document', required: false })
  })
})

describe(collectFields.name, () => {
  it('sends a refusal with its reasons and an explicit false for a required box left unticked', () => {
    const fields = fieldsOf(object({ reasons: REASONS, noCrimeFound: { type: 'boolean' } }, ['reasons', 'noCrimeFound']))
    expect(collectFields(fields, { reasons: '  证据不足，不构成犯罪  ', noCrimeFound: false }, {})).toEqual({ reasons: '证据不足，不构成犯罪', noCrimeFound: false })
  })

  it('leaves out empty optional fields and an optional box at its default, and keeps a box unticked from a true default', () => {
    const fields = fieldsOf(object({ note: text(), noTestingRequired: { type: 'boolean' }, copyToProcuratorate: { type: 'boolean', default: true } }))
    expect(collectFields(fields, { note: '', noTestingRequired: false, copyToProcuratorate: true }, {})).toEqual({})
    expect(collectFields(fields, { note: '', noTestingRequired: true, copyToProcuratorate: false }, {})).toEqual({ noTestingRequired: true, copyToProcuratorate: false })
  })

  it('sends enum and item numbers typed as the schema has them, and the only lawful value unasked', () => {
    const fields = fieldsOf(object({ days: { type: 'integer', enum: [30] }, ground: { type: 'integer', minimum: 1, maximum: 5 }, article: { type: 'string', enum: ['358', '355'] } }, ['days', 'ground', 'article']))
    expect(collectFields(fields, { ground: '5', article: '355' }, {})).toEqual({ days: 30, ground: 5, article: '355' })
  })

  it('sends lines and ticked choices as arrays, numbers as numbers, China time as an instant', () => {
    const fields = fieldsOf(object({
      items: { type: 'array', items: text(300), minItems: 1 },
      penalties: { type: 'array', items: { type: 'string', enum: ['warning', 'fine', 'confiscation'] } },
      fineAmount: { type: 'number', minimum: 0 },
      hearingAt: { type: 'string', format: 'date-time' },
    }, ['items']))
    const payload = collectFields(fields, { items: '身份证明\n\n  授权委托书 ', penalties: ['confiscation', 'fine'], fineAmount: '120000.5', hearingAt: '2026-03-10T09:30' }, {})
    expect(payload).toEqual({ items: ['身份证明', '授权委托书'], penalties: ['fine', 'confiscation'], fineAmount: 120000.5, hearingAt: '2026-03-10T01:30:00.000Z' })
  })

  it('nests objects, drops an optional one left blank, and drops blank rows of a list', () => {
    const fields = fieldsOf(object({
      list: { type: 'boolean' },
      upperLevelApproval: object({ authority: text(200), reference: text(100) }, ['authority', 'reference']),
      officers: { type: 'array', minItems: 1, items: object({ userId: text(100), name: text(100) }, ['userId', 'name']) },
    }, ['list']))
    const values = { list: true, '#officers': 3, 'officers.0.userId': 'msa-620400.officer1', 'officers.0.name': '承办人甲', 'officers.2.userId': 'msa-620400.officer2', 'officers.2.name': '承办人乙' }
    expect(collectFields(fields, values, {})).toEqual({
      list: true,
      officers: [{ userId: 'msa-620400.officer1', name: '承办人甲' }, { userId: 'msa-620400.officer2', name: '承办人乙' }],
    })
    expect(collectFields(fields, { ...values, 'upperLevelApproval.authority': '甘肃省市场监督管理局', 'upperLevelApproval.reference': '甘市监函〔2026〕3号' }, {}).upperLevelApproval)
      .toEqual({ authority: '甘肃省市场监督管理局', reference: '甘市监函〔2026〕3号' })
  })

  it('drops an optional object that holds only its constants, and sends it once a real field is filled', () => {
    // judicial-confirmation's optional `request`: `mediationRequested` is a fixed true.
    const fields = fieldsOf(object({
      mode: { type: 'string', enum: ['people', 'bureau'] },
      request: object({ mediationRequested: { const: true }, text: text(2000) }, ['mediationRequested', 'text']),
    }, ['mode']))
    expect(collectFields(fields, { mode: 'people' }, {})).toEqual({ mode: 'people' })
    expect(collectFields(fields, { mode: 'people', 'request.text': '请求调解' }, {}).request).toEqual({ mediationRequested: true, text: '请求调解' })
  })

  it('cites the stored documents chosen for document fields, with their kinds', () => {
    const fields = fieldsOf(object({
      documents: { type: 'array', minItems: 1, items: object({ kind: { type: 'string', enum: ['transferLetter', 'itemList'] }, name: text(300), sha256: SHA256 }, ['kind', 'name', 'sha256']) },
      report: DOCUMENT,
    }, ['documents']))
    const a = 'a'.repeat(64)
    const b = 'b'.repeat(64)
    const payload = collectFields(fields, {}, { documents: [{ kind: 'transferLetter', name: '移送书.pdf', sha256: a }, { kind: 'itemList', name: '清单.pdf', sha256: b }], report: [{ name: '报告.pdf', sha256: a, kind: 'report' }] })
    expect(payload).toEqual({ documents: [{ kind: 'transferLetter', name: '移送书.pdf', sha256: a }, { kind: 'itemList', name: '清单.pdf', sha256: b }], report: { name: '报告.pdf', sha256: a } })
  })

  it('builds the chosen variant of a oneOf', () => {
    const [field] = fieldsOf(object({ ground: { oneOf: [object({ article: { const: '355' }, item: { type: 'integer', minimum: 1, maximum: 5 } }, ['article', 'item']), object({ article: { const: '358' }, item: { type: 'integer', minimum: 1, maximum: 6 } }, ['article', 'item'])] } }, ['ground']))
    expect(field!.kind).toBe('variants')
    expect(variantFields(field as Extract<Field, { kind: 'variants' }>, 1).map((f) => f.path)).toEqual(['ground.article', 'ground.item'])
    expect(collectFields([field!], { '?ground': 1, 'ground.item': '6' }, {})).toEqual({ ground: { article: '358', item: 6 } })
  })
})

describe(check.name, () => {
  const fields = fieldsOf(object({
    reasons: REASONS,
    form: { type: 'string', enum: ['written', 'oral'] },
    upperLevelApproval: object({ authority: text(200), approvedAt: { type: 'string', format: 'date' } }, ['authority', 'approvedAt']),
    report: DOCUMENT,
    days: { type: 'integer', enum: [10] },
  }, ['reasons', 'form', 'report', 'days']))

  it('names every required field left empty, a document not chosen, and stated reasons too short', () => {
    expect(Object.keys(check(fields, {}, {})).sort()).toEqual(['form', 'reasons', 'report'])
    expect(check(fields, { reasons: '不足', form: 'oral' }, { report: 1 })).toEqual({ reasons: { zh: '至少 4 个字', en: 'At least 4 characters' } })
  })

  it('checks an optional object only once something in it is filled', () => {
    const base = { reasons: '理由充分具体', form: 'written' }
    expect(check(fields, base, { report: 1 })).toEqual({})
    expect(Object.keys(check(fields, { ...base, 'upperLevelApproval.authority': '省局' }, { report: 1 }))).toEqual(['upperLevelApproval.approvedAt'])
  })

  it('refuses a number outside its range and a fraction where a whole number is due', () => {
    const numbers = fieldsOf(object({ statementDays: { type: 'integer', minimum: 1, maximum: 30 }, amount: { type: 'number', minimum: 0 }, count: { type: 'integer' } }))
    expect(check(numbers, { amount: '-1', count: '1.5' }, {})).toEqual({
      amount: { zh: '不得小于 0', en: 'At least 0' },
      count: { zh: '请输入整数', en: 'Enter a whole number' },
    })
  })
})

describe('times and paths', () => {
  it('reads a typed date-time as China time', () => {
    expect(chinaLocalToIso('2026-10-01T00:00')).toBe('2026-09-30T16:00:00.000Z')
    expect(chinaLocalToIso('2026-10-01')).toBeNull()
  })

  it('maps the API field pointers onto form paths', () => {
    expect(pathOfPointer('/body/payload/agreement/text')).toBe('agreement.text')
    expect(pathOfPointer('/body/payload/officers/1/name')).toBe('officers.1.name')
    expect(pathOfPointer('/reasons')).toBe('reasons')
  })
})
