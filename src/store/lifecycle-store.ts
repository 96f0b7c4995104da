/** Reservations with their ledger, for the lifecycle operations (implements the core's LifecycleRepository). */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { StoredCard } from '../reservations/cards.js';
import type { ChargeLine, MoneyTransaction, RefundSource, ReservationState, TransactionKind, TransactionState } from '../reservations/ledger.js';
import type { LifecycleRepository, PendingLookup } from '../reservations/ports.js';
import type { HistoryEvent } from '../reservations/reservation.js';
import type { Decision, WritePlan } from '../reservations/write-plan.js';
import type { CallbackStore } from './callback-store.js';
import type { Dialect } from './dialect.js';
import type { HistoryLog } from './history-log.js';
import { toEvent } from './history-rows.js';
import type { IdempotencyStore } from './idempotency-store.js';
import { couldBeStored } from './storable.js';
import type { NotificationStore } from './notification-store.js';
import { lineRow, toLine, type ReservationStore } from './reservation-store.js';
import { createdAtOf } from './reservation-time-order.js';
import { PreparedQuery } from './prepared-query.js';
import type { Database, TransactionsTable } from './schema.js';
import type { Transactor } from './transactor.js';

type Db = Kysely<Database> | Transaction<Database>;

export class LifecycleStore implements LifecycleRepository {
  /** The ledger's reads of every Details and lifecycle operation, compiled once. */
  private readonly reads: ReturnType<typeof ledgerReads>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly transaction: Transactor,
    private readonly dialect: Dialect,
    private readonly reservations: ReservationStore,
    private readonly callbacks: CallbackStore,
    private readonly notifications: NotificationStore,
    private readonly idempotency: IdempotencyStore,
    private readonly historyLog: HistoryLog,
  ) {
    this.reads = ledgerReads(db);
  }

  async load(merchantId: string, uuid: string): Promise<ReservationState | undefined> {
    if (!couldBeStored(uuid)) return undefined;
    return this.dialect.readTogether(this.db, (db) => this.loadIn(db, merchantId, uuid));
  }

  async decide<T>(merchantId: string, uuid: string, decide: (state: ReservationState) => Decision<T>) {
    if (!couldBeStored(uuid)) return undefined;
    let plan: WritePlan | undefined;
    const outcome = await this.transaction(async (trx) => {
      // One decision per reservation at a time.
      await this.dialect.lockRows(trx.selectFrom('reservations').select('uuid').where('uuid', '=', uuid).where('merchant_id', '=', merchantId));
      const state = await this.loadIn(trx, merchantId, uuid);
      if (!state) return undefined;
      const decision = decide(state);
      const chargeLines = (decision.plan && (await this.apply(trx, decision.plan))) || [];
      plan = decision.plan;
      return { result: decision.result, chargeLines };
    });
    if (outcome && plan) this.announce(plan);
    return outcome;
  }

  async write(plan: WritePlan): Promise<boolean> {
    const applied = await this.transaction(async (trx) => (await this.apply(trx, plan)) !== null);
    if (applied) this.announce(plan);
    return applied;
  }

  /** Wakes the delivery workers of what a committed plan enqueued. */
  private announce(plan: WritePlan): void {
    if (plan.callbacks?.length) this.callbacks.announce();
    if (plan.notifications?.length) this.notifications.announce();
  }

  async history(merchantId: string, from: number, to: number, limit: number): Promise<HistoryEvent[]> {
    const rows = await this.db
      .selectFrom('reservation_events')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .where('occurred_at', '>=', from)
      .where('occurred_at', '<=', to)
      .orderBy('occurred_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  async claimLookups(now: number, leaseUntil: number, limit: number, only?: string): Promise<PendingLookup[]> {
    if (only !== undefined && !couldBeStored(only)) return [];
    return this.transaction(async (trx) => {
      const due = trx
        .selectFrom('transactions as t')
        .select('t.id')
        .where('t.state', '=', 'pending')
        .$if(only === undefined, (query) => query.where('t.next_lookup_at', '<=', now))
        .$if(only !== undefined, (query) => query.where('t.uuid', '=', only!))
        .orderBy('t.next_lookup_at')
        .limit(limit);
      const claimed = await trx
        .updateTable('transactions')
        .set({ next_lookup_at: leaseUntil })
        .where('id', 'in', this.dialect.skipLocked(due, 't'))
        // Checked again on the row as it is now: another node that claimed it after our snapshot was taken wins.
        .where('state', '=', 'pending')
        .$if(only === undefined, (query) => query.where('next_lookup_at', '<=', now))
        .returning(['uuid', 'reservation_uuid', 'merchant_id'])
        .execute();
      if (claimed.length === 0) return [];
      const merchants = await trx
        .selectFrom('merchants')
        .select(['id', 'mode', 'test_clock_offset_ms'])
        .where('id', 'in', [...new Set(claimed.map((row) => row.merchant_id))])
        .execute();
      const merchantOf = new Map(merchants.map((m) => [m.id, { id: m.id, mode: m.mode === 'live' ? ('live' as const) : ('test' as const), testClockOffsetMs: m.test_clock_offset_ms }]));
      return claimed.map((row) => ({ merchant: merchantOf.get(row.merchant_id)!, reservationUuid: row.reservation_uuid, uuid: row.uuid }));
    });
  }

  private async loadIn(db: Db, merchantId: string, uuid: string): Promise<ReservationState | undefined> {
    const stored = await this.reservations.find(merchantId, uuid, db);
    if (!stored) return undefined;
    const [transactionRows, lineRows, chargeLineRows, [card]] = await Promise.all([
      this.reads.transactions.rows([uuid], db),
      this.reads.transactionLines.rows([uuid], db),
      this.reads.chargeLines.rows([stored.reservation.createdAt, uuid], db),
      this.reads.card.rows([uuid], db),
    ]);
    const chargeLines: ChargeLine[] = chargeLineRows.map((row) => ({ ...toLine(row), chargeUuid: row.charge_uuid! }));
    const transactions = transactionRows.map((row) => toTransaction(row, lineRows, chargeLines));
    const storedCard: StoredCard | null = card
      ? { token: card.token, brand: card.brand === 'mastercard' ? 'mastercard' : 'visa', last4: card.last4, expiryMonth: card.expiry_month, expiryYear: card.expiry_year }
      : null;
    return { ...stored, transactions, chargeLines, card: storedCard };
  }

  /**
   * Applies a plan in `trx`; returns the product lines a charge added, with their ids — or null,
   * writing nothing, when a transaction to settle was settled already (by a concurrent retry).
   */
  private async apply(trx: Transaction<Database>, plan: WritePlan): Promise<ChargeLine[] | null> {
    for (const s of plan.settle ?? []) {
      const settled = await trx
        .updateTable('transactions')
        .set({ state: s.state, gateway_id: s.gatewayId, settled_at: s.at })
        .where('uuid', '=', s.uuid)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      if (settled.numUpdatedRows !== 1n) return null;
    }
    for (const again of plan.lookUpAgain ?? []) {
      await trx.updateTable('transactions').set({ next_lookup_at: again.at }).where('uuid', '=', again.uuid).where('state', '=', 'pending').execute();
    }
    for (const t of plan.transactions ?? []) {
      await trx
        .insertInto('transactions')
        .values({
          uuid: t.uuid,
          merchant_id: t.merchantId,
          reservation_uuid: t.reservationUuid,
          kind: t.kind,
          state: t.state,
          amount: t.amount,
          gateway_id: t.gatewayId,
          note: t.note,
          refund_of: t.refundOf,
          source: t.source,
          idempotency_key_id: t.idempotencyKeyId,
          created_at: t.createdAt,
          next_lookup_at: t.lookupAt,
          action_by: t.actionBy,
        })
        .execute();
      if (t.kind !== 'charge' && t.lines.length) {
        await trx.insertInto('transaction_lines').values(t.lines.map((l) => ({ transaction_uuid: t.uuid, product_line_id: l.lineId, amount: l.amount }))).execute();
      }
    }
    const chargeLines: ChargeLine[] = [];
    for (const line of plan.chargeLines ?? []) {
      const { reservationUuid, chargeUuid, ...fields } = line;
      const inserted = await trx
        .insertInto('product_lines')
        .values({ ...lineRow(reservationUuid, createdAtOf(reservationUuid), fields), charge_uuid: chargeUuid })
        .returning('id')
        .executeTakeFirstOrThrow();
      chargeLines.push({ ...fields, id: inserted.id, reserved: 0, chargeUuid });
    }
    if (plan.status) {
      const closing = plan.status.to === 'COMPLETED' || plan.status.to === 'CANCELLED';
      await trx
        .updateTable('reservations')
        .set({ status: plan.status.to, closed_at: closing ? plan.status.at : null })
        .where('uuid', '=', plan.status.reservationUuid)
        .execute();
    }
    this.historyLog.stage(trx, plan.events ?? []);
    if (plan.callbacks?.length) await this.callbacks.enqueue(trx, plan.callbacks);
    await this.notifications.enqueue(trx, plan.notifications ?? []);
    if (plan.response) await this.idempotency.completeIn(trx, plan.response);
    return chargeLines;
  }
}

