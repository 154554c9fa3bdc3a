// The registered procedures (GET /v1/procedures), fetched once per page load: they change only
// with a deployment.
import { useEffect, useState } from 'preact/hooks'
import { api } from './api.ts'
import type { ProcedureInfo } from './roles.ts'

let cached: Promise<ProcedureInfo[]> | null = null

export function loadProcedures(): Promise<ProcedureInfo[]> {
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
