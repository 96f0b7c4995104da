/**
 * The store: one Kysely database (SQLite or PostgreSQL) behind the ports of the core.
 */
import { sql } from 'kysely';
import type { NewReservationRecords } from '../reservations/create-reservation.js';
import type { ReservationRepository } from '../reservations/ports.js';
import type { StoredReservation } from '../reservations/reservation.js';
import { openDatabase, type DatabaseHandle } from './connect.js';
import { CallbackStore } from './callback-store.js';
import { GroupCommit } from './group-commit.js';
import { IdempotencyStore } from './idempotency-store.js';
import { LifecycleStore } from './lifecycle-store.js';
import { MerchantStore } from './merchant-store.js';
import { migrateToLatest } from './migrate.js';
import { PaymentStore } from './payment-store.js';
import { ReservationStore } from './reservation-store.js';
import { transactor, type Transactor } from './transactor.js';

export class Store implements ReservationRepository {
  readonly merchants: MerchantStore;
  readonly reservations: ReservationStore;
  readonly payments: PaymentStore;
  readonly callbacks: CallbackStore;
  readonly idempotency: IdempotencyStore;
  readonly lifecycle: LifecycleStore;
  private readonly newReservations: GroupCommit<NewReservationRecords>;
  readonly transaction: Transactor;

  private constructor(readonly handle: DatabaseHandle) {
    this.transaction = transactor(handle);
    this.merchants = new MerchantStore(handle.db, this.transaction, handle.merchantChanges);
    this.idempotency = new IdempotencyStore(this.transaction, handle.backend);
    this.reservations = new ReservationStore(handle.db, this.idempotency);
    this.callbacks = new CallbackStore(handle.db, this.transaction, handle.backend);
    this.lifecycle = new LifecycleStore(handle.db, this.transaction, handle.backend, this.reservations, this.callbacks, this.idempotency);
    this.payments = new PaymentStore(handle.db, this.transaction, this.reservations, this.callbacks, this.idempotency);
    this.newReservations = new GroupCommit({
      commitGroup: (batch) => this.transaction((trx) => this.reservations.insertNew(trx, batch)),
      commitOne: (item) => this.transaction((trx) => this.reservations.insertNew(trx, [item])),
      maxGroupSize: 64,
      // SQLite has one writer; PostgreSQL commits several groups at once on its pool.
      maxConcurrentCommits: handle.backend === 'sqlite' ? 1 : 4,
    });
  }

  static async open(url: string): Promise<Store> {
    return new Store(await openDatabase(url));
  }

  get db() {
    return this.handle.db;
  }

  async migrate(): Promise<string[]> {
    return (await migrateToLatest(this.handle.db, this.handle.schema)).applied;
  }

  /** True when the database answers a trivial query. */
  async ping(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.handle.db);
      return true;
    } catch {
      return false;
    }
  }

  saveNew(records: NewReservationRecords): Promise<void> {
    return this.newReservations.submit(records);
  }

  customerExists(merchantId: string, customerUuid: string): Promise<boolean> {
    return this.reservations.customerExists(merchantId, customerUuid);
  }

  find(merchantId: string, uuid: string): Promise<StoredReservation | undefined> {
    return this.reservations.find(merchantId, uuid);
  }

  /** Waits for pending writes, then closes the connections. */
  async close(): Promise<void> {
    await this.newReservations.drain();
    await this.transaction.drain();
    await this.handle.close();
  }
}
