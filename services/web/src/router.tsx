// History-API routing: a path store, navigate(), <Link>, and matching of `/cases/:id` patterns.
import type { ComponentChildren, JSX } from 'preact'
import { createStore, useStore } from './store.ts'

interface Location {
  path: string
  search: string
}

function current(): Location {
  return { path: window.location.pathname, search: window.location.search }
}

const locationStore = createStore<Location>(current())

window.addEventListener('popstate', () => locationStore.set(current()))

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to)
  else history.pushState(null, '', to)
  locationStore.set(current())
  window.scrollTo(0, 0)
}

export function useLocation(): { path: string; query: URLSearchParams } {
  const location = useStore(locationStore)
  return { path: location.path, query: new URLSearchParams(location.search) }
}

/** Parameters of `pattern` (e.g. `/cases/:id`) in `path`, or null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean)
  const got = path.split('/').filter(Boolean)
  if (want.length !== got.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] as string
    const value = got[i] as string
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(value)
    else if (segment !== value) return null
  }
  return params
}

type LinkProps = JSX.HTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren }

export function Link({ href, onClick, children, ...rest }: LinkProps) {
  const handle = (event: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
    if (typeof onClick === 'function') onClick(event)
    // Let the browser open new tabs/windows; route the rest in place.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(href)
  }
  return <a href={href} onClick={handle} {...rest}>{children}</a>
}
