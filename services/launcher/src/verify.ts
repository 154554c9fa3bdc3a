// `bin/xianjie verify [--within <division>]`: checks the hash chain of every case in
// DATABASE_URL (or those of one jurisdiction), printing progress, then each broken case with
// its first broken position, then every daily anchor. Exit 0 when all holds, 1 when something
// is broken, 2 on misuse.
import { calendar } from '@xianjie/calendar'
import { databaseFromEnv } from '@xianjie/db'
import { createEngine, PROCEDURES } from '@xianjie/engine'

const args = process.argv.slice(2)
const withinAt = args.indexOf('--within')
const within = withinAt >= 0 ? args[withinAt + 1] : undefined
if (withinAt >= 0 && !/^\d{6}$/.test(within ?? '')) {
  console.error('usage: verify [--within <six-digit division code>]')
  process.exit(2)
}
const db = databaseFromEnv('verify reads the database a running Xianjie uses')
try {
  const engine = createEngine({ db, procedures: PROCEDURES, calendar })
  const result = await engine.verifyAll({
    ...(within ? { within } : {}),
    onProgress: ({ cases, events, broken }) => process.stderr.write(`\rverified ${cases} cases, ${events} events, ${broken} broken`),
  })
  process.stderr.write('\n')
  for (const b of result.broken) console.log(`BROKEN case ${b.caseId} at event ${b.brokenAt}: ${b.reason}`)
  console.log(`${result.ok ? 'ok' : 'BROKEN'}: ${result.cases} cases, ${result.events} events, ${result.broken.length} broken, ${result.ms} ms`)
  // The daily anchors catch a chain rewritten whole, which its own check cannot.
  const anchors = await engine.verifyAnchors()
  for (const a of anchors.broken) console.log(`BROKEN anchor ${a.day}: anchored ${a.anchored.cases} cases ${a.anchored.root}, now ${a.now.cases} cases ${a.now.root}`)
  console.log(`${anchors.ok ? 'ok' : 'BROKEN'}: ${anchors.anchors} daily anchors, ${anchors.broken.length} broken`)
  process.exitCode = result.ok && anchors.ok ? 0 : 1
} finally {
  await db.destroy()
}
