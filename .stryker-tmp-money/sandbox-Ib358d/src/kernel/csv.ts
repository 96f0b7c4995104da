/**
 * CSV as spreadsheets read it (RFC 4180: comma-separated, quoted when needed, CRLF). A cell that a
 * spreadsheet would take for a formula (=, +, -, @, tab, CR at its start) is prefixed with ' so
 * text from customers or merchants can never run as one (OWASP "CSV injection").
 */
// @ts-nocheck

export type Cell = string | number | null;

function cell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
