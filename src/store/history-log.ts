/**
 * History events join their merchant's hash chain (src/audit/history-chain.ts) as the transaction
 * that wrote them ends: the stores stage their events, and the transactor's last step chains them.
 * Heads are locked last and in merchant order, so two transactions never wait on each other for
 * them, and merchants' chains never wait on one another.
 *
 * The heads each transaction leaves are kept. Work recorded to be committed off the request thread
 * (SQLite's batch writer) chains from them instead of reading, so a group of creates reads nothing.
 * Every head is written with a guard — the update stores NULL, which the column refuses, unless the
 * stored head is the one the events were chained to — so a head that moved meanwhile (another
 * process, the CLI) fails that transaction instead of forking the chain (`headMoved`), and it runs
 * again at once on the request thread's writer, reading the heads. A failed transaction forgets the
 * kept heads.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { extend, genesis, type ChainedEvent, type ChainHead } from '../audit/history-chain.js';
import type { HistoryEvent } from '../reservations/reservation.js';
import { BulkInsert } from './bulk-insert.js';
import type { Dialect } from './dialect.js';
import { eventRow, toEvent } from './history-rows.js';
import { PreparedQuery } from './prepared-query.js';
import { reservationCreatedAt } from './reservation-time-order.js';
import type { Database } from './schema.js';

export class HistoryLog {
  private readonly staged = new WeakMap<Transaction<Database>, HistoryEvent[]>();
  private readonly bulk: BulkInsert;
  /** The heads the last transactions left, per merchant (see above). */
  private readonly heads = new Map<string, ChainHead>();

  /**
   * Moves a merchant's head, guarded (see above): its parameters are the new sequence, the old
   * sequence and hash, the new hash, the merchant. Compiled once: a group of creates runs it for
   * every merchant it touches.
   */
  private readonly headUpdate: PreparedQuery<unknown>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {
    this.bulk = new BulkInsert(db);
    this.headUpdate = new PreparedQuery(
      db,
      db
        .updateTable('history_chains')
        .set({ sequence: 0, hash: sql<string>`case when sequence = ${0} and hash = ${''} then ${''} end` })
        .where('merchant_id', '=', ''),
    );
  }

  /** Events to write in `trx`; they are chained and inserted when its work is done. */
  stage(trx: Transaction<Database>, events: readonly HistoryEvent[]): void {
    if (events.length === 0) return;
    const staged = this.staged.get(trx);
    if (staged) staged.push(...events);
    else this.staged.set(trx, [...events]);
  }

  /** The transactor's last step: chains and inserts what `trx` staged, merchant by merchant; `recorded` work uses the kept heads. */
  async chainStaged(trx: Transaction<Database>, recorded: boolean): Promise<void> {
    const events = this.staged.get(trx);
    if (!events) return;
    this.staged.delete(trx);
    const byMerchant = new Map<string, HistoryEvent[]>();
    for (const event of events) {
      const list = byMerchant.get(event.merchantId);
      if (list) list.push(event);
      else byMerchant.set(event.merchantId, [event]);
    }
    const merchants = [...byMerchant.keys()].sort();
    // Every head first: recording stops at a read (a head not kept), before anything is remembered.
    const heads: ChainHead[] = [];
    for (const merchantId of merchants) heads.push((recorded && this.heads.get(merchantId)) || (await this.lockHead(trx, merchantId)));
    const after = new Map<string, ChainHead>();
    for (const [index, merchantId] of merchants.entries()) {
      const chained = byMerchant.get(merchantId)!;
      const before = heads[index]!;
      const { links, head } = extend(before, chained);
      await this.bulk.into(
        trx,
        'reservation_events',
        chained.map((event, position) => eventRow(event, links[position]!)),
        reservationCreatedAt,
      );
      await this.headUpdate.rows([head.sequence, before.sequence, before.hash, head.hash, merchantId], trx);
      after.set(merchantId, head);
    }
    for (const [merchantId, head] of after) this.heads.set(merchantId, head);
  }

  /** Whether a transaction failed on a head's guard: the head it chained from had moved, so it wrote nothing. */
  static headMoved(error: unknown): boolean {
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    const notNull = code === 'SQLITE_CONSTRAINT_NOTNULL' || code === '23502';
    return notNull && typeof message === 'string' && message.includes('history_chains') && message.includes('hash');
  }

  /** After a failed transaction the kept heads may be ones that were never stored. */
  forgetHeads(): void {
    this.heads.clear();
  }

  private async lockHead(trx: Transaction<Database>, merchantId: string): Promise<ChainHead> {
    const read = () => this.dialect.forUpdate(trx.selectFrom('history_chains').select(['sequence', 'hash']).where('merchant_id', '=', merchantId)).executeTakeFirst();
    const head = await read();
    if (head) return head;
    await trx
      .insertInto('history_chains')
      .values({ merchant_id: merchantId, sequence: 0, hash: genesis(merchantId) })
      .onConflict((conflict) => conflict.column('merchant_id').doNothing())
      .execute();
    return (await read())!;
  }

  /** Every merchant with a chain, for verification. */
  async merchants(): Promise<string[]> {
    return (await this.db.selectFrom('history_chains').select('merchant_id').orderBy('merchant_id').execute()).map((row) => row.merchant_id);
  }

  /** A merchant's events in chain order (rows outside the chain last) and the chain's head. */
  async chain(merchantId: string): Promise<{ rows: ChainedEvent[]; head: ChainHead | undefined }> {
    const [rows, head] = await Promise.all([
      this.db
        .selectFrom('reservation_events as e')
        .leftJoin('reservations as r', 'r.uuid', 'e.reservation_uuid')
        .selectAll('e')
        .select('r.created_at as filed_under')
        .where('e.merchant_id', '=', merchantId)
        .orderBy('e.chain_sequence')
        .orderBy('e.id')
        .execute(),
      this.db.selectFrom('history_chains').select(['sequence', 'hash']).where('merchant_id', '=', merchantId).executeTakeFirst(),
    ]);
    const chained = rows.map((row) => ({
      id: row.id,
      sequence: row.chain_sequence,
      hash: row.chain_hash,
      event: toEvent(row),
      misfiled: row.reservation_created_at !== row.filed_under,
    }));
    // NULL sorts first on SQLite and last on PostgreSQL; rows outside the chain go last either way.
    return { rows: [...chained.filter((r) => r.sequence !== null), ...chained.filter((r) => r.sequence === null)], head };
  }
}
