// The case's documents with their SHA-256: the notices and rulings the procedure rendered and
// the files participants uploaded; download (with the bearer token) and upload.
import { useState } from 'preact/hooks'
import { ProblemMessage } from '../components/problem.tsx'
import { formatDateTime, useT } from '../i18n.ts'
import { fetchBlob, saveBlob, UPLOAD_ACCEPT, uploadDocument } from './case-api.ts'
import { DOCUMENT_KINDS, UPLOAD_KINDS } from './labels.ts'
import type { DocumentView } from './types.ts'

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

export function Documents({ caseId, documents, onUploaded }: { caseId: string; documents: DocumentView[]; onUploaded: (doc: DocumentView) => Promise<void> | void }) {
  const { t, tb, lang } = useT()
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState<string | null>(null)

  const download = async (doc: DocumentView) => {
    setError(null)
    setBusy(doc.id)
    try {
      saveBlob(await fetchBlob(`/v1/cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(doc.id)}`), doc.name)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(null)
    }
  }

  return (
    <>
      {documents.length === 0
        ? <p class="empty">{t('本案尚无文书', 'No documents on this case yet')}</p>
        : (
            <div class="table-scroll" tabIndex={0} role="group" aria-label={t('文书（可横向滚动）', 'Documents (scrolls sideways)')}>
              <table class="documents">
                <thead>
                  <tr>
                    <th scope="col">{t('名称', 'Name')}</th>
                    <th scope="col">{t('种类', 'Kind')}</th>
                    <th scope="col">{t('大小', 'Size')}</th>
                    <th scope="col">SHA-256</th>
                    <th scope="col">{t('来源', 'Origin')}</th>
                    <th scope="col">{t('下载', 'Download')}</th>
                  </tr>
                </thead>
                <tbody>
                  {documents.map((d) => (
                    <tr key={d.id} data-document={d.id} data-kind={d.kind}>
                      <td>{d.name}<span class="media-type">{d.mediaType}</span></td>
                      <td>{tb(DOCUMENT_KINDS[d.kind]) || d.kind}</td>
                      <td>{sizeText(d.size)}</td>
                      <td><code class="hash sha256" data-sha256={d.sha256}>{d.sha256}</code></td>
                      <td>
                        {d.seq === null ? t(`上传：${d.uploadedBy}`, `uploaded by ${d.uploadedBy}`) : t(`第 ${d.seq} 步生成`, `rendered at step ${d.seq}`)}
                        <time dateTime={d.uploadedAt} class="uploaded-at">{formatDateTime(d.uploadedAt, lang)}</time>
                      </td>
                      <td>
                        <button type="button" class="secondary" disabled={busy === d.id} onClick={() => download(d)} aria-label={t(`下载 ${d.name}`, `Download ${d.name}`)}>
                          {busy === d.id ? t('下载中…', 'Downloading…') : t('下载', 'Download')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
      <ProblemMessage error={error} />
      <UploadForm caseId={caseId} onUploaded={onUploaded} />
    </>
  )
}

function UploadForm({ caseId, onUploaded }: { caseId: string; onUploaded: (doc: DocumentView) => Promise<void> | void }) {
  const { t, tb } = useT()
  const [kind, setKind] = useState<string>('attachment')
  const [file, setFile] = useState<File | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [missing, setMissing] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [inputKey, setInputKey] = useState(0)

  const onSubmit = async (event: Event) => {
    event.preventDefault()
    setError(null)
    if (!file) {
      setMissing(true)
      document.getElementById('upload-file')?.focus()
      return
    }
    setMissing(false)
    setSubmitting(true)
    try {
      const doc = await uploadDocument(caseId, kind, file)
      setFile(null)
      setInputKey((k) => k + 1)
      await onUploaded(doc)
    } catch (err) {
      setError(err)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <form class="upload-form" onSubmit={onSubmit} noValidate aria-labelledby="upload-title">
      <h3 id="upload-title">{t('上传文书材料', 'Upload a document')}</h3>
      <div class="field">
        <label for="upload-kind">{t('种类', 'Kind')}</label>
        <select id="upload-kind" value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value)}>
          {UPLOAD_KINDS.map((k) => <option key={k} value={k}>{tb(DOCUMENT_KINDS[k]) || k}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="upload-file">{t('文件', 'File')}<span class="required">{t('（必填）', ' (required)')}</span></label>
        <p class="field-hint" id="upload-file-hint">{t('PDF、图片、Word（.docx）、Excel（.xlsx）或纯文本，不超过 10 MiB', 'PDF, image, Word (.docx), Excel (.xlsx) or plain text, up to 10 MiB')}</p>
        <input
          key={inputKey}
          type="file"
          id="upload-file"
          accept={UPLOAD_ACCEPT}
          aria-invalid={missing || undefined}
          aria-describedby={missing ? 'upload-file-hint upload-file-error' : 'upload-file-hint'}
          onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)}
        />
        {missing ? <p class="field-error" id="upload-file-error">{t('请选择文件', 'Choose a file')}</p> : null}
      </div>
      <ProblemMessage error={error} />
      <div class="form-actions">
        <button type="submit" disabled={submitting}>{submitting ? t('上传中…', 'Uploading…') : t('上传', 'Upload')}</button>
      </div>
    </form>
  )
}
