// @ts-nocheck
import { sql } from 'kysely';
import pg from 'pg';
import type { ChangeSignal } from '../dialect.js';

const CHANNEL = 'fpgo_merchants_changed';

/** LISTEN/NOTIFY on one channel; while the listener is down, everything counts as changed. */
export function postgresChangeSignal(connectionString: string, options: { searchPathOptions?: string } = {}): ChangeSignal {
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
    await next.query(`LISTEN ${CHANNEL}`);
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
      await sql`select pg_notify(${CHANNEL}, '')`.execute(trx);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      listening = false;
      await client?.end().catch(() => {});
    },
  };
}
