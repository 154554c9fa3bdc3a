/**
 * The agencies whose queues a router serves. `spec` is `all`, or a comma list whose
 * items are agency ids (`police-620400`) or GB/T 2260 division prefixes (`62`, `6204`).
 * Returns the matching ids and the items that matched nothing.
 */
export function selectAgencies(agencies: ReadonlyArray<{ id: string; division_code: string }>, spec: string): { ids: string[]; unmatched: string[] } {
  const items = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (items.length === 0 || items.includes('all')) return { ids: agencies.map((a) => a.id), unmatched: [] }
  const matches = (item: string, a: { id: string; division_code: string }) => (/^\d+$/.test(item) ? a.division_code.startsWith(item) : a.id === item)
  return {
    ids: agencies.filter((a) => items.some((item) => matches(item, a))).map((a) => a.id),
    unmatched: items.filter((item) => !agencies.some((a) => matches(item, a))),
  }
}
