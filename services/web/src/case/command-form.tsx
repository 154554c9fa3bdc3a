// A form generated from a command's (or a procedure's open) payload JSON Schema: the fields the
// law asks for and nothing else, labelled in Chinese first, checked for what is required before
// it is sent, and showing the rule and article when the API refuses it.
import './case.css'
import type { ComponentChildren } from 'preact'
import { useMemo, useRef, useState } from 'preact/hooks'
import { ApiError } from '../api.ts'
import { ProblemMessage } from '../components/problem.tsx'
import { useT } from '../i18n.ts'
import type { Bilingual } from '../types.ts'
import { DOCUMENT_KINDS, FIELD_HINTS, fieldLabel, valueApplies, valueLabel } from './labels.ts'
import {
  check,
  CHOOSE_A_FILE,
  chosenVariant,
  collectFields,
  fieldsOf,
  initialValues,
  listItemFields,
  listLength,
  pathOfPointer,
  variantFields,
  type DocumentRef,
  type Field,
  type JSONSchema,
  type Problems,
  type ResolvedDocuments,
  type Values,
} from './schema.ts'

/** A document stored with the case that a document field may point to instead of a new file. */
export interface StoredDocument {
  id: string
  kind: string
  name: string
  sha256: string
}

export interface ChecklistItem {
  kind: string
  title: Bilingual
  required: boolean
}

interface CommandFormProps {
  schema: JSONSchema
  title: string
  submitLabel: string
  /** Rejects with an ApiError (or any Error) to show why the action was refused. */
  onSubmit(payload: Record<string, unknown>, files: Array<{ kind: string; file: File }>): Promise<void>
  /** Documents the law requires with this action: one file input each. */
  documentChecklist?: ChecklistItem[]
  /** Prefix of the form's element ids (several forms on one page). @default 'form' */
  idPrefix?: string
  /** Heading level of the title. @default 2 */
  headingLevel?: 2 | 3
  /** Stores a chosen file and answers its reference; without it the file is hashed here. */
  resolveFile?: (file: File, kind: string) => Promise<DocumentRef>
  /** The case's stored documents, offered for document fields. */
  storedDocuments?: StoredDocument[]
  onCancel?: () => void
}

/** R310 art. 6: the documents a transfer must carry (the test report may be waived with reasons). */
const REQUIRED_DOCUMENT_KINDS = new Set(['transferLetter', 'investigationReport', 'itemList'])

const asBilingual = (v: unknown): Bilingual | null => {
  if (typeof v === 'string' && v.trim() !== '') return { zh: v, en: v }
  if (typeof v === 'object' && v !== null && typeof (v as Bilingual).zh === 'string') return v as Bilingual
  return null
}

/** SHA-256 of a file as lowercase hex (needs a secure context: https or localhost). */
async function sha256Hex(file: File): Promise<string> {
  if (!globalThis.crypto?.subtle) throw new Error('无法在本页面计算文件哈希（需要 HTTPS 连接） / cannot hash files here (needs HTTPS)')
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer())
  return [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('')
}

const hashLocally = async (file: File, kind: string): Promise<DocumentRef> => ({ name: file.name, sha256: await sha256Hex(file), kind })

interface Ctx {
  id: (path: string) => string
  values: Values
  set: (path: string, value: unknown) => void
  problems: Problems
  files: Record<string, File[]>
  setFiles: (key: string, files: File[]) => void
  picked: Record<string, string[]>
  setPicked: (key: string, ids: string[]) => void
  stored: StoredDocument[]
}

