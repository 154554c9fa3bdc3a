// Tables of tasks and cases, shared by the home pages.
import type { ComponentChildren } from 'preact'
import { formatDateTime, useT } from '../i18n.ts'
import { Link } from '../router.tsx'
import type { CaseSummary, TaskView } from '../types.ts'
import { DeadlineBadge } from './deadline.tsx'
import { statesText } from '../states.ts'

export function caseLabel(c: { caseNumber: string | null; id: string }): string {
  return c.caseNumber ?? c.id.slice(0, 8)
}

export function TaskTable({ tasks, caption, empty, extra }: {
  tasks: TaskView[]
  caption: string
  empty: string
  /** A further cell per task (e.g. the commands awaiting approval). */
  extra?: { header: string; cell: (task: TaskView) => ComponentChildren }
}) {
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
            {extra ? <th scope="col">{extra.header}</th> : null}
            <th scope="col">{t('期限', 'Deadline')}</th>
            <th scope="col">{t('收到时间', 'Received')}</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.id} data-task-kind={task.kind} data-case-id={task.caseId}>
              <th scope="row">
                <Link href={`/cases/${task.caseId}`}>{task.caseTitle || caseLabel({ caseNumber: task.caseNumber, id: task.caseId })}</Link>
                <span class="item-meta"> {task.caseNumber ?? ''}</span>
              </th>
              <td>{task.title}</td>
              {extra ? <td>{extra.cell(task)}</td> : null}
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
              <th scope="row">
                <Link href={`/cases/${c.id}`}>{c.title || caseLabel(c)}</Link>
                <span class="item-meta"> {c.caseNumber ?? ''}</span>
              </th>
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
