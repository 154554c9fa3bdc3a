// Tables of tasks and cases, shared by the home pages, and the row heading every case list uses.
import { formatDateTime, useT } from '../i18n.ts'
import { Link } from '../router.tsx'
import type { CaseSummary, TaskView } from '../types.ts'
import { DeadlineBadge } from './deadline.tsx'
import { statesText } from '../states.ts'

export function caseLabel(c: { caseNumber: string | null; id: string }): string {
  return c.caseNumber ?? c.id.slice(0, 8)
}

/** A list row's heading: the case's title (else its number) linking to it, then its number. */
export function CaseCell({ id, caseNumber, title }: { id: string; caseNumber: string | null; title: string }) {
  return (
    <th scope="row">
      <Link href={`/cases/${id}`}>{title || caseLabel({ caseNumber, id })}</Link>
      <span class="item-meta"> {caseNumber ?? ''}</span>
    </th>
  )
}

export function TaskTable({ tasks, caption, empty }: { tasks: TaskView[]; caption: string; empty: string }) {
  const { t, lang } = useT()
  if (tasks.length === 0) return <p class="muted" role="status">{empty}</p>
  return (
    <div class="table-wrap">
      <table class="tasks">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('案件', 'Case')}</th>
            <th scope="col">{t('事项', 'Task')}</th>
            <th scope="col">{t('期限', 'Deadline')}</th>
            <th scope="col">{t('收到时间', 'Received')}</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.id} data-task-kind={task.kind} data-case-id={task.caseId}>
              <CaseCell id={task.caseId} caseNumber={task.caseNumber} title={task.caseTitle} />
              <td>{task.title}</td>
              <td><DeadlineBadge clock={task.clock ?? null} /></td>
              <td>{formatDateTime(task.openedAt, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function CaseTable({ cases, caption, empty, procedureTitle }: {
  cases: CaseSummary[]
  caption: string
  empty: string
  procedureTitle: (name: string) => string
}) {
  const { t, tb, lang } = useT()
  if (cases.length === 0) return <p class="muted" role="status">{empty}</p>
  return (
    <div class="table-wrap">
      <table class="cases">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('案件', 'Case')}</th>
            <th scope="col">{t('程序', 'Procedure')}</th>
            <th scope="col">{t('当前状态', 'Where it is')}</th>
            <th scope="col">{t('更新时间', 'Updated')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id} data-case-id={c.id}>
              <CaseCell id={c.id} caseNumber={c.caseNumber} title={c.title} />
              <td>{procedureTitle(c.procedure)}</td>
              <td>
                {statesText(c.states, tb, t)}
                {c.status === 'closed' ? <span class="tag"> {t('已结案', 'closed')}</span> : null}
              </td>
              <td>{formatDateTime(c.updatedAt, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