function useLabels() {
  const { t, tb, lang } = useT()
  /** The field's label: its schema title, a short description, the known name, else the name itself. */
  const label = (field: Field): string => {
    const title = asBilingual(field.schema['title'])
    if (title) return tb(title)
    const known = fieldLabel(field.name, field.path)
    const description = asBilingual(field.schema['description'])
    const short = description && description.zh.length <= 24 ? description : null
    if (lang === 'en') return tb(known) || (short ? tb(short) : '') || field.name
    return (short ? tb(short) : '') || tb(known) || field.name
  }
  /** The description shown under the field when it was not used as the label. */
  const hint = (field: Field): string | null => {
    const description = asBilingual(field.schema['description'])
    const known = FIELD_HINTS[field.name]
    const own = description && label(field) !== tb(description) ? tb(description) : null
    return [own, known ? tb(known) : null].filter(Boolean).join(' · ') || null
  }
  /** The line under a control that Simple wraps: the hint, and how to type a date-time or a list. */
  const hintLine = (field: Field): string | null => {
    const typing = field.kind === 'datetime' ? t('北京时间', 'China time') : field.kind === 'lines' ? t('每行一项', 'One per line') : null
    return [hint(field), typing].filter(Boolean).join(' · ') || null
  }
  const option = (field: Field, value: string | number | boolean, siblings: Record<string, unknown>): string => {
    if (typeof value === 'boolean') return value ? t('是', 'Yes') : t('否', 'No')
    const known = valueLabel(field.path, value, siblings)
    return known ? tb(known) : String(value)
  }
  return { t, tb, lang, label, hint, hintLine, option }
}

function Required() {
  const { t } = useT()
  return <span class="required">{t('（必填）', ' (required)')}</span>
}

function FieldError({ ctx, path }: { ctx: Ctx; path: string }) {
  const { tb } = useT()
  const problem = ctx.problems[path]
  return problem ? <p class="field-error" id={`${ctx.id(path)}-error`}>{tb(problem)}</p> : null
}

/** aria-describedby of a field: its hint and its error. */
const describedBy = (ctx: Ctx, path: string, hasHint: boolean): string | undefined => {
  const ids = [hasHint ? `${ctx.id(path)}-hint` : null, ctx.problems[path] ? `${ctx.id(path)}-error` : null].filter(Boolean)
  return ids.length > 0 ? ids.join(' ') : undefined
}

/** The values of the object holding `path` (a ground's item reads its article). */
function siblingsOf(ctx: Ctx, path: string): Record<string, unknown> {
  const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.') + 1) : ''
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(ctx.values)) {
    if (key.startsWith(parent) && !key.slice(parent.length).includes('.')) out[key.slice(parent.length)] = value
  }
  return out
}

function Simple({ field, ctx, children }: { field: Field; ctx: Ctx; children: ComponentChildren }) {
  const { label, hintLine } = useLabels()
  const hintText = hintLine(field)
  return (
    <div class={`field field-${field.kind}`} data-field={field.path}>
      <label for={ctx.id(field.path)}>{label(field)}{field.required ? <Required /> : null}</label>
      {hintText ? <p class="field-hint" id={`${ctx.id(field.path)}-hint`}>{hintText}</p> : null}
      {children}
      <FieldError ctx={ctx} path={field.path} />
    </div>
  )
}

