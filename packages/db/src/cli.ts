// `node packages/db/src/cli.ts migrate|seed`: runs against DATABASE_URL.
import { loadConfig } from '@xianjie/config'
import { databaseFromEnv } from './from-env.ts'
import { migrateToLatest } from './migrate.ts'
import { seedDemo } from './seed.ts'

const command = process.argv[2]
// The demo users sign in by id without a password: never seeded by accident.
if (command === 'seed' && !loadConfig().demo) {
  console.error('seed adds the demo agencies and users (sign-in by user id, no password): set XIANJIE_DEMO=true to seed a demo database')
  process.exit(2)
}
const db = databaseFromEnv('`pnpm start` migrates the embedded database by itself')
try {
  if (command === 'migrate') {
    const result = await migrateToLatest(db)
    for (const r of result.results ?? []) console.log(`${r.status.toLowerCase()}: ${r.migrationName}`)
    if ((result.results ?? []).length === 0) console.log('database is up to date')
  } else if (command === 'seed') {
    await migrateToLatest(db)
    const counts = await seedDemo(db)
    console.log(`seeded ${counts.agencies} agencies and ${counts.users} users`)
  } else {
    console.error('usage: cli.ts migrate|seed')
    process.exitCode = 2
  }
} finally {
  await db.destroy()
}
