// The actions this user may take now: exactly the case view's allowedCommands, each a button
// that opens its form (the command's payload fields and nothing else).
import { useState } from 'preact/hooks'
import { ApiError } from '../api.ts'
import { useT } from '../i18n.ts'
import type { AllowedCommand, CaseView } from '../types.ts'
import { CommandForm, type StoredDocument } from './command-form.tsx'
import { sendCommand, storeForCommand } from './case-api.ts'
import type { CommandResult } from './types.ts'

interface ActionsProps {
  view: CaseView
  storedDocuments: StoredDocument[]
  /** Called after the API accepted the command (the page reloads the case). */
  onDone: (command: AllowedCommand, result: CommandResult) => Promise<void> | void
  /** Called when the case changed under the form (412): the page reloads it, the form keeps its values. */
  onStale: () => void
}

export function Actions({ view, storedDocuments, onDone, onStale }: ActionsProps) {
  const { t, tb, lang } = useT()
  const [open, setOpen] = useState<string | null>(null)
  const commands = view.allowedCommands
  if (commands.length === 0) {
    return <p class="empty" data-no-actions>{t('当前没有您可执行的操作', 'There is nothing you can do on this case now')}</p>
  }
  return (
    <ul class="case-actions">
      {commands.map((command) => {
        const formId = `command-${command.type}`
        const isOpen = open === command.type
        const other = lang === 'en' ? command.title.zh : command.title.en
        return (
          <li key={command.type} class={isOpen ? 'open' : undefined}>
            <button
              type="button"
              class="action"
              data-command={command.type}
              aria-expanded={isOpen}
              aria-controls={isOpen ? formId : undefined}
              onClick={() => setOpen(isOpen ? null : command.type)}
            >
              <span class="action-title">{tb(command.title)}</span>
              {other ? <span class="action-title-other" lang={lang === 'en' ? 'zh-CN' : 'en'}>{other}</span> : null}
              {command.source ? <span class="action-source">{t('依据 ', 'Under ')}{command.source}</span> : null}
            </button>
            {isOpen
              ? (
                  <div id={formId} class="action-form">
                    <CommandForm
                      key={command.type}
                      idPrefix={formId}
                      headingLevel={3}
                      schema={command.payload}
                      title={tb(command.title)}
                      submitLabel={t(`提交：${command.title.zh}`, `Submit: ${command.title.en}`)}
                      storedDocuments={storedDocuments}
                      resolveFile={(file, kind) => storeForCommand(view.id, file, kind)}
                      onCancel={() => setOpen(null)}
                      onSubmit={async (payload) => {
                        let result: CommandResult
                        try {
                          result = await sendCommand(view.id, view.version, command.type, payload)
                        } catch (err) {
                          if (err instanceof ApiError && err.status === 412) onStale()
                          throw err
                        }
                        setOpen(null)
                        await onDone(command, result)
                      }}
                    />
                  </div>
                )
              : null}
          </li>
        )
      })}
    </ul>
  )
}