function FieldView({ field, ctx }: { field: Field; ctx: Ctx }) {
  const { t, label, hint, hintLine, option } = useLabels()
  const id = ctx.id(field.path)
  const raw = ctx.values[field.path]
  const invalid = ctx.problems[field.path] ? true : undefined
  const text = (e: Event) => ctx.set(field.path, (e.currentTarget as HTMLInputElement).value)
  const common = { id, name: field.path, 'aria-invalid': invalid }
  // A control inside Simple: described by Simple's hint line, and required said to assistive technology.
  const control = { ...common, 'aria-describedby': describedBy(ctx, field.path, hintLine(field) !== null), 'aria-required': field.required || undefined }
  switch (field.kind) {
    case 'const':
      return null
    case 'text': {
      const max = typeof field.schema['maxLength'] === 'number' ? (field.schema['maxLength'] as number) : undefined
      const props = { ...control, value: (raw as string) ?? '', onInput: text, maxLength: max }
      return <Simple field={field} ctx={ctx}>{field.multiline ? <textarea rows={4} {...props} /> : <input type="text" {...props} />}</Simple>
    }
    case 'number':
      return (
        <Simple field={field} ctx={ctx}>
          <input
            type="number"
            inputMode={field.integer ? 'numeric' : 'decimal'}
            step={field.integer ? 1 : 'any'}
            min={field.schema['minimum'] as number | undefined}
            max={field.schema['maximum'] as number | undefined}
            {...control}
            value={(raw as string) ?? ''}
            onInput={text}
          />
        </Simple>
      )
    case 'date':
    case 'datetime':
      return (
        <Simple field={field} ctx={ctx}>
          <input
            type={field.kind === 'date' ? 'date' : 'datetime-local'}
            {...control}
            value={(raw as string) ?? ''}
            onInput={text}
            onChange={text}
          />
        </Simple>
      )
    case 'select': {
      const only = field.required && field.options.length === 1
      const value = (raw as string | undefined) ?? (only ? String(field.options[0]) : '')
      const siblings = siblingsOf(ctx, field.path)
      return (
        <Simple field={field} ctx={ctx}>
          <select {...control} value={value} onChange={text}>
            <option value="">{t('请选择…', 'Choose…')}</option>
            {field.options
              .filter((o) => valueApplies(field.path, o, siblings))
              .map((o) => <option key={String(o)} value={String(o)}>{option(field, o, siblings)}</option>)}
          </select>
        </Simple>
      )
    }
    case 'checkbox': {
      const help = hint(field)
      return (
        <div class="field field-checkbox" data-field={field.path}>
          <input
            type="checkbox"
            {...common}
            checked={raw === true}
            onChange={(e) => ctx.set(field.path, (e.currentTarget as HTMLInputElement).checked)}
            aria-describedby={describedBy(ctx, field.path, help !== null)}
          />
          <label for={id}>{label(field)}</label>
          {help ? <p class="field-hint" id={`${id}-hint`}>{help}</p> : null}
          <FieldError ctx={ctx} path={field.path} />
        </div>
      )
    }
    case 'lines':
      return (
        <Simple field={field} ctx={ctx}>
          <textarea rows={4} {...control} value={(raw as string) ?? ''} onInput={text} />
        </Simple>
      )
    case 'multi': {
      const picked = Array.isArray(raw) ? (raw as string[]) : []
      const toggle = (value: string, on: boolean) => ctx.set(field.path, on ? [...picked, value] : picked.filter((v) => v !== value))
      return (
        <fieldset class="field field-multi" data-field={field.path} id={id} aria-invalid={invalid} aria-describedby={describedBy(ctx, field.path, hint(field) !== null)}>
          <legend>{label(field)}{field.required ? <Required /> : null}</legend>
          {hint(field) ? <p class="field-hint" id={`${id}-hint`}>{hint(field)}</p> : null}
          {field.options.map((o, i) => (
            <div class="choice" key={String(o)}>
              <input type="checkbox" id={`${id}-${i}`} checked={picked.includes(String(o))} onChange={(e) => toggle(String(o), (e.currentTarget as HTMLInputElement).checked)} />
              <label for={`${id}-${i}`}>{option(field, o, {})}</label>
            </div>
          ))}
          <FieldError ctx={ctx} path={field.path} />
        </fieldset>
      )
    }
    case 'object':
      return (
        <fieldset class="field field-object" data-field={field.path} id={id}>
          <legend>{label(field)}{field.required ? <Required /> : <span class="optional">{t('（选填）', ' (optional)')}</span>}</legend>
          {hint(field) ? <p class="field-hint">{hint(field)}</p> : null}
          {field.fields.map((f) => <FieldView key={f.path} field={f} ctx={ctx} />)}
        </fieldset>
      )
    case 'variants':
      return <VariantsView field={field} ctx={ctx} />
    case 'list':
      return <ListView field={field} ctx={ctx} />
    case 'document':
      return <DocumentsView field={field} ctx={ctx} multiple={false} kinds={null} />
    case 'documents':
      return <DocumentsView field={field} ctx={ctx} multiple kinds={field.kinds} />
  }
}

