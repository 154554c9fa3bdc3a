// The web bundle imports no server package, so services/web declares the shapes it reads from
// the API by hand. This file, checked by `pnpm typecheck` (the root tsconfig), fails when the
// engine's answer no longer fits what the pages expect: a field renamed, retyped or dropped.
// Nothing here runs.
import type * as Engine from '@xianjie/engine'
import type * as Web from '../../services/web/src/types.ts'
import type * as WebCase from '../../services/web/src/case/types.ts'

/** `true` when every value of `From` is a value of `To`. */
type Fits<From, To> = [From] extends [To] ? true : false
type Answer<K extends keyof Engine.Supervision> = Awaited<ReturnType<Engine.Supervision[K]>>

export const webTypesFitTheApi: [
  Fits<Engine.DeadlineClock, Web.Clock>,
  Fits<Engine.TaskView, Web.TaskView>,
  Fits<Engine.TimerView, Web.TimerView>,
  Fits<Engine.AllowedCommand, Web.AllowedCommand>,
  Fits<Engine.CaseListItem, Web.CaseSummary>,
  Fits<Engine.CaseView, Web.CaseView>,
  Fits<Engine.TimelineEntry, WebCase.TimelineEntry>,
  Fits<Engine.ProcedureChart, WebCase.Chart>,
  Fits<Engine.DocumentView, WebCase.DocumentView>,
  Fits<Engine.VerifyResult, WebCase.VerifyResult>,
  Fits<Engine.CommandResult, WebCase.CommandResult>,
  Fits<Engine.OverdueItem, Web.OverdueItem>,
  Fits<Answer<'statistics'>, Web.Statistics>,
  Fits<Answer<'search'>['items'][number], Web.SearchItem>,
  Fits<Answer<'transferFlags'>['items'][number], Web.TransferFlag>,
  Fits<Engine.CreditListView, Web.CreditListView>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true]
