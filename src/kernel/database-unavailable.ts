/**
 * Errors that mean the database cannot be reached or written just now — connections killed or
 * refused, PostgreSQL restarting, an SQLite file that became read-only or a full disk —, as
 * opposed to a fault of ours. They answer 503 (retry in a moment), not 500: nothing was written.
 */
const CODES = new Set([
  // Network, as Node and pg report it.
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  // PostgreSQL: admin_shutdown (pg_terminate_backend), crash_shutdown, cannot_connect_now, connection failures, read-only transaction, disk full.
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
  '25006',
  '53100',
  // SQLite: read-only file or directory, full disk, I/O error, cannot open.
  'SQLITE_READONLY',
  'SQLITE_READONLY_DIRECTORY',
  'SQLITE_READONLY_DBMOVED',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
]);

/** pg's own messages for a connection lost while in use, which carry no code. */
const MESSAGES = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (CODES.has(code) || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY'))) return true;
  return typeof message === 'string' && MESSAGES.test(message);
}
