// The home page by role: what this person has to do today, and the cases they may open.
import { useEffect, useState } from 'preact/hooks'
import type { ComponentChildren } from 'preact'
import { api } from '../api.ts'
import { Layout, Loading } from '../components/layout.tsx'
import { DeadlineBadge } from '../components/deadline.tsx'
import { CaseCell, CaseTable, TaskTable } from '../components/lists.tsx'
import { ProblemMessage } from '../components/problem.tsx'
import { useT } from '../i18n.ts'
import { mayOpen, procedureTitle, useProcedures, type ProcedureInfo } from '../procedures.ts'
import { APPROVER_ROLES, roleTitle } from '../roles.ts'
import { Link } from '../router.tsx'
import { hasRole, useSession } from '../session.ts'
import type { CaseSummary, CaseView, Me, TaskView, TimerView } from '../types.ts'
import { useFetch } from '../use-fetch.ts'
import { statesText } from '../states.ts'
import { OPEN_PAGES } from './open-case.tsx'

/** The "open a case" buttons, each shown only to roles the procedure lets open it. */
function OpenActions({ me, procedures }: { me: Me; procedures: ProcedureInfo[] | null }) {
  const { t, tb } = useT()
  const pages = Object.values(OPEN_PAGES).filter((p) => mayOpen(procedures, p.procedure, me.roles))
  if (pages.length === 0) return null
  return (
    <div class="actions" role="group" aria-label={t('新建案件', 'Open a case')}>
      {pages.map((p) => <Link key={p.href} class="button" href={p.href} data-open={p.procedure}>{tb(p.action)}</Link>)}
    </div>
  )
}

/** Cases fetched at most this many at a time: enough to be quick, few enough to spare the API. */
const CASE_FETCH_CONCURRENCY = 4
const MAX_APPROVAL_CASES = 40

async function readCases(ids: string[]): Promise<CaseView[]> {
  const views: CaseView[] = []
  let next = 0
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++] as string
      try {
        views.push(await api.get<CaseView>(`/v1/cases/${id}`))
      } catch {
        // A case this user may no longer read is simply not awaiting them.
      }
    }
  }
  await Promise.all(Array.from({ length: CASE_FETCH_CONCURRENCY }, worker))
  return views
}

/** The deadline that matters to this agency: its own soonest running one, else the case's soonest. */
function pressingDeadline(view: CaseView, agencyId: string): TimerView | null {
  const running = view.deadlines.filter((d) => d.status === 'SCHEDULED' && d.clock).sort((a, b) => a.dueAt.localeCompare(b.dueAt))
  return running.find((d) => d.ownerAgencyId === agencyId) ?? running[0] ?? null
}

/**
 * Cases that offer this user a command now while the next move is their agency's (its inbox
 * task, or a deadline it holds): what awaits their decision. Internal steps (a head's
 * approval) raise no inbox task, so the agency's open cases are read as well.
 */
