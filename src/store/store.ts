/**
 * The store: one Kysely database (SQLite or PostgreSQL) behind the core's repository ports
 * (src/reservations/ports.ts), every write through one group-committing transactor.
 */
import { sql } from 'kysely';
import { systemClock, type Clock } from '../kernel/clock.js';
import { CallbackStore } from './callback-store.js';
import { openDatabase } from './connect.js';
import type { DatabaseHandle } from './dialect.js';
import { HistoryLog } from './history-log.js';
import { IdempotencyStore } from './idempotency-store.js';
import { IdentityLoginStore } from './identity-login-store.js';
import { LedgerStore } from './ledger-store.js';
import { LifecycleStore } from './lifecycle-store.js';
import { MerchantStore } from './merchant-store.js';
import { NotificationStore } from './notification-store.js';
import { migrateToLatest } from './migrate.js';
import { PaymentStore } from './payment-store.js';
import { ReservationSearchStore } from './reservation-search.js';
import { ReservationStore } from './reservation-store.js';
import { transactor, type Transactor, type TransactorHooks } from './transactor.js';

export interface StoreOptions extends Pick<TransactorHooks, 'committed'> {
  /** Real time, for what the store stamps itself (when a callback became due). */
  clock?: Clock;
  /** SECRETS_KEY: callback secrets are stored sealed with it (secret-box.ts). */
  secretsKey?: Buffer | null;
}
import { SecretBox } from './secret-box.js';
import { UserStore } from './user-store.js';

export class Store {
  readonly merchants: MerchantStore;
  readonly reservations: ReservationStore;
  readonly payments: PaymentStore;
  readonly lifecycle: LifecycleStore;
  readonly callbacks: CallbackStore;
  /** The notifications outbox and the development outbox. */
  readonly notifications: NotificationStore;
  readonly idempotency: IdempotencyStore;
  readonly identityLogins: IdentityLoginStore;
  readonly ledger: LedgerStore;
  /** The merchants' hash-chained history. */
  readonly history: HistoryLog;
  readonly users: UserStore;
  readonly search: ReservationSearchStore;
  private readonly transaction: Transactor;

  private constructor(
    private readonly handle: DatabaseHandle,
    options: StoreOptions,
  ) {
    const { db, dialect } = handle;
    this.history = new HistoryLog(db, dialect);
    this.transaction = transactor(handle, {
      finish: (trx, recorded) => this.history.chainStaged(trx, recorded),
      committed: options.committed,
      failed: () => this.history.forgetHeads(),
      builtOnMovedState: (error) => HistoryLog.headMoved(error),
    });
    const secrets = SecretBox.of(options.secretsKey ?? null);
    this.merchants = new MerchantStore(db, this.transaction, handle.merchantChanges, secrets);
    this.idempotency = new IdempotencyStore(this.transaction, dialect);
    this.notifications = new NotificationStore(db, this.transaction, dialect, options.clock ?? systemClock, this.history);
    this.reservations = new ReservationStore(db, this.transaction, this.idempotency, this.history, secrets, this.notifications);
    this.callbacks = new CallbackStore(db, this.transaction, dialect, options.clock ?? systemClock, this.history, secrets);
    this.lifecycle = new LifecycleStore(db, this.transaction, dialect, this.reservations, this.callbacks, this.notifications, this.idempotency, this.history);
    this.ledger = new LedgerStore(db);
    this.payments = new PaymentStore(this.transaction, this.callbacks, this.idempotency, this.history);
    this.identityLogins = new IdentityLoginStore(db, this.transaction, this.history);
    this.users = new UserStore(db, this.transaction);
    this.search = new ReservationSearchStore(db);
  }

  static async open(url: string, options: StoreOptions = {}): Promise<Store> {
    return new Store(await openDatabase(url), options);
  }

  /**
   * The database, for tests and tools that read or change rows directly: through the writer, so
   * such a change takes its turn with fpgo's own transactions (on SQLite a write from the request
   * thread would wait, blocking that thread, for a transaction only that thread can finish).
   */
  get db() {
    return this.handle.writer;
  }

  /** Where the data lives, without credentials (for logs). */
  get label(): string {
    return this.handle.label;
  }

  /** Applies pending migrations; returns their names. */
  migrate(): Promise<string[]> {
    return migrateToLatest(this.handle);
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

  /** Waits for pending writes, then closes the connections. */
  async close(): Promise<void> {
    await this.transaction.drain();
    await this.handle.close();
  }
}
