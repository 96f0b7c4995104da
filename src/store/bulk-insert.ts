/**
 * Multi-row inserts for the hot write path. Kysely builds each statement shape (table, columns,
 * row count) once; later groups reuse that SQL with fresh parameters, so a group of N creates costs
 * N parameter lists instead of N query compilations.
 */
import { CompiledQuery, type Insertable, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from './schema.js';

/** A column the statement fills by SQL from another column's value (`sql` of one parameter, e.g. a lookup). */
export interface DerivedColumn {
  column: string;
  from: string;
  sql(parameter: unknown): RawBuilder<unknown>;
}

/** Rows per statement: keeps parameters far below SQLite's and PostgreSQL's limits. */
const ROWS_PER_STATEMENT = 64;

export class BulkInsert {
  private readonly sqlByShape = new Map<string, string>();

  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Inserts rows that all have the same keys (the row mappers of the store produce complete rows), and
   * `derived`'s column, computed from each row's `derived.from`.
   */
  async into<T extends keyof Database & string>(trx: Transaction<Database>, table: T, rows: readonly Insertable<Database[T]>[], derived?: DerivedColumn): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!) as (keyof Insertable<Database[T]> & string)[];
    const from = derived?.from as keyof Insertable<Database[T]> | undefined;
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
      const parameters: unknown[] = [];
      for (const row of chunk) {
        for (const column of columns) parameters.push(row[column] ?? null);
        if (from !== undefined) parameters.push(row[from] ?? null);
      }
      await trx.executeQuery(CompiledQuery.raw(this.sqlFor(table, columns, chunk.length, derived), parameters));
    }
  }

  private sqlFor(table: keyof Database & string, columns: readonly string[], rowCount: number, derived: DerivedColumn | undefined): string {
    const shape = `${table}(${columns.join(',')}${derived ? `,${derived.column}` : ''})x${rowCount}`;
    let sql = this.sqlByShape.get(shape);
    if (!sql) {
      // The derived column last: its one parameter follows the row's own in each row's list.
      const placeholder: Record<string, unknown> = Object.fromEntries(columns.map((column) => [column, null]));
      if (derived) placeholder[derived.column] = derived.sql(null);
      sql = this.db
        .insertInto(table)
        .values(Array.from({ length: rowCount }, () => placeholder) as never)
        .compile().sql;
      this.sqlByShape.set(shape, sql);
    }
    return sql;
  }
}
