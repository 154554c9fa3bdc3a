// Opening a case: the procedure's open schema as a form (CommandForm, helper B's generator),
// then the checklist's documents uploaded to the new case, then its page. OPEN_PAGES lists
// the cases people open here, with the home page's button for each.
import type { ComponentChildren } from 'preact'
import { useMemo, useState } from 'preact/hooks'
import { api } from '../api.ts'
import { CommandForm, type ChecklistItem } from '../case/command-form.tsx'
import { Layout, Loading } from '../components/layout.tsx'
import { ProblemMessage } from '../components/problem.tsx'
import { newIdempotencyKey, uploadDocument } from '../case/case-api.ts'
import { useT } from '../i18n.ts'
import { mayOpen, useProcedures } from '../procedures.ts'
import { Link, navigate } from '../router.tsx'
import { useSession } from '../session.ts'
import type { Bilingual } from '../types.ts'

export interface OpenPage {
  procedure: string
  href: string
  /** The home page's button, shown only to roles the procedure lets open it. */
  action: Bilingual
  heading: Bilingual
  intro: Bilingual
  submitLabel: Bilingual
  /** Documents uploaded to the new case. */
  checklist?: ChecklistItem[]
}

export const OPEN_PAGES = {
  // A transfer of a suspected crime (行政执法机关移送涉嫌犯罪案件). R310 art. 6 (DOMAIN §2.3 F3):
  // the documents as the kinds DISPATCH_TRANSFER accepts (TRANSFER_DOCUMENT_KINDS).
  transfer: {
    procedure: 'criminal-transfer',
    href: '/open/transfer',
    action: { zh: '移送涉嫌犯罪案件', en: 'Open a transfer' },
    heading: { zh: '移送涉嫌犯罪案件', en: 'Open a transfer of a suspected crime' },
    intro: {
      zh: '依据《行政执法机关移送涉嫌犯罪案件的规定》第五条、第六条：立案后提出移送书面报告，经负责人批准后 24 小时内向同级公安机关移送，并附下列材料。',
      en: 'R310 arts 5 and 6: after the written report and the head’s approval, deliver the case to the same-level police within 24 hours, with the documents below.',
    },
    submitLabel: { zh: '创建移送案件', en: 'Open the transfer' },
    checklist: [
      { kind: 'transferLetter', title: { zh: '涉嫌犯罪案件移送书', en: 'Transfer letter' }, required: true },
      { kind: 'investigationReport', title: { zh: '涉嫌犯罪案件情况的调查报告', en: 'Investigation report' }, required: true },
      { kind: 'itemList', title: { zh: '涉案物品清单', en: 'List of the items involved' }, required: true },
      // Required unless the transfer states why no testing or appraisal was needed (noTestingRequired).
      { kind: 'testReport', title: { zh: '有关检验报告或者鉴定结论（无需检验的，移送时说明理由）', en: 'Test or appraisal reports (or, at dispatch, why none was needed)' }, required: false },
      { kind: 'otherMaterials', title: { zh: '其他有关涉嫌犯罪的材料', en: 'Other materials on the suspected crime' }, required: false },
    ],
  },
  // A serious-violation listing (严重违法失信名单) after a penalty; open-listing.tsx adds the
  // transfer case it may be opened from.
  listing: {
    procedure: 'credit-listing',
    href: '/open/listing',
    action: { zh: '列入严重违法失信名单', en: 'Open a listing' },
    heading: { zh: '列入严重违法失信名单', en: 'Open a serious-violation listing' },
    intro: {
      zh: '依据《市场监督管理严重违法失信名单管理办法》：作出行政处罚时认定列入情形，与处罚告知一并告知当事人，作出列入决定并公示。',
      en: 'SAMR-44: find the listing grounds with the penalty, notify the party together with the penalty notice, decide and publish.',
    },
    submitLabel: { zh: '创建列入案件', en: 'Open the listing' },
  },
  // A mediator records an agreement: the organisation opens the judicial-confirmation case with
  // the agreement reached; a bureau opens it on a party's request and records it later.
  confirmation: {
    procedure: 'judicial-confirmation',
    href: '/confirmations/new',
    action: { zh: '登记调解协议，申请司法确认', en: 'Record an agreement' },
    heading: { zh: '登记调解协议，申请司法确认', en: 'Record a mediation agreement' },
    intro: {
      zh: '调解协议生效之日起 30 日内，双方当事人可以共同向有管辖权的人民法院申请司法确认（《民事诉讼法》第二百零五条）。',
      en: 'Within 30 days of the agreement taking effect, both parties may jointly apply to a competent court for confirmation (CivPL art. 205).',
    },
    submitLabel: { zh: '登记调解协议', en: 'Record the agreement' },
    checklist: [
      { kind: 'agreement', title: { zh: '调解协议书', en: 'Mediation agreement' }, required: false },
      { kind: 'mediationProof', title: { zh: '调解组织主持调解的证明', en: 'Proof the organisation presided' }, required: false },
      { kind: 'identity', title: { zh: '双方当事人身份证明', en: 'Identity of both parties' }, required: false },
    ],
  },
} satisfies Record<string, OpenPage>

interface OpenedCase {
  caseId: string
  caseNumber: string | null
}

export function OpenCasePage({ page, parentCaseId, before }: {
  page: OpenPage
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
  const { procedure } = page
  const definition = procedures?.find((p) => p.name === procedure)
  const title = tb(page.heading)

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
          schema={definition.open.payload}
          title={t('案件信息', 'Case details')}
          submitLabel={tb(page.submitLabel)}
          onSubmit={onSubmit}
          documentChecklist={page.checklist}
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
      <p class="lead">{tb(page.intro)}</p>
      {definition ? <p class="muted">{t('程序：', 'Procedure: ')}{tb(definition.title)}</p> : null}
      {body}
    </Layout>
  )
}
