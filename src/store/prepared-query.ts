/**
 * A query on the request path, compiled by Kysely once and run with fresh parameters, given in
 * the order the builder used them. Saves the compilation on every call (about 10 µs per query).
 */
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export class PreparedQuery<Row> {
  private readonly sql: string;

  constructor(
    private readonly db: Kysely<Database>,
    query: Compilable<Row>,
  ) {
    this.sql = query.compile().sql;
  }

  /** `db`: a transaction to run it in, if not the database it was prepared on. */
  async rows(parameters: readonly unknown[], db: Kysely<Database> = this.db): Promise<Row[]> {
    return (await db.executeQuery<Row>(CompiledQuery.raw(this.sql, [...parameters]))).rows;
  }
}