function VariantsView({ field, ctx }: { field: Extract<Field, { kind: 'variants' }>; ctx: Ctx }) {
  const { t, tb, label } = useLabels()
  const chosen = chosenVariant(field, ctx.values)
  const id = ctx.id(field.path)
  const variantLabel = (v: JSONSchema, i: number): string => {
    const own = asBilingual(v['title']) ?? asBilingual(v['description'])
    if (own) return tb(own)
    const keys = Array.isArray(v['required']) ? (v['required'] as string[]) : Object.keys((v['properties'] as object | undefined) ?? {})
    const named = keys.map((k) => tb(fieldLabel(k)) || k).join(t('、', ', '))
    return named || t(`方式 ${i + 1}`, `Option ${i + 1}`)
  }
  return (
    <fieldset class="field field-variants" data-field={field.path} id={id}>
      <legend>{label(field)}{field.required ? <Required /> : null}</legend>
      <div class="choices" role="radiogroup" aria-label={label(field)}>
        {field.variants.map((v, i) => (
          <div class="choice" key={i}>
            <input type="radio" name={`${id}-variant`} id={`${id}-variant-${i}`} checked={chosen === i} onChange={() => ctx.set(`?${field.path}`, i)} />
            <label for={`${id}-variant-${i}`}>{variantLabel(v, i)}</label>
          </div>
        ))}
      </div>
      {variantFields(field, chosen).map((f) => <FieldView key={`${chosen}-${f.path}`} field={f} ctx={ctx} />)}
    </fieldset>
  )
}

function ListView({ field, ctx }: { field: Extract<Field, { kind: 'list' }>; ctx: Ctx }) {
  const { t, label } = useLabels()
  const count = listLength(field, ctx.values)
  const min = typeof field.schema['minItems'] === 'number' ? (field.schema['minItems'] as number) : 0
  const max = typeof field.schema['maxItems'] === 'number' ? (field.schema['maxItems'] as number) : Infinity
  const remove = (index: number) => {
    // Shift the later items' values up one place, then shorten the list.
    const prefix = `${field.path}.`
    for (let i = index; i < count - 1; i++) {
      for (const key of Object.keys(ctx.values)) {
        if (key.startsWith(`${prefix}${i + 1}.`)) ctx.set(`${prefix}${i}.${key.slice(`${prefix}${i + 1}.`.length)}`, ctx.values[key])
      }
    }
    for (const key of Object.keys(ctx.values)) if (key.startsWith(`${prefix}${count - 1}.`)) ctx.set(key, undefined)
    ctx.set(`#${field.path}`, count - 1)
  }
  return (
    <fieldset class="field field-list" data-field={field.path} id={ctx.id(field.path)}>
      <legend>{label(field)}{field.required ? <Required /> : null}</legend>
      {Array.from({ length: count }, (_, i) => (
        <fieldset class="list-item" key={i} id={ctx.id(`${field.path}.${i}`)}>
          <legend>{t(`第 ${i + 1} 项`, `Item ${i + 1}`)}</legend>
          {listItemFields(field, i).map((f) => <FieldView key={f.path} field={f} ctx={ctx} />)}
          {count > Math.max(min, 1)
            ? <button type="button" class="secondary" onClick={() => remove(i)}>{t(`删除第 ${i + 1} 项`, `Remove item ${i + 1}`)}</button>
            : null}
        </fieldset>
      ))}
      {count < max
        ? (
            <button
              type="button"
              class="secondary"
              onClick={() => {
                ctx.set(`#${field.path}`, count + 1)
                // Keyboard users continue in the new item's first field.
                setTimeout(() => document.getElementById(ctx.id(`${field.path}.${count}`))?.querySelector<HTMLElement>('input, select, textarea')?.focus(), 0)
              }}
            >
              {t('添加一项', 'Add an item')}
            </button>
          )
        : null}
      <FieldError ctx={ctx} path={field.path} />
    </fieldset>
  )
}

