/** Messages between the request thread and the SQLite writer thread. */
// @ts-nocheck

export type WriterRequest = { kind: 'query'; id: number; sql: string; parameters: readonly unknown[] } | { kind: 'close' };

export type WriterReply =
  | { id: number; ok: true; rows: unknown[]; changes?: number; lastInsertRowid?: bigint }
  | { id: number; ok: false; message: string; code: string | undefined };