function Approvals({ me, caseIds, taskCaseIds }: { me: Me; caseIds: string[]; taskCaseIds: Set<string> }) {
  const { t, tb } = useT()
  const [views, setViews] = useState<CaseView[] | null>(null)
  const key = caseIds.join(',')
  useEffect(() => {
    let live = true
    setViews(null)
    void readCases(caseIds.slice(0, MAX_APPROVAL_CASES)).then((found) => { if (live) setViews(found) })
    return () => { live = false }
  }, [key])
  if (views === null) return <Loading />
  const awaiting = views
    .filter((v) => v.status === 'open' && v.allowedCommands.length > 0)
    .map((v) => ({ view: v, deadline: pressingDeadline(v, me.agencyId) }))
    .filter(({ view, deadline }) => taskCaseIds.has(view.id) || deadline?.ownerAgencyId === me.agencyId)
    .sort((a, b) => (a.deadline?.dueAt ?? '9999').localeCompare(b.deadline?.dueAt ?? '9999'))
  if (awaiting.length === 0) return <p class="muted" role="status">{t('目前没有待您审批的事项。', 'Nothing awaits your approval.')}</p>
  return (
    <div class="table-wrap">
      <table class="approvals">
        <caption class="visually-hidden">{t('待我审批', 'Awaiting my approval')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('案件', 'Case')}</th>
            <th scope="col">{t('当前状态', 'Where it is')}</th>
            <th scope="col">{t('可办理', 'You may')}</th>
            <th scope="col">{t('期限', 'Deadline')}</th>
          </tr>
        </thead>
        <tbody>
          {awaiting.map(({ view, deadline }) => (
            <tr key={view.id} data-case-id={view.id}>
              <CaseCell id={view.id} caseNumber={view.caseNumber} title={view.title} />
              <td>{statesText(view.states, tb, t)}</td>
              <td>{view.allowedCommands.map((c) => tb(c.title)).join(t('、', ', '))}</td>
              <td>
                {deadline
                  ? <>{tb(deadline.title)}<br /><DeadlineBadge clock={deadline.clock} timer={deadline.name} /></>
                  : <span class="muted">{t('无期限', 'no deadline')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function section(id: string, title: string, body: ComponentChildren) {
  return (
    <section class="card" aria-labelledby={id} key={id}>
      <h2 id={id}>{title}</h2>
      {body}
    </section>
  )
}

/** The inbox heading as each role calls it. */
function inboxTitle(me: Me, t: (zh: string, en: string) => string): string {
  if (hasRole(me, 'police.officer', 'procurator')) return t('移送来的案件（待办）', 'Cases dispatched to us')
  if (hasRole(me, 'court.judge', 'court.clerk')) return t('司法确认申请（待办）', 'Applications')
  return t('我的待办', 'My tasks')
}

function casesTitle(me: Me, t: (zh: string, en: string) => string): string {
  if (hasRole(me, 'msa.credit') && !hasRole(me, 'msa.officer')) return t('失信名单案件', 'Listings')
  if (hasRole(me, 'mediator')) return t('调解协议与司法确认', 'Agreements and confirmations')
  if (hasRole(me, 'party')) return t('与我有关的案件', 'My cases')
  return t('我的案件', 'My cases')
}

/** Roles that work an inbox of tasks (the approvers see theirs as "awaiting my approval"). */
const INBOX_ROLES = ['msa.officer', 'msa.credit', 'police.officer', 'procurator', 'court.judge', 'court.clerk', 'mediator', 'party', 'partner']
const CASE_LIST_ROLES = ['msa.officer', 'msa.credit', 'mediator', 'party', 'partner', 'msa.head']

export function HomePage() {
  const { t, tb } = useT()
  const { me } = useSession()
  const { procedures } = useProcedures()
  const inbox = useFetch<{ tasks: TaskView[] }>(me ? '/v1/inbox' : null)
  const showCases = me !== null && hasRole(me, ...CASE_LIST_ROLES)
  const approver = me !== null && hasRole(me, ...APPROVER_ROLES)
  const cases = useFetch<{ items: CaseSummary[]; nextCursor: string | null }>(showCases || approver ? '/v1/cases?limit=50' : null)
  if (me === null) return null

  const onlyCredit = hasRole(me, 'msa.credit') && !hasRole(me, 'msa.officer')
  const caseItems = (cases.data?.items ?? []).filter((c) => !onlyCredit || c.procedure === 'credit-listing')
  const tasks = inbox.data?.tasks ?? []
  const sections: ComponentChildren[] = []

  if (approver) {
    const caseIds = [...new Set([...tasks.map((task) => task.caseId), ...(cases.data?.items ?? []).filter((c) => c.status === 'open').map((c) => c.id)])]
    sections.push(section('approvals', t('待我审批', 'Awaiting my approval'),
      inbox.error || cases.error ? <ProblemMessage error={inbox.error ?? cases.error} />
        : inbox.data && cases.data ? <Approvals me={me} caseIds={caseIds} taskCaseIds={new Set(tasks.map((task) => task.caseId))} /> : <Loading />))
  }
  if (hasRole(me, ...INBOX_ROLES)) {
    sections.push(section('inbox', inboxTitle(me, t),
      inbox.error ? <ProblemMessage error={inbox.error} /> : inbox.data
        ? <TaskTable tasks={tasks} caption={inboxTitle(me, t)} empty={t('目前没有待办事项。', 'No open tasks.')} />
        : <Loading />))
  }
  if (showCases) {
    sections.push(section('cases', casesTitle(me, t),
      cases.error ? <ProblemMessage error={cases.error} /> : cases.data
        ? <CaseTable cases={caseItems} caption={casesTitle(me, t)} procedureTitle={(name) => procedureTitle(procedures, name, tb)} empty={t('暂无案件。', 'No cases yet.')} />
        : <Loading />))
  }
  if (hasRole(me, 'supervisor')) {
    sections.push(section('supervision', t('监督', 'Supervision'), (
      <p>
        <Link href="/supervision" class="button">{t('打开监督看板', 'Open the supervision dashboard')}</Link>
        <span class="muted"> {t('超期与临期职责、各机关统计、该移不移线索。', 'Overdue and at-risk duties, statistics per agency, untransferred cases.')}</span>
      </p>
    )))
  }

  return (
    <Layout title={t('工作台', 'My desk')}>
      <h1>{t('工作台', 'My desk')}</h1>
      <p class="lead">
        {me.name} · {me.agencyName} · {me.roles.map((r) => tb(roleTitle(r))).join(t('、', ', '))}
      </p>
      <OpenActions me={me} procedures={procedures} />
      <div>{sections}</div>
      <section class="card" aria-labelledby="public">
        <h2 id="public">{t('公共查询', 'Public query')}</h2>
        <p><Link href="/credit-list">{t('按统一社会信用代码查询严重违法失信名单', 'Look up the serious-violation list by unified social credit code')}</Link></p>
      </section>
    </Layout>
  )
}
