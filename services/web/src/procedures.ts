// The registered procedures (GET /v1/procedures), fetched once per page load: they change only
// with a deployment. Their open rules decide which "open a case" buttons a user sees.
import { useEffect, useState } from 'preact/hooks'
import { api } from './api.ts'
import type { Bilingual } from './types.ts'

export interface ProcedureInfo {
  name: string
  version: string
  title: Bilingual
  open: { roles: string[]; party: string; payload: Record<string, unknown> }
  parties: Record<string, { kind: string | string[]; title: Bilingual; resolve: string }>
  commands: Array<{ type: string; title: Bilingual; roles: string[]; party: string | string[]; payload: Record<string, unknown>; source?: string }>
  timers: Array<{ id: string; title: Bilingual; duration: number; unit: string; expiry: string; source: string }>
}

let cached: Promise<ProcedureInfo[]> | null = null

function loadProcedures(): Promise<ProcedureInfo[]> {
  cached ??= api.get<{ procedures: ProcedureInfo[] }>('/v1/procedures').then((body) => body.procedures)
  cached.catch(() => { cached = null })
  return cached
}

export function useProcedures(): { procedures: ProcedureInfo[] | null; error: unknown } {
  const [state, setState] = useState<{ procedures: ProcedureInfo[] | null; error: unknown }>({ procedures: null, error: null })
  useEffect(() => {
    let live = true
    loadProcedures().then(
      (procedures) => { if (live) setState({ procedures, error: null }) },
      (error: unknown) => { if (live) setState({ procedures: null, error }) },
    )
    return () => { live = false }
  }, [])
  return state
}

/** A procedure's title (ProcedureDefinition.title); its name while the list loads or when unknown. */
export function procedureTitle(procedures: ProcedureInfo[] | null, name: string, tb: (b: Bilingual | undefined) => string): string {
  return tb(procedures?.find((p) => p.name === name)?.title) || name
}

export function mayOpen(procedures: ProcedureInfo[] | null, name: string, roles: string[]): boolean {
  const procedure = procedures?.find((p) => p.name === name)
  return procedure !== undefined && procedure.open.roles.some((role) => roles.includes(role))
}
