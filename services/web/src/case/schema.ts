// JSON Schema → form model, and form values → payload. Pure (no DOM) so the rules that decide
// what a command form asks for, and what it sends, can be read and tested on their own.
//
// Values live in one flat map keyed by dot paths (`agreement.text`, `officers.1.name`); a
// list's length is kept under `#<path>`, a oneOf's chosen variant under `?<path>`.

export type JSONSchema = Record<string, unknown>

/** A reference to a stored document as payloads carry it: `{ name, sha256 }` (kind optional). */
export interface DocumentRef {
  name: string
  sha256: string
  kind?: string
}

export type Field =
  | { kind: 'text'; path: string; name: string; schema: JSONSchema; required: boolean; multiline: boolean }
  | { kind: 'number'; path: string; name: string; schema: JSONSchema; required: boolean; integer: boolean }
  | { kind: 'date' | 'datetime'; path: string; name: string; schema: JSONSchema; required: boolean }
  | { kind: 'select'; path: string; name: string; schema: JSONSchema; required: boolean; options: Array<string | number | boolean> }
  | { kind: 'checkbox'; path: string; name: string; schema: JSONSchema; required: boolean }
  | { kind: 'lines'; path: string; name: string; schema: JSONSchema; required: boolean }
  | { kind: 'multi'; path: string; name: string; schema: JSONSchema; required: boolean; options: Array<string | number> }
  | { kind: 'object'; path: string; name: string; schema: JSONSchema; required: boolean; fields: Field[] }
  | { kind: 'list'; path: string; name: string; schema: JSONSchema; required: boolean; item: JSONSchema }
  | { kind: 'variants'; path: string; name: string; schema: JSONSchema; required: boolean; variants: JSONSchema[] }
  | { kind: 'document'; path: string; name: string; schema: JSONSchema; required: boolean }
  | { kind: 'documents'; path: string; name: string; schema: JSONSchema; required: boolean; kinds: string[] | null }
  | { kind: 'const'; path: string; name: string; schema: JSONSchema; required: boolean; value: unknown }

export type Values = Record<string, unknown>

/** Names whose text is long even when the schema allows little (reasons, records, statements). */
const LONG_TEXT = /^(reasons?|reasoning|statement|record|summary|text|note|notes|commitment|opinion|facts|declaration|how)$/i

const isObject = (v: unknown): v is JSONSchema => typeof v === 'object' && v !== null && !Array.isArray(v)
const propsOf = (schema: JSONSchema): Record<string, JSONSchema> => (isObject(schema['properties']) ? (schema['properties'] as Record<string, JSONSchema>) : {})
const requiredOf = (schema: JSONSchema): string[] => (Array.isArray(schema['required']) ? (schema['required'] as string[]) : [])
const typeOf = (schema: JSONSchema): string | undefined => {
  const t = schema['type']
  if (Array.isArray(t)) return t.find((x) => x !== 'null') as string | undefined
  return typeof t === 'string' ? t : undefined
}

/** An object that only names a stored file: `{ name, sha256 }`, perhaps with its `kind`. */
function isDocumentRef(schema: JSONSchema): boolean {
  if (typeOf(schema) !== 'object') return false
  const keys = Object.keys(propsOf(schema))
  return keys.includes('sha256') && keys.includes('name') && keys.every((k) => k === 'sha256' || k === 'name' || k === 'kind')
}

/**
 * Fields the engine fills in itself: `agencies` (an object schema with no properties,
 * CommandSpec.assigns) and `caseNumber` (a bare string, CommandSpec.number).
 */
function filledByEngine(name: string, schema: JSONSchema): boolean {
  if (typeOf(schema) === 'object' && schema['properties'] === undefined && schema['oneOf'] === undefined && schema['anyOf'] === undefined) return true
  return name === 'caseNumber' && typeOf(schema) === 'string' && schema['minLength'] === undefined && schema['enum'] === undefined
}

/** The fields of an object schema, in the schema's order. */
export function fieldsOf(schema: JSONSchema, prefix = ''): Field[] {
  const required = new Set(requiredOf(schema))
  const out: Field[] = []
  for (const [name, prop] of Object.entries(propsOf(schema))) {
    if (!isObject(prop)) continue
    const path = prefix === '' ? name : `${prefix}.${name}`
    const field = describe(name, path, prop, required.has(name))
    if (field) out.push(field)
  }
  return out
}

