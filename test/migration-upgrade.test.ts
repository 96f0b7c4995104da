/**
 * Upgrading a database of the first schema version that holds data: 0001 alone is applied, a
 * merchant, its token, a customer, a reservation with its lines and history are put in it (rows
 * as fpgo writes them, cut to 0001's columns), then the server migrates it to the latest version —
 * and serves that data: the token still authenticates, the details read as before, and the
 * reservation can be paid and captured through the tables the later migrations added.
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/connect.js';
import type { DatabaseHandle } from '../src/store/dialect.js';
import { migrateTo } from '../src/store/migrate.js';
import { freshDatabase, TEST_BACKEND } from './support/database.js';
import { primaryExample } from './support/fixtures.js';
import { client } from './support/http.js';
import { API, captureBody } from './support/reservations.js';
import { startApp, type TestApp } from './support/test-app.js';

/** 0001's tables, parents first; the serial ids of the last four are left to the database. */
const TABLES = ['merchants', 'api_tokens', 'customers', 'reservations', 'product_lines', 'reservation_events'] as const;
const SERIAL = new Set(['api_tokens', 'product_lines', 'reservation_events']);

async function columnsOf(handle: DatabaseHandle, table: string): Promise<string[]> {
  const rows =
    handle.schema === null
      ? await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(handle.writer)
      : await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(handle.writer);
  return rows.rows.map((row) => row.name);
}

describe(`upgrading a first-version database with data in it (${TEST_BACKEND})`, () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('migrates it to the latest version and serves its merchant, token and reservation', { timeout: 60_000 }, async () => {
    // Rows as the current fpgo writes them, from a throwaway app.
    const donor = await startApp();
    apps.push(donor);
    const m = await donor.merchant('Since 0001');
    const uuid = (await m.api.post(`${API}/create`, primaryExample())).json.data.reservationUuid as string;
    const before = (await m.api.get(`${API}/details/${uuid}`)).json.data;

    const old = await freshDatabase();
    const handle = await openDatabase(old.url);
    expect(await migrateTo(handle, '0001-initial')).toEqual(['0001-initial']);
    for (const table of TABLES) {
      const columns = (await columnsOf(handle, table)).filter((column) => !(SERIAL.has(table) && column === 'id'));
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(donor.store.db);
      expect(rows.rows.length, table).toBeGreaterThan(0);
      for (const row of rows.rows) {
        await handle.writer.insertInto(table as never).values(Object.fromEntries(columns.map((column) => [column, row[column]])) as never).execute();
      }
    }
    await handle.close();

    const upgraded = await startApp({ database: old });
    apps.push(upgraded);
    const api = client(upgraded.baseUrl, m.token);
    const after = await api.get(`${API}/details/${uuid}`);
    expect(after.status, after.text).toBe(200);
    const { productList: linesBefore, ...restBefore } = before;
    const { productList: linesAfter, ...restAfter } = after.json.data;
    expect(restAfter).toEqual(restBefore);
    expect(linesAfter.map(({ id: _id, ...line }: { id: number }) => line)).toEqual(linesBefore.map(({ id: _id, ...line }: { id: number }) => line));

    expect((await api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: '4111111111111111' })).status).toBe(200);
    const captured = await api.post(`${API}/capture/${uuid}`, captureBody([[linesAfter[0].id, 500]]));
    expect(captured.status, captured.text).toBe(202);
    expect((await api.get(`${API}/details/${uuid}`)).json.data.paymentDetails.capturedAmount).toBe(500);
  });
});
