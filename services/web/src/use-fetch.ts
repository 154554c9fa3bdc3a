// Load-on-mount for GET endpoints: data, error and a reload, re-run when the path changes.
import { useCallback, useEffect, useState } from 'preact/hooks'
import { api } from './api.ts'

export interface Fetched<T> {
  data: T | null
  error: unknown
  loading: boolean
  reload: () => void
}

export function useFetch<T>(path: string | null): Fetched<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: path !== null })
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (path === null) {
      setState({ data: null, error: null, loading: false })
      return
    }
    let live = true
    setState((s) => ({ ...s, loading: true, error: null }))
    api.get<T>(path).then(
      (data) => { if (live) setState({ data, error: null, loading: false }) },
      (error: unknown) => { if (live) setState({ data: null, error, loading: false }) },
    )
    return () => { live = false }
  }, [path, tick])
  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { ...state, reload }
}