/** One property's field, or null when the form has nothing to ask (filled by the engine). */
function describe(name: string, path: string, schema: JSONSchema, required: boolean): Field | null {
  if (schema['const'] !== undefined) return { kind: 'const', path, name, schema, required, value: schema['const'] }
  const variants = (schema['oneOf'] ?? schema['anyOf']) as JSONSchema[] | undefined
  if (Array.isArray(variants) && variants.every(isObject) && variants.some((v) => typeOf(v) === 'object' || v['properties'] !== undefined)) {
    return { kind: 'variants', path, name, schema, required, variants }
  }
  if (filledByEngine(name, schema)) return null
  const type = typeOf(schema)
  const enumValues = Array.isArray(schema['enum']) ? (schema['enum'] as Array<string | number | boolean>) : null
  if (enumValues) return { kind: 'select', path, name, schema, required, options: enumValues }
  switch (type) {
    case 'string': {
      if (schema['format'] === 'date') return { kind: 'date', path, name, schema, required }
      if (schema['format'] === 'date-time') return { kind: 'datetime', path, name, schema, required }
      const long = typeof schema['maxLength'] === 'number' && schema['maxLength'] > 200
      return { kind: 'text', path, name, schema, required, multiline: long || LONG_TEXT.test(name) }
    }
    case 'integer':
    case 'number': {
      // A short closed range (a statutory item number) reads better as a choice.
      const min = schema['minimum']
      const max = schema['maximum']
      if (type === 'integer' && typeof min === 'number' && typeof max === 'number' && max - min < 12) {
        const options: number[] = []
        for (let v = min; v <= max; v++) options.push(v)
        return { kind: 'select', path, name, schema, required, options }
      }
      return { kind: 'number', path, name, schema, required, integer: type === 'integer' }
    }
    case 'boolean':
      return { kind: 'checkbox', path, name, schema, required }
    case 'array': {
      const item = isObject(schema['items']) ? (schema['items'] as JSONSchema) : {}
      if (isDocumentRef(item)) {
        const kindSchema = propsOf(item)['kind']
        const kinds = kindSchema && Array.isArray(kindSchema['enum']) ? (kindSchema['enum'] as string[]) : null
        return { kind: 'documents', path, name, schema, required, kinds }
      }
      if (Array.isArray(item['enum'])) return { kind: 'multi', path, name, schema, required, options: item['enum'] as Array<string | number> }
      if (typeOf(item) === 'object') return { kind: 'list', path, name, schema, required, item }
      return { kind: 'lines', path, name, schema, required }
    }
    case 'object':
      if (isDocumentRef(schema)) return { kind: 'document', path, name, schema, required }
      return { kind: 'object', path, name, schema, required, fields: fieldsOf(schema, path) }
    default:
      return { kind: 'text', path, name, schema, required, multiline: LONG_TEXT.test(name) }
  }
}

/** A variant's fields: its own properties, or (a variant that only lists `required`) the parent's. */
export function variantFields(field: Extract<Field, { kind: 'variants' }>, index: number): Field[] {
  const variant = field.variants[index] ?? {}
  const own = propsOf(variant)
  const base = propsOf(field.schema)
  const merged: JSONSchema = {
    type: 'object',
    properties: { ...base, ...own },
    required: [...new Set([...requiredOf(field.schema), ...requiredOf(variant)])],
  }
  // A variant without properties of its own picks which of the parent's are asked for.
  if (Object.keys(own).length === 0 && requiredOf(variant).length > 0) {
    merged['properties'] = Object.fromEntries(Object.entries(base).filter(([k]) => requiredOf(variant).includes(k)))
  }
  return fieldsOf(merged, field.path)
}

/** The length of a list field as the form holds it (at least minItems, at least one). */
export function listLength(field: Extract<Field, { kind: 'list' }>, values: Values): number {
  const stored = values[`#${field.path}`]
  if (typeof stored === 'number') return stored
  const min = typeof field.schema['minItems'] === 'number' ? field.schema['minItems'] : 0
  return Math.max(min, 1)
}

export function listItemFields(field: Extract<Field, { kind: 'list' }>, index: number): Field[] {
  return fieldsOf(field.item, `${field.path}.${index}`)
}

export function chosenVariant(field: Extract<Field, { kind: 'variants' }>, values: Values): number {
  const stored = values[`?${field.path}`]
  return typeof stored === 'number' ? stored : 0
}

/** Initial values from the schemas' defaults. */
export function initialValues(fields: Field[], values: Values = {}): Values {
  for (const field of fields) {
    const def = field.schema['default']
    if (field.kind === 'object') initialValues(field.fields, values)
    else if (field.kind === 'checkbox') values[field.path] = def === true
    else if (def !== undefined && (typeof def === 'string' || typeof def === 'number')) values[field.path] = String(def)
  }
  return values
}

/** Files chosen for document fields, resolved (stored, hashed) before the payload is built. */
export type ResolvedDocuments = Record<string, DocumentRef[]>

/** A date-time typed as China time (the agencies' zone) → an ISO instant. */
export function chinaLocalToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null
  const withSeconds = local.length === 16 ? `${local}:00` : local
  const d = new Date(`${withSeconds}+08:00`)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