/** A file input (and a choice of the case's stored documents) per document field, or per kind. */
function DocumentsView({ field, ctx, multiple, kinds }: { field: Field; ctx: Ctx; multiple: boolean; kinds: string[] | null }) {
  const { t, tb, label, hint } = useLabels()
  const id = ctx.id(field.path)
  const rows = kinds ?? [null]
  const help = hint(field)
  return (
    <fieldset class="field field-documents" data-field={field.path} id={id} aria-describedby={describedBy(ctx, field.path, help !== null)}>
      <legend>{label(field)}{field.required ? <Required /> : null}</legend>
      {help ? <p class="field-hint" id={`${id}-hint`}>{help}</p> : null}
      {rows.map((kind) => {
        const key = kind === null ? field.path : `${field.path}#${kind}`
        const rowId = kind === null ? `${id}-file` : `${id}-${kind}`
        const stored = ctx.stored.filter((d) => kind === null || d.kind === kind)
        const chosen = ctx.files[key] ?? []
        const picked = ctx.picked[key] ?? []
        const title = kind === null ? t('上传文件', 'Upload a file') : (tb(DOCUMENT_KINDS[kind]) || kind)
        return (
          <div class="document-row" key={key} data-kind={kind ?? undefined}>
            <label for={rowId}>
              {title}
              {kind !== null && REQUIRED_DOCUMENT_KINDS.has(kind) ? <Required /> : null}
              {kind === 'testReport' ? <span class="field-hint-inline">{t('（无需检验、鉴定的，勾选并说明理由）', ' (if none was needed, say why)')}</span> : null}
            </label>
            <input
              type="file"
              id={rowId}
              multiple={multiple}
              aria-invalid={ctx.problems[key] ? true : undefined}
              aria-describedby={ctx.problems[key] ? `${ctx.id(key)}-error` : undefined}
              onChange={(e) => ctx.setFiles(key, [...((e.currentTarget as HTMLInputElement).files ?? [])])}
            />
            {chosen.length > 0 ? <p class="field-hint">{t('已选择：', 'Chosen: ')}{chosen.map((f) => f.name).join(t('、', ', '))}</p> : null}
            {stored.length > 0
              ? (
                  <div class="stored-documents">
                    <p class="field-hint">{t('或选择本案已有文书：', 'Or choose a stored document:')}</p>
                    {stored.map((d) => (
                      <div class="choice" key={d.id}>
                        <input
                          type={multiple ? 'checkbox' : 'radio'}
                          name={`${rowId}-stored`}
                          id={`${rowId}-stored-${d.id}`}
                          checked={picked.includes(d.id)}
                          onChange={(e) => {
                            const on = (e.currentTarget as HTMLInputElement).checked
                            ctx.setPicked(key, multiple ? (on ? [...picked, d.id] : picked.filter((x) => x !== d.id)) : on ? [d.id] : [])
                          }}
                        />
                        <label for={`${rowId}-stored-${d.id}`}>{d.name} <code class="hash">{d.sha256.slice(0, 12)}…</code></label>
                      </div>
                    ))}
                  </div>
                )
              : null}
            <FieldError ctx={ctx} path={key} />
          </div>
        )
      })}
      {kinds !== null ? <FieldError ctx={ctx} path={field.path} /> : null}
    </fieldset>
  )
}

