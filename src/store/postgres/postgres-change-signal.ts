import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { ChangeSignal } from '../dialect.js';

/**
 * The channel of one schema's fpgo: NOTIFY is database-wide, so installations (and test runs) in
 * other schemas of the same database must not wake each other. Hashed: a channel name is an
 * identifier of at most 63 bytes, as a schema name may be alone.
 */
export function changeChannel(schema: string | null): string {
  return schema === null ? 'fpgo_merchants_changed' : `fpgo_merchants_changed_${createHash('sha256').update(schema).digest('hex').slice(0, 16)}`;
}

/** LISTEN/NOTIFY on the schema's channel; while the listener is down, everything counts as changed. */
export function postgresChangeSignal(connectionString: string, options: { searchPathOptions?: string; schema?: string | null } = {}): ChangeSignal {
  const channel = changeChannel(options.schema ?? null);
  let listening = false;
  let changed = true;
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const connect = async () => {
    const next = new pg.Client({ connectionString, ...(options.searchPathOptions ? { options: options.searchPathOptions } : {}) });
    client = next;
    const lost = () => {
      listening = false;
      changed = true;
      next.removeAllListeners();
      next.end().catch(() => {});
      if (!closed) retry = setTimeout(() => void connect().catch(lost), 1000);
    };
    next.on('error', lost);
    next.on('end', () => listening && lost());
    next.on('notification', () => (changed = true));
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    listening = true;
    changed = true;
  };
  void connect().catch(() => {
    changed = true;
    if (!closed) retry = setTimeout(() => void connect().catch(() => {}), 1000);
  });

  return {
    takeChanged() {
      const result = changed || !listening;
      changed = false;
      return result;
    },
    async announce(trx) {
      await sql`select pg_notify(${channel}, '')`.execute(trx);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      listening = false;
      await client?.end().catch(() => {});
    },
  };
}
