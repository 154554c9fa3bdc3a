// Who is signed in. Tokens live in sessionStorage (they end with the tab); `me` comes from
// GET /v1/me and is the only thing pages read about the user.
import { api, clearTokens, onSessionExpired, readTokens, storeTokens } from './api.ts'
import { createStore, useStore } from './store.ts'
import type { Me } from './types.ts'

interface SessionState {
  me: Me | null
  /** True until the first /v1/me answer (or its absence) is known. */
  loading: boolean
}

const sessionStore = createStore<SessionState>({ me: null, loading: readTokens() !== null })

onSessionExpired(() => sessionStore.set({ me: null, loading: false }))

export async function loadMe(): Promise<Me | null> {
  if (readTokens() === null) {
    sessionStore.set({ me: null, loading: false })
    return null
  }
  try {
    const me = await api.get<Me>('/v1/me')
    sessionStore.set({ me, loading: false })
    return me
  } catch {
    sessionStore.set({ me: null, loading: false })
    return null
  }
}

export async function signInWithPassword(userId: string, password: string): Promise<Me | null> {
  const session = await api.post<{ accessToken: string; refreshToken: string }>('/v1/auth/sign-in', { userId, password })
  storeTokens({ accessToken: session.accessToken, refreshToken: session.refreshToken })
  return loadMe()
}

/** Demo sign-in by user id (XIANJIE_DEMO=true only). */
export async function signInAsDemoUser(userId: string): Promise<Me | null> {
  const session = await api.post<{ accessToken?: string; token?: string; refreshToken?: string }>('/v1/auth/token', { userId })
  const accessToken = session.accessToken ?? session.token
  if (!accessToken) throw new Error('no token in the demo sign-in answer')
  storeTokens({ accessToken, refreshToken: session.refreshToken ?? null })
  return loadMe()
}

async function signOut(): Promise<void> {
  const refreshToken = readTokens()?.refreshToken
  // Revoke first; a failed revoke must still end the sign-in in this tab.
  if (refreshToken) await api.post('/v1/auth/sign-out', { refreshToken }).catch(() => {})
  clearTokens()
  sessionStore.set({ me: null, loading: false })
}

export function useSession(): { me: Me | null; loading: boolean; signOut(): Promise<void> } {
  const state = useStore(sessionStore)
  return { me: state.me, loading: state.loading, signOut }
}

export function hasRole(me: Me | null, ...roles: string[]): boolean {
  return me !== null && roles.some((role) => me.roles.includes(role))
}
