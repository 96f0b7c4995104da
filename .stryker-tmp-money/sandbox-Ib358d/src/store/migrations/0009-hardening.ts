// @ts-nocheck
import { sql, type Kysely } from 'kysely';

/**
 * Hardening: a pending money movement remembers when to ask the gateway about it (the reconciler
 * resolves movements whose answer never came) and who started it; history no longer names API
 * tokens by 16 characters of the token itself but by a label derived from its hash.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Real time, ms: when the reconciler may look the movement up (null once it is settled or for old rows).
  await db.schema.alterTable('transactions').addColumn('next_lookup_at', 'bigint').execute();
  await db.schema.alterTable('transactions').addColumn('action_by', 'text').execute();
  await db.schema.createIndex('transactions_pending_lookup').on('transactions').columns(['state', 'next_lookup_at']).execute();
  // "API token fpgo_test_AbCdEf…" → "API token tok_0123456789ab" (the first 12 hex digits of the token's hash).
  await sql`
    update reservation_events
       set action_by = coalesce(
             (select 'API token tok_' || substr(t.token_hash, 1, 12) from api_tokens t
               where reservation_events.action_by = 'API token ' || t.prefix || '…' limit 1),
             'API token')
     where action_by like 'API token %…'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('transactions_pending_lookup').execute();
  await db.schema.alterTable('transactions').dropColumn('action_by').execute();
  await db.schema.alterTable('transactions').dropColumn('next_lookup_at').execute();
}
