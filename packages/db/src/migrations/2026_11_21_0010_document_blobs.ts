import { type Kysely, sql } from 'kysely'

// Document bytes stored once per content: `document_blobs` is keyed by the SHA-256 of the
// bytes, and a `documents` row (a case's upload or rendered notice) names its blob by that
// hash. The same file uploaded to ten cases, or the same notice rendered twice, is kept once.
//
// Writers keep inserting `documents` rows with their `content` (the engine's uploads and the
// append function's rendered documents alike): a trigger checks that the bytes hash to the
// row's `sha256`, stores them in `document_blobs` if that hash is new, and clears the row's
// `content`. A blob's bytes never change.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table document_blobs (
      sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
      size integer not null,
      content bytea not null,
      stored_at timestamptz not null default now(),
      check (octet_length(content) = size)
    )`.execute(db)

  // The rows already kept must hash to what they say before their bytes move.
  await sql`
    do $$
    declare v_bad bigint;
    begin
      select id into v_bad from documents where content is not null and encode(sha256(content), 'hex') <> sha256 order by id limit 1;
      if v_bad is not null then
        raise exception 'document % does not hash to its recorded sha256; fix it before migrating', v_bad;
      end if;
    end $$`.execute(db)
  await sql`
    insert into document_blobs (sha256, size, content)
    select distinct on (sha256) sha256, octet_length(content), content from documents where content is not null order by sha256, id`.execute(db)
  await sql`alter table documents alter column content drop not null`.execute(db)
  await sql`update documents set content = null where content is not null`.execute(db)
  await sql`alter table documents add constraint documents_sha256_fkey foreign key (sha256) references document_blobs (sha256)`.execute(db)
  await sql`create index documents_case_sha256_idx on documents (case_id, sha256)`.execute(db)
  await sql`create index documents_sha256_idx on documents (sha256)`.execute(db)

  await sql`
    create function documents_store_blob() returns trigger language plpgsql as $$
    begin
      if new.content is null then
        return new; -- names a blob already stored (the foreign key checks it)
      end if;
      if encode(sha256(new.content), 'hex') <> new.sha256 then
        raise exception 'document content does not hash to its sha256 %', new.sha256 using errcode = 'data_exception';
      end if;
      insert into document_blobs (sha256, size, content) values (new.sha256, octet_length(new.content), new.content)
        on conflict (sha256) do nothing;
      new.size := octet_length(new.content);
      new.content := null;
      return new;
    end $$`.execute(db)
  await sql`
    create trigger documents_store_blob before insert or update of content on documents
    for each row execute function documents_store_blob()`.execute(db)

  await sql`
    create function document_blobs_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'document_blobs: stored bytes never change (% refused)', tg_op;
    end $$`.execute(db)
  await sql`
    create trigger document_blobs_immutable before update on document_blobs
    for each row execute function document_blobs_immutable()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists documents_store_blob on documents`.execute(db)
  await sql`drop function if exists documents_store_blob()`.execute(db)
  await sql`update documents d set content = b.content from document_blobs b where b.sha256 = d.sha256 and d.content is null`.execute(db)
  await sql`alter table documents drop constraint if exists documents_sha256_fkey`.execute(db)
  await sql`drop index if exists documents_case_sha256_idx`.execute(db)
  await sql`drop index if exists documents_sha256_idx`.execute(db)
  await sql`alter table documents alter column content set not null`.execute(db)
  await sql`drop table if exists document_blobs`.execute(db)
  await sql`drop function if exists document_blobs_immutable()`.execute(db)
}
