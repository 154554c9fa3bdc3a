import type { Kysely } from 'kysely'
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely/migration'
import * as spine from './migrations/2026_11_21_0001_spine.ts'
import * as hotUpdates from './migrations/2026_11_21_0002_hot_updates.ts'
import * as eventFunctions from './migrations/2026_11_21_0003_event_functions.ts'
import * as assignedParties from './migrations/2026_11_21_0004_assigned_parties.ts'
import * as creditList from './migrations/2026_11_21_0005_credit_list.ts'
import * as caseViews from './migrations/2026_11_21_0006_case_views.ts'
import * as dailyAnchors from './migrations/2026_11_21_0007_daily_anchors.ts'
import * as supervision from './migrations/2026_11_21_0008_supervision.ts'
import * as auth from './migrations/2026_11_21_0009_auth.ts'
import * as documentBlobs from './migrations/2026_11_21_0010_document_blobs.ts'
import * as stepRollup from './migrations/2026_11_21_0011_step_rollup.ts'
import * as caseParties from './migrations/2026_11_21_0012_case_parties.ts'

/** Every migration, in order. Append only. */
const MIGRATIONS: Record<string, Migration> = {
  '2026_11_21_0001_spine': spine,
  '2026_11_21_0002_hot_updates': hotUpdates,
  '2026_11_21_0003_event_functions': eventFunctions,
  '2026_11_21_0004_assigned_parties': assignedParties,
  '2026_11_21_0005_credit_list': creditList,
  '2026_11_21_0006_case_views': caseViews,
  '2026_11_21_0007_daily_anchors': dailyAnchors,
  '2026_11_21_0008_supervision': supervision,
  '2026_11_21_0009_auth': auth,
  '2026_11_21_0010_document_blobs': documentBlobs,
  '2026_11_21_0011_step_rollup': stepRollup,
  '2026_11_21_0012_case_parties': caseParties,
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

/** Runs pending migrations; throws with the failing migration's name if one fails. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider })
  const result = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed`, { cause: result.error })
  }
  return result
}
