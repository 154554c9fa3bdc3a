// `bin/xianjie reindex`: rebuilds the supervision read models (case_index, case_refusals) of
// every case in DATABASE_URL from its stored snapshot and events, with progress. Run it once
// after upgrading a database that held cases before migration 0008, or after a procedure's
// `supervision` functions changed. Safe to run while Xianjie runs: a case's next event writes
// the same row.
import { calendar } from '@xianjie/calendar'
import { databaseFromEnv, migrateToLatest } from '@xianjie/db'
import { createEngine, PROCEDURES } from '@xianjie/engine'

const db = databaseFromEnv('reindex rebuilds the database a running Xianjie uses')
try {
  await migrateToLatest(db)
  const engine = createEngine({ db, procedures: PROCEDURES, calendar })
  const started = performance.now()
  const done = await engine.supervision.reindex({
    onProgress: ({ cases, refusals }) => process.stderr.write(`\rreindexed ${cases} cases, ${refusals} refusals added`),
  })
  process.stderr.write('\n')
  console.log(`ok: ${done.cases} cases reindexed, ${done.refusals} refusals added, ${Math.round(performance.now() - started)} ms`)
} finally {
  await db.destroy()
}
