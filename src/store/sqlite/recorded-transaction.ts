/**
 * Runs transaction work against a Kysely whose connection records each statement instead of running
 * it, so the statements can be run elsewhere (the batch writer's thread). Only statements whose
 * answer nobody reads can be recorded: a SELECT, a RETURNING or a PRAGMA needs a live connection, and
 * recording then stops with NeedsConnection so the caller runs the work for real.
 */
import {
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type Transaction,
} from 'kysely';
import type { Database } from '../schema.js';
import type { Statement } from './batch-writer.js';

export class NeedsConnection extends Error {
  constructor(sql: string) {
    super(`this statement's answer is read, so it needs a live connection: ${sql.slice(0, 80)}`);
  }
}

const ANSWERED = /^\s*(select|pragma)\b|\breturning\b/i;

class RecordingConnection implements DatabaseConnection {
  /** Where the transaction being recorded puts its statements (one recording at a time, see TransactionRecorder). */
  statements: Statement[] = [];

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (query.query.kind === 'SelectQueryNode' || ANSWERED.test(query.sql)) throw new NeedsConnection(query.sql);
    // Kysely freezes its parameter lists, and structured cloning leaves its fast path for a frozen
    // array: posting a group of 32 creates took ≈ 190 µs with them, ≈ 120 µs with plain copies.
    this.statements.push({ sql: query.sql, parameters: [...query.parameters] });
    return { rows: [] };
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    throw new NeedsConnection(query.sql);
  }
}

class RecordingDriver implements Driver {
  constructor(private readonly connection: RecordingConnection) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  async beginTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

/**
 * Records transactions, one at a time: the caller holds the writer connection while it records (the
 * order statements are built in is the order they are committed in), so one Kysely serves every
 * recording instead of one built per group.
 */
export class TransactionRecorder {
  private readonly connection = new RecordingConnection();
  private readonly recorder = new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new RecordingDriver(this.connection),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });

  /** The statements `work` runs in its transaction, in order; null if one of them needs a live connection. */
  async record(work: (trx: Transaction<Database>) => Promise<void>): Promise<Statement[] | null> {
    const statements: Statement[] = [];
    this.connection.statements = statements;
    try {
      await this.recorder.transaction().execute(work);
      return statements;
    } catch (error) {
      if (error instanceof NeedsConnection) return null;
      throw error;
    } finally {
      this.connection.statements = [];
    }
  }
}
