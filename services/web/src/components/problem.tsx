// A refused action, in words people understand: Chinese first, the rule that refused it and
// its legal source, and the fields at fault.
import { ApiError, type Problem } from '../api.ts'
import { useT } from '../i18n.ts'

/** Chinese titles of the API's problem codes, for problems that carry no detail_zh. */
const CODE_TITLES: Record<string, { zh: string; en: string }> = {
  VALIDATION_FAILED: { zh: '请求内容不符合要求', en: 'Request is not valid' },
  UNKNOWN_COMMAND: { zh: '该程序没有此命令', en: 'Unknown command' },
  UNKNOWN_PROCEDURE: { zh: '没有此程序', en: 'Unknown procedure' },
  UNAUTHENTICATED: { zh: '未登录或登录已失效', en: 'Not signed in' },
  FORBIDDEN: { zh: '无权执行此操作', en: 'Not allowed' },
  NOT_FOUND: { zh: '未找到', en: 'Not found' },
  CASE_NOT_FOUND: { zh: '未找到该案件', en: 'Case not found' },
  WRONG_STATE: { zh: '案件当前状态不允许此操作', en: 'Not allowed in the current state' },
  CONFLICT: { zh: '案件已被他人修改，请重试', en: 'Conflicting change' },
  STALE_VERSION: { zh: '案件版本已变化，请刷新后重试', en: 'Case version has changed' },
  IDEMPOTENCY_KEY_REUSED: { zh: '幂等键已用于其他请求', en: 'Idempotency-Key reused with another request' },
  RULE_REFUSED: { zh: '依法不予办理', en: 'Refused by a legal rule' },
  DEPENDENCY_DOWN: { zh: '服务暂不可用，请稍后重试', en: 'Service temporarily unavailable' },
  RATE_LIMITED: { zh: '请求过于频繁，请稍后重试', en: 'Too many requests' },
  PAYLOAD_TOO_LARGE: { zh: '请求内容过大', en: 'Request body too large' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '不支持的内容类型', en: 'Unsupported media type' },
  INTERNAL: { zh: '系统内部错误', en: 'Internal error' },
  NETWORK: { zh: '无法连接服务器，请检查网络后重试', en: 'Cannot reach the server' },
}

function asProblem(error: unknown): Problem | null {
  if (error === null || error === undefined || error === false) return null
  if (error instanceof ApiError) return error.problem
  const message = error instanceof Error ? error.message : String(error)
  return { type: 'about:blank', title: message, status: 0, detail: message, code: 'CLIENT' }
}

export function ProblemMessage({ error }: { error: unknown }) {
  const { t, lang } = useT()
  const problem = asProblem(error)
  if (problem === null) return null
  const codeTitle = CODE_TITLES[problem.code]
  const zh = problem.detail_zh ?? codeTitle?.zh ?? problem.title
  const en = problem.detail || codeTitle?.en || problem.title
  // A rule's refusal says so before saying what the rule found; other problems lead with the detail.
  const kind = problem.code === 'RULE_REFUSED' && codeTitle ? (lang === 'en' ? codeTitle.en : codeTitle.zh) : null
  return (
    <div class="problem" role="alert" data-problem-code={problem.code}>
      <p class="problem-detail">{kind ? <strong>{kind}：</strong> : null}<strong>{lang === 'en' ? en : zh}</strong></p>
      {lang !== 'en' && en !== zh && en !== '' ? <p class="problem-detail-en" lang="en">{en}</p> : null}
      {problem.rule || problem.source
        ? (
            <p class="problem-rule">
              {t('依据', 'Under')} {problem.source ?? ''}
              {problem.rule ? <> （{t('规则', 'rule')} <code>{problem.rule}</code>）</> : null}
            </p>
          )
        : null}
      {problem.fields && problem.fields.length > 0
        ? (
            <ul class="problem-fields">
              {problem.fields.map((field) => (
                <li key={field.path}><code>{field.path || '/'}</code>: {field.message}</li>
              ))}
            </ul>
          )
        : null}
    </div>
  )
}