function toTransaction(
  row: Selectable<TransactionsTable>,
  lines: { transaction_uuid: string; product_line_id: number; amount: number }[],
  chargeLines: ChargeLine[],
): MoneyTransaction {
  const kind = row.kind as TransactionKind;
  return {
    uuid: row.uuid,
    kind,
    state: row.state as TransactionState,
    amount: row.amount,
    createdAt: row.created_at,
    gatewayId: row.gateway_id,
    note: row.note,
    refundOf: row.refund_of,
    source: row.source as RefundSource | null,
    idempotencyKeyId: row.idempotency_key_id,
    actionBy: row.action_by,
    lines:
      kind === 'charge'
        ? chargeLines.filter((l) => l.chargeUuid === row.uuid).map((l) => ({ lineId: l.id, amount: l.amount }))
        : lines.filter((l) => l.transaction_uuid === row.uuid).map((l) => ({ lineId: l.product_line_id, amount: l.amount })),
  };
}

/** Parameters: the reservation's uuid (and, for its charges' lines, its created_at first). */
function ledgerReads(db: Kysely<Database>) {
  return {
    transactions: new PreparedQuery(db, db.selectFrom('transactions').selectAll().where('reservation_uuid', '=', '').orderBy('id')),
    transactionLines: new PreparedQuery(
      db,
      db
        .selectFrom('transaction_lines')
        .innerJoin('transactions', 'transactions.uuid', 'transaction_lines.transaction_uuid')
        .select(['transaction_lines.transaction_uuid', 'transaction_lines.product_line_id', 'transaction_lines.amount'])
        .where('transactions.reservation_uuid', '=', '')
        .orderBy('transaction_lines.id'),
    ),
    chargeLines: new PreparedQuery(
      db,
      db
        .selectFrom('product_lines')
        .selectAll()
        .where('reservation_created_at', '=', 0)
        .where('reservation_uuid', '=', '')
        .where('charge_uuid', 'is not', null)
        .orderBy('id'),
    ),
    card: new PreparedQuery(db, db.selectFrom('payment_cards').selectAll().where('reservation_uuid', '=', '')),
  };
}
