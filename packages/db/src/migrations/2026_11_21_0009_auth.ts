import { type Kysely, sql } from 'kysely'

// Authentication (docs: README "Security"): people sign in with a password (scrypt, PHC-like
// string in `users.password_hash`; null → that user cannot sign in with a password: demo and
// identity-provider users), and keep a sign-in alive with rotating refresh tokens; an
// agency's own systems read with API keys. Only hashes are stored, never a token or a key.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table users
      add column password_hash text,
      add column disabled_at timestamptz`.execute(db)

  // One row per refresh token ever issued. A sign-in starts a family; each refresh revokes
  // the token presented and issues its successor (replaced_by) in the same family, so a
  // token presented twice betrays a theft and ends the whole family.
  await sql`
    create table refresh_tokens (
      id uuid primary key,
      user_id text not null references users (id),
      family uuid not null,
      token_hash bytea not null unique check (octet_length(token_hash) = 32),
      issued_at timestamptz not null,
      expires_at timestamptz not null,
      revoked_at timestamptz,
      replaced_by uuid references refresh_tokens (id)
    )`.execute(db)
  await sql`create index refresh_tokens_family_idx on refresh_tokens (family) where revoked_at is null`.execute(db)
  await sql`create index refresh_tokens_user_idx on refresh_tokens (user_id) where revoked_at is null`.execute(db)

  // An agency's machine clients: `xjk_<id>_<secret>`; the id is public, the secret is kept
  // only as its SHA-256. Read-only (GET) by design, enforced by the api.
  await sql`
    create table api_keys (
      id text primary key check (id ~ '^[a-z0-9]{8,32}$'),
      agency_id text not null references agencies (id),
      secret_hash bytea not null check (octet_length(secret_hash) = 32),
      label text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      revoked_at timestamptz,
      last_used_at timestamptz
    )`.execute(db)
  await sql`create index api_keys_agency_idx on api_keys (agency_id, created_at)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists api_keys`.execute(db)
  await sql`drop table if exists refresh_tokens`.execute(db)
  await sql`alter table users drop column if exists password_hash, drop column if exists disabled_at`.execute(db)
}