/** Every document field of the form (nested ones included) with its path and kinds. */
function documentFields(fields: Field[], values: Values): Array<Extract<Field, { kind: 'document' | 'documents' }>> {
  return fields.flatMap((f) => {
    if (f.kind === 'document' || f.kind === 'documents') return [f]
    if (f.kind === 'object') return documentFields(f.fields, values)
    if (f.kind === 'variants') return documentFields(variantFields(f, chosenVariant(f, values)), values)
    if (f.kind === 'list') return Array.from({ length: listLength(f, values) }, (_, i) => documentFields(listItemFields(f, i), values)).flat()
    return []
  })
}

/** The first element to focus for a problem path (a field, or a document row). */
function focusProblem(form: HTMLFormElement | null, ids: string[]) {
  for (const id of ids) {
    const el = document.getElementById(id)
    if (!el || !form?.contains(el)) continue
    const target = el.matches('input, select, textarea, button') ? el : el.querySelector<HTMLElement>('input, select, textarea, button')
    ;(target ?? el).focus()
    return
  }
}

export function CommandForm(props: CommandFormProps) {
  const { t, tb } = useT()
  const prefix = props.idPrefix ?? 'form'
  const fields = useMemo(() => fieldsOf(props.schema), [props.schema])
  const [values, setValues] = useState<Values>(() => initialValues(fields))
  const [files, setFilesState] = useState<Record<string, File[]>>({})
  const [picked, setPickedState] = useState<Record<string, string[]>>({})
  const [checklist, setChecklist] = useState<Record<string, File | null>>({})
  const [problems, setProblems] = useState<Problems>({})
  const [error, setError] = useState<unknown>(null)
  const [submitting, setSubmitting] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)
  const headingId = `${prefix}--heading`
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2'

  const id = (path: string) => `${prefix}-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`
  const stored = props.storedDocuments ?? []
  const ctx: Ctx = {
    id,
    values,
    set: (path, value) => setValues((prev) => ({ ...prev, [path]: value })),
    problems,
    files,
    setFiles: (key, list) => setFilesState((prev) => ({ ...prev, [key]: list })),
    picked,
    setPicked: (key, list) => setPickedState((prev) => ({ ...prev, [key]: list })),
    stored,
  }

  /** Files and stored documents chosen per document field (every kind row counted). */
  const pendingCounts = (docFields: ReturnType<typeof documentFields>): Record<string, number> => {
    const counts: Record<string, number> = {}
    for (const f of docFields) {
      const keys = f.kind === 'documents' && f.kinds ? f.kinds.map((k) => `${f.path}#${k}`) : [f.path]
      counts[f.path] = keys.reduce((n, k) => n + (files[k]?.length ?? 0) + (picked[k]?.length ?? 0), 0)
    }
    return counts
  }

  const onSubmit = async (event: Event) => {
    event.preventDefault()
    if (submitting) return
    setError(null)
    const docFields = documentFields(fields, values)
    const found = check(fields, values, pendingCounts(docFields))
    for (const f of docFields) {
      if (f.kind !== 'documents' || !f.kinds) continue
      for (const kind of f.kinds) {
        const key = `${f.path}#${kind}`
        if (REQUIRED_DOCUMENT_KINDS.has(kind) && (files[key]?.length ?? 0) + (picked[key]?.length ?? 0) === 0) found[key] = CHOOSE_A_FILE
      }
      // The rows say which files are missing; the list's own "choose a file" would repeat it.
      if (f.kinds.some((kind) => found[`${f.path}#${kind}`])) delete found[f.path]
    }
    for (const item of props.documentChecklist ?? []) {
      if (item.required && !checklist[item.kind]) found[`checklist.${item.kind}`] = CHOOSE_A_FILE
    }
    setProblems(found)
    const invalid = Object.keys(found)
    if (invalid.length > 0) {
      queueMicrotask(() => focusProblem(formRef.current, invalid.map((p) => (p.includes('#') ? `${id(p.slice(0, p.indexOf('#')))}-${p.slice(p.indexOf('#') + 1)}` : id(p)))))
      return
    }
    setSubmitting(true)
    try {
      const resolve = props.resolveFile ?? hashLocally
      const resolved: ResolvedDocuments = {}
      for (const f of docFields) {
        const kinds = f.kind === 'documents' && f.kinds ? f.kinds : [null]
        const refs: DocumentRef[] = []
        for (const kind of kinds) {
          const key = kind === null ? f.path : `${f.path}#${kind}`
          const fileKind = kind ?? f.name
          for (const file of files[key] ?? []) refs.push({ ...(await resolve(file, fileKind)), kind: fileKind })
          for (const docId of picked[key] ?? []) {
            const doc = stored.find((d) => d.id === docId)
            if (doc) refs.push({ name: doc.name, sha256: doc.sha256, kind: kind ?? doc.kind })
          }
        }
        resolved[f.path] = refs
      }
      const payload = collectFields(fields, values, resolved)
      const chosen = (props.documentChecklist ?? []).flatMap((item) => {
        const file = checklist[item.kind]
        return file ? [{ kind: item.kind, file }] : []
      })
      await props.onSubmit(payload, chosen)
    } catch (err) {
      setError(err)
      // The API names the fields at fault from the request root: show each beside its field.
      if (err instanceof ApiError && err.problem.fields) {
        const next: Problems = {}
        for (const f of err.problem.fields) {
          const path = pathOfPointer(f.path)
          if (path !== '') next[path] = { zh: f.message, en: f.message }
        }
        setProblems(next)
      }
    } finally {
      setSubmitting(false)
      // The disabled button dropped focus while sending; give it back for another try.
      setTimeout(() => {
        if (document.activeElement === document.body) formRef.current?.querySelector<HTMLButtonElement>('button[type=submit]')?.focus()
      }, 0)
    }
  }

  const problemCount = Object.keys(problems).length
  return (
    <form class="command-form" ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
      <Heading id={headingId} class="command-form-title">{props.title}</Heading>
      {problemCount > 0 && error === null
        ? <p class="form-errors" role="alert">{t(`请更正标出的 ${problemCount} 处问题`, `Please correct the ${problemCount} marked ${problemCount === 1 ? 'problem' : 'problems'}`)}</p>
        : null}
      {fields.length === 0 && (props.documentChecklist ?? []).length === 0
        ? <p class="field-hint">{t('此操作无需填写内容。', 'This action needs no details.')}</p>
        : null}
      {fields.map((f) => <FieldView key={f.path} field={f} ctx={ctx} />)}
      {(props.documentChecklist ?? []).length > 0
        ? (
            <fieldset class="field field-checklist">
              <legend>{t('随附文书材料', 'Documents to attach')}</legend>
              {(props.documentChecklist ?? []).map((item) => {
                const path = `checklist.${item.kind}`
                return (
                  <div class="document-row" key={item.kind} data-kind={item.kind}>
                    <label for={id(path)}>{tb(item.title)}{item.required ? <Required /> : <span class="optional">{t('（选填）', ' (optional)')}</span>}</label>
                    <input
                      type="file"
                      id={id(path)}
                      aria-invalid={problems[path] ? true : undefined}
                      aria-describedby={problems[path] ? `${id(path)}-error` : undefined}
                      onChange={(e) => setChecklist((prev) => ({ ...prev, [item.kind]: (e.currentTarget as HTMLInputElement).files?.[0] ?? null }))}
                    />
                    <FieldError ctx={ctx} path={path} />
                  </div>
                )
              })}
            </fieldset>
          )
        : null}
      <ProblemMessage error={error} />
      <div class="form-actions">
        <button type="submit" disabled={submitting} aria-disabled={submitting || undefined}>{submitting ? t('提交中…', 'Submitting…') : props.submitLabel}</button>
        {props.onCancel ? <button type="button" class="secondary" onClick={props.onCancel} disabled={submitting}>{t('取消', 'Cancel')}</button> : null}
      </div>
    </form>
  )
}
