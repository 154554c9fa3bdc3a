// Opening a case: the procedure's open schema as a form (CommandForm, helper B's generator),
// then the checklist's documents uploaded to the new case, then its page.
import type { ComponentChildren } from 'preact'
import { useMemo, useState } from 'preact/hooks'
import { api } from '../api.ts'
import { CommandForm, type ChecklistItem } from '../case/command-form.tsx'
import { Layout, Loading } from '../components/layout.tsx'
import { ProblemMessage } from '../components/problem.tsx'
import { newIdempotencyKey, uploadDocument } from '../case/case-api.ts'
import { useT } from '../i18n.ts'
import { useProcedures } from '../procedures.ts'
import { mayOpen } from '../roles.ts'
import { Link, navigate } from '../router.tsx'
import { useSession } from '../session.ts'
import type { Bilingual, JSONSchema } from '../types.ts'

export type { ChecklistItem }

interface OpenedCase {
  caseId: string
  caseNumber: string | null
}

export function OpenCasePage({ procedure, heading, intro, submitLabel, checklist, parentCaseId, before }: {
  procedure: string
  heading: Bilingual
  intro?: Bilingual
  submitLabel: Bilingual
  checklist?: ChecklistItem[]
  /** The case this one is opened from (e.g. a listing after a transfer case's penalty). */
  parentCaseId?: string
  /** Fields the page adds above the generated form (e.g. choosing the parent case). */
  before?: ComponentChildren
}) {
  const { t, tb } = useT()
  const { me } = useSession()
  const { procedures, error: proceduresError } = useProcedures()
  const idempotencyKey = useMemo(newIdempotencyKey, [])
  const [opened, setOpened] = useState<OpenedCase | null>(null)
  const [uploadError, setUploadError] = useState<unknown>(null)
  const definition = procedures?.find((p) => p.name === procedure)
  const title = tb(heading)

  const onSubmit = async (payload: Record<string, unknown>, files: Array<{ kind: string; file: File }>) => {
    // A retry after a failed upload must not open a second case.
    let result = opened
    if (result === null) {
      result = await api.post<OpenedCase>('/v1/cases', { procedure, payload, ...(parentCaseId ? { parentCaseId } : {}) }, { 'Idempotency-Key': idempotencyKey })
      setOpened(result)
    }
    setUploadError(null)
    try {
      for (const { kind, file } of files) await uploadDocument(result.caseId, kind, file)
    } catch (failure) {
      // CommandForm shows the refusal; the notice below says the case itself exists.
      setUploadError(failure)
      throw failure
    }
    navigate(`/cases/${result.caseId}`)
  }

  let body: ComponentChildren
  if (proceduresError) body = <ProblemMessage error={proceduresError} />
  else if (!procedures || !me) body = <Loading />
  else if (!definition || !mayOpen(procedures, procedure, me.roles)) {
    body = <p class="problem" role="alert">{t('您的角色无权新建此类案件。', 'Your roles may not open this kind of case.')}</p>
  } else {
    body = (
      <>
        {before}
        <CommandForm
          schema={definition.open.payload as JSONSchema}
          title={t('案件信息', 'Case details')}
          submitLabel={tb(submitLabel)}
          onSubmit={onSubmit}
          {...(checklist ? { documentChecklist: checklist } : {})}
        />
        {opened && uploadError
          ? (
              <div aria-live="polite">
                <p class="notice" role="status">
                  {t(`案件已创建（${opened.caseNumber ?? opened.caseId}），但有文件未能上传。请重新提交上传，或在案件页面补传。`,
                    `The case was opened (${opened.caseNumber ?? opened.caseId}) but a file did not upload. Submit again to retry, or upload it on the case page.`)}
                  {' '}<Link href={`/cases/${opened.caseId}`}>{t('打开案件', 'Open the case')}</Link>
                </p>
              </div>
            )
          : null}
      </>
    )
  }

  return (
    <Layout title={title}>
      <h1>{title}</h1>
      {intro ? <p class="lead">{tb(intro)}</p> : null}
      {definition ? <p class="muted">{t('程序：', 'Procedure: ')}{tb(definition.title)}</p> : null}
      {body}
    </Layout>
  )
}