/** A schema pattern the browser cannot compile is left to the API to check. */
function matches(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text)
  } catch {
    return true
  }
}

const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)

/** Builds the value of one field; undefined means "leave it out of the payload". */
function valueOf(field: Field, values: Values, docs: ResolvedDocuments): unknown {
  const raw = values[field.path]
  switch (field.kind) {
    case 'const':
      return field.value
    case 'text':
      return blank(raw) ? undefined : String(raw).trim()
    case 'number':
      return blank(raw) ? undefined : Number(String(raw).trim())
    case 'date':
      return blank(raw) ? undefined : String(raw)
    case 'datetime':
      return blank(raw) ? undefined : (chinaLocalToIso(String(raw)) ?? String(raw))
    case 'select': {
      // A required choice with one lawful value (a 30-day extension) needs no choosing.
      if (blank(raw)) return field.required && field.options.length === 1 ? field.options[0] : undefined
      return field.options.find((o) => String(o) === String(raw)) ?? String(raw)
    }
    case 'checkbox': {
      const checked = raw === true
      // An optional box left as its default says nothing the engine does not assume.
      if (!field.required && checked === (field.schema['default'] === true)) return undefined
      return checked
    }
    case 'lines': {
      const lines = String(raw ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '')
      return lines.length === 0 ? (field.required ? [] : undefined) : lines
    }
    case 'multi': {
      const picked = Array.isArray(raw) ? (raw as string[]) : []
      const typed = field.options.filter((o) => picked.includes(String(o)))
      return typed.length === 0 ? (field.required ? [] : undefined) : typed
    }
    case 'object': {
      const obj = collectFields(field.fields, values, docs)
      return !field.required && !saysSomething(field.fields, obj) ? undefined : obj
    }
    case 'variants': {
      const fields = variantFields(field, chosenVariant(field, values))
      const obj = collectFields(fields, values, docs)
      return !field.required && !saysSomething(fields, obj) ? undefined : obj
    }
    case 'list': {
      const items: unknown[] = []
      for (let i = 0; i < listLength(field, values); i++) {
        const item = collectFields(listItemFields(field, i), values, docs)
        if (Object.keys(item).length > 0) items.push(item)
      }
      return items.length === 0 ? (field.required ? [] : undefined) : items
    }
    case 'document': {
      const ref = docs[field.path]?.[0]
      return ref ? { name: ref.name, sha256: ref.sha256 } : undefined
    }
    case 'documents': {
      const refs = docs[field.path] ?? []
      const withKind = field.kinds !== null
      const items = refs.map((r) => (withKind ? { kind: r.kind, name: r.name, sha256: r.sha256 } : { name: r.name, sha256: r.sha256 }))
      return items.length === 0 ? (field.required ? [] : undefined) : items
    }
  }
}

/**
 * Whether an object holds anything the person gave: its constants alone (a fixed
 * `mediationRequested: true`) say nothing, so an optional object of only those stays out.
 */
function saysSomething(fields: Field[], obj: Record<string, unknown>): boolean {
  return fields.some((f) => f.kind !== 'const' && obj[f.name] !== undefined)
}

export function collectFields(fields: Field[], values: Values, docs: ResolvedDocuments): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const field of fields) {
    const value = valueOf(field, values, docs)
    if (value !== undefined) out[field.name] = value
  }
  return out
}

/** What is wrong with a field, as bilingual text, keyed by path. */
export type Problems = Record<string, { zh: string; en: string }>

/** A required file not chosen. */
export const CHOOSE_A_FILE = { zh: '请选择文件', en: 'Choose a file' }

/** Whether the person typed or chose anything inside these fields (an optional object stays out if not). */
function touched(fields: Field[], values: Values, docs: ResolvedDocuments, pending: Record<string, number>): boolean {
  return fields.some((f) => {
    if (f.kind === 'object') return touched(f.fields, values, docs, pending)
    if (f.kind === 'variants') return touched(variantFields(f, chosenVariant(f, values)), values, docs, pending)
    if (f.kind === 'list') return Array.from({ length: listLength(f, values) }, (_, i) => touched(listItemFields(f, i), values, docs, pending)).some(Boolean)
    if (f.kind === 'document' || f.kind === 'documents') return (pending[f.path] ?? 0) > 0
    if (f.kind === 'checkbox' || f.kind === 'const') return false
    return !blank(values[f.path])
  })
}

/**
 * The client-side checks: required fields, lengths, ranges and date forms. `pending` counts
 * the files or stored documents chosen for each document field (not yet resolved).
 */
