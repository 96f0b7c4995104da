/**
 * History events join their merchant's hash chain (src/audit/history-chain.ts) as the transaction
 * that wrote them ends: the stores stage their events, and the transactor's last step chains them.
 * Heads are locked last and in merchant order, so two transactions never wait on each other for
 * them, and merchants' chains never wait on one another.
 */
import type { Kysely, Transaction } from 'kysely';
import { extend, genesis, type ChainedEvent, type ChainHead } from '../audit/history-chain.js';
import type { HistoryEvent } from '../reservations/reservation.js';
import { BulkInsert } from './bulk-insert.js';
import type { Dialect } from './dialect.js';
import { eventRow, toEvent } from './history-rows.js';
import type { Database } from './schema.js';

export class HistoryLog {
  private readonly staged = new WeakMap<Transaction<Database>, HistoryEvent[]>();
  private readonly bulk: BulkInsert;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {
    this.bulk = new BulkInsert(db);
  }

  /** Events to write in `trx`; they are chained and inserted when its work is done. */
  stage(trx: Transaction<Database>, events: readonly HistoryEvent[]): void {
    if (events.length === 0) return;
    const staged = this.staged.get(trx);
    if (staged) staged.push(...events);
    else this.staged.set(trx, [...events]);
  }

  /** The transactor's last step: chains and inserts what `trx` staged, merchant by merchant. */
  async chainStaged(trx: Transaction<Database>): Promise<void> {
    const events = this.staged.get(trx);
    if (!events) return;
    this.staged.delete(trx);
    const byMerchant = new Map<string, HistoryEvent[]>();
    for (const event of events) {
      const list = byMerchant.get(event.merchantId);
      if (list) list.push(event);
      else byMerchant.set(event.merchantId, [event]);
    }
    for (const merchantId of [...byMerchant.keys()].sort()) {
      const chained = byMerchant.get(merchantId)!;
      const { links, head } = extend(await this.lockHead(trx, merchantId), chained);
      const rows = chained.map((event, index) => ({ ...eventRow(event), chain_sequence: links[index]!.sequence, chain_hash: links[index]!.hash }));
      await this.bulk.into(trx, 'reservation_events', rows);
      await trx.updateTable('history_chains').set({ sequence: head.sequence, hash: head.hash }).where('merchant_id', '=', merchantId).execute();
    }
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
      this.db.selectFrom('reservation_events').selectAll().where('merchant_id', '=', merchantId).orderBy('chain_sequence').orderBy('id').execute(),
      this.db.selectFrom('history_chains').select(['sequence', 'hash']).where('merchant_id', '=', merchantId).executeTakeFirst(),
    ]);
    const chained = rows.map((row) => ({ id: row.id, sequence: row.chain_sequence, hash: row.chain_hash, event: toEvent(row) }));
    // NULL sorts first on SQLite and last on PostgreSQL; rows outside the chain go last either way.
    return { rows: [...chained.filter((r) => r.sequence !== null), ...chained.filter((r) => r.sequence === null)], head };
  }
}
