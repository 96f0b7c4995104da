/**
 * The store: one Kysely database (SQLite or PostgreSQL) behind the ports of the core.
 */
import { sql } from 'kysely';
import type { NewReservationRecords } from '../reservations/create-reservation.js';
import { DuplicateKeyError, type ReservationRepository } from '../reservations/ports.js';
import type { StoredReservation } from '../reservations/reservation.js';
import { openDatabase, type DatabaseHandle } from './connect.js';
import { GroupCommit } from './group-commit.js';
import { MerchantStore } from './merchant-store.js';
import { migrateToLatest } from './migrate.js';
import { ReservationStore } from './reservation-store.js';

export class Store implements ReservationRepository {
  readonly merchants: MerchantStore;
  readonly reservations: ReservationStore;
  private readonly newReservations: GroupCommit<NewReservationRecords>;

  private constructor(readonly handle: DatabaseHandle) {
    this.merchants = new MerchantStore(handle.db, handle.merchantChanges);
    this.reservations = new ReservationStore(handle.db);
    this.newReservations = new GroupCommit({
      commitGroup: (batch) => this.write((trx) => this.reservations.insertNew(trx, batch)),
      commitOne: (item) => this.write((trx) => this.reservations.insertNew(trx, [item])),
      maxGroupSize: 64,
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
    await this.handle.merchantChanges.close();
    await this.handle.db.destroy();
  }

  private async write(work: Parameters<ReturnType<DatabaseHandle['db']['transaction']>['execute']>[0]): Promise<void> {
    try {
      await this.handle.db.transaction().execute(work);
    } catch (error) {
      throw isDuplicateKey(error) ? new DuplicateKeyError(error) : error;
    }
  }
}

function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