export function check(fields: Field[], values: Values, pending: Record<string, number>, problems: Problems = {}): Problems {
  for (const field of fields) {
    const raw = values[field.path]
    const missing = { zh: '此项为必填', en: 'This field is required' }
    switch (field.kind) {
      case 'text': {
        if (blank(raw)) {
          if (field.required) problems[field.path] = missing
          break
        }
        const text = String(raw).trim()
        const min = field.schema['minLength']
        const max = field.schema['maxLength']
        if (typeof min === 'number' && [...text].length < min) problems[field.path] = { zh: `至少 ${min} 个字`, en: `At least ${min} characters` }
        else if (typeof max === 'number' && [...text].length > max) problems[field.path] = { zh: `最多 ${max} 个字`, en: `At most ${max} characters` }
        else if (typeof field.schema['pattern'] === 'string' && !matches(field.schema['pattern'], text)) {
          problems[field.path] = { zh: '格式不正确', en: 'Wrong format' }
        }
        break
      }
      case 'number': {
        if (blank(raw)) {
          if (field.required) problems[field.path] = missing
          break
        }
        const n = Number(String(raw).trim())
        const min = field.schema['minimum']
        const max = field.schema['maximum']
        if (!Number.isFinite(n)) problems[field.path] = { zh: '请输入数字', en: 'Enter a number' }
        else if (field.integer && !Number.isInteger(n)) problems[field.path] = { zh: '请输入整数', en: 'Enter a whole number' }
        else if (typeof min === 'number' && n < min) problems[field.path] = { zh: `不得小于 ${min}`, en: `At least ${min}` }
        else if (typeof max === 'number' && n > max) problems[field.path] = { zh: `不得大于 ${max}`, en: `At most ${max}` }
        break
      }
      case 'date':
        if (blank(raw)) {
          if (field.required) problems[field.path] = missing
        } else if (!/^\d{4}-\d{2}-\d{2}$/.test(String(raw))) problems[field.path] = { zh: '日期格式应为 年-月-日', en: 'Use YYYY-MM-DD' }
        break
      case 'datetime':
        if (blank(raw)) {
          if (field.required) problems[field.path] = missing
        } else if (chinaLocalToIso(String(raw)) === null) problems[field.path] = { zh: '请填写日期和时间', en: 'Enter a date and time' }
        break
      case 'select':
        if (blank(raw) && field.required && field.options.length !== 1) problems[field.path] = missing
        break
      case 'lines':
      case 'multi': {
        const count = field.kind === 'lines'
          ? String(raw ?? '').split('\n').filter((l) => l.trim() !== '').length
          : (Array.isArray(raw) ? raw.length : 0)
        const min = typeof field.schema['minItems'] === 'number' ? field.schema['minItems'] : 0
        const max = field.schema['maxItems']
        if (field.required && count < Math.max(min, 1) && min > 0) problems[field.path] = missing
        else if (count > 0 && count < min) problems[field.path] = { zh: `至少 ${min} 项`, en: `At least ${min} items` }
        else if (typeof max === 'number' && count > max) problems[field.path] = { zh: `最多 ${max} 项`, en: `At most ${max} items` }
        break
      }
      case 'object':
        if (field.required || touched(field.fields, values, {}, pending)) check(field.fields, values, pending, problems)
        break
      case 'variants': {
        const fields = variantFields(field, chosenVariant(field, values))
        if (field.required || touched(fields, values, {}, pending)) check(fields, values, pending, problems)
        break
      }
      case 'list': {
        const min = typeof field.schema['minItems'] === 'number' ? field.schema['minItems'] : 0
        let filled = 0
        for (let i = 0; i < listLength(field, values); i++) {
          const item = listItemFields(field, i)
          // Blank rows are dropped; the first rows are checked when the list must not be empty.
          if (touched(item, values, {}, pending) || (field.required && i < Math.max(min, 1) && min > 0)) {
            filled++
            check(item, values, pending, problems)
          }
        }
        if (filled < min) problems[field.path] = { zh: `至少 ${min} 项`, en: `At least ${min} items` }
        break
      }
      case 'document':
        if (field.required && (pending[field.path] ?? 0) === 0) problems[field.path] = CHOOSE_A_FILE
        break
      case 'documents': {
        const min = typeof field.schema['minItems'] === 'number' ? field.schema['minItems'] : 0
        if ((pending[field.path] ?? 0) < min) problems[field.path] = { zh: min > 1 ? `至少 ${min} 份文件` : '请选择文件', en: min > 1 ? `At least ${min} files` : 'Choose a file' }
        break
      }
      case 'checkbox':
      case 'const':
        break
    }
  }
  return problems
}

/** `/body/payload/agreement/text` (the API's field paths) → `agreement.text`. */
export function pathOfPointer(pointer: string): string {
  return pointer.replace(/^\/body/, '').replace(/^\/payload/, '').replace(/^\//, '').split('/').filter((s) => s !== '').join('.')
}
