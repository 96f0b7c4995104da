/** FPGO's response envelope (§1.2): the body's status_code always equals the HTTP status. */
// @ts-nocheck

import type { ErrorEntry } from './messages.js';

export interface SuccessEnvelope<T> {
  status_code: number;
  status_message: 'OK';
  message: string;
  is_data: boolean;
  data: T;
}

export type ErrorEnvelope =
  | { status_code: number; status_message: string; message: string; is_error: true; errors: unknown }
  | { status_code: number; status_message: string; message: string; is_data: false; data: null }
  | { status_code: number; status_message: string; message: string; is_error: false; errors: null };

export function successEnvelope<T>(status: number, message: string, data: T, isData = true): SuccessEnvelope<T> {
  return { status_code: status, status_message: 'OK', message, is_data: isData, data };
}

export function errorEnvelope(entry: ErrorEntry, message: string, errors: unknown = []): ErrorEnvelope {
  const head = { status_code: entry.status, status_message: entry.statusMessage, message };
  switch (entry.form) {
    case 'errors':
      return { ...head, is_error: true, errors };
    case 'no-data':
      return { ...head, is_data: false, data: null };
    case 'no-errors':
      return { ...head, is_error: false, errors: null };
  }
}
