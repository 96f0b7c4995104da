/**
 * The history of each merchant is a hash chain, as audit logs that must show tampering are kept
 * (PCI DSS 10.3; Formance and TigerBeetle chain theirs): every event carries its place in the
 * merchant's chain and hash = SHA-256(previous hash ‖ canonical event). Recomputing the chain finds
 * the first event that was edited, deleted, inserted or moved. Someone who can rewrite the whole
 * database can also rewrite the whole chain, so the head is handed out (in the ledger export) for
 * merchants to keep: a head that no longer matches theirs shows the rewrite.
 *
 *   genesis("MER1")                 = sha256("fpgo history chain\nMER1")
 *   link(previous, 1, event)        = sha256(previous + "\n" + JSON [1, merchantId, reservationUuid, …, amount(, channel)])
 */
import { hash } from 'node:crypto';
import type { HistoryEvent } from '../reservations/reservation.js';

export interface ChainedEvent {
  /** The row's id, to name it. */
  id: number;
  /** Its place in the merchant's chain, from 1; null for a row written outside the chain. */
  sequence: number | null;
  hash: string | null;
  event: HistoryEvent;
  /**
   * The row is stored where its reservation's history does not look (its copy of the reservation's
   * creation time, which the chain does not cover, was changed): the event is intact but hidden.
   */
  misfiled: boolean;
}

export interface ChainHead {
  sequence: number;
  hash: string;
}

const sha256 = (text: string) => hash('sha256', text, 'hex');

/** Where a merchant's chain starts: bound to the merchant, so chains cannot be swapped between merchants. */
export function genesis(merchantId: string): string {
  return sha256(`fpgo history chain\n${merchantId}`);
}

/**
 * Every field of the event that history shows, in a fixed order, with its place in the chain.
 * `channel` came later: it is appended only when set, so events chained before it keep their hashes.
 */
export function canonicalEvent(sequence: number, e: HistoryEvent): string {
  return JSON.stringify([
    sequence,
    e.merchantId,
    e.reservationUuid,
    e.subjectUuid,
    e.title,
    e.occurredAt,
    e.sentTo,
    e.actionBy,
    e.note,
    e.paymentMethod,
    e.isRefundable,
    e.amount,
    ...(e.channel ? [e.channel] : []),
  ]);
}

export function link(previousHash: string, sequence: number, event: HistoryEvent): string {
  return sha256(`${previousHash}\n${canonicalEvent(sequence, event)}`);
}

/** Chains events after `head`: their sequences and hashes, and the head after them. */
export function extend(head: ChainHead, events: readonly HistoryEvent[]): { links: ChainHead[]; head: ChainHead } {
  let current = head;
  const links = events.map((event) => {
    const sequence = current.sequence + 1;
    current = { sequence, hash: link(current.hash, sequence, event) };
    return current;
  });
  return { links, head: current };
}

export type ChainProblem =
  | { kind: 'edited'; sequence: number; id: number }
  | { kind: 'deleted'; sequence: number }
  | { kind: 'inserted'; id: number }
  | { kind: 'misfiled'; sequence: number; id: number }
  | { kind: 'head'; expected: ChainHead; found: ChainHead };

/**
 * Recomputes a merchant's chain from its genesis over the rows in sequence order (rows without a
 * sequence last) and returns the first thing that does not fit, or null when every link holds.
 */
export function verifyChain(merchantId: string, rows: readonly ChainedEvent[], head: ChainHead | undefined): ChainProblem | null {
  let current: ChainHead = { sequence: 0, hash: genesis(merchantId) };
  for (const row of rows) {
    if (row.sequence === null || row.sequence <= current.sequence || (head && row.sequence > head.sequence)) return { kind: 'inserted', id: row.id };
    if (row.sequence > current.sequence + 1) return { kind: 'deleted', sequence: current.sequence + 1 };
    const hash = link(current.hash, row.sequence, row.event);
    if (hash !== row.hash) return { kind: 'edited', sequence: row.sequence, id: row.id };
    if (row.misfiled) return { kind: 'misfiled', sequence: row.sequence, id: row.id };
    current = { sequence: row.sequence, hash };
  }
  const expected = head ?? { sequence: 0, hash: genesis(merchantId) };
  if (expected.sequence > current.sequence) return { kind: 'deleted', sequence: current.sequence + 1 };
  if (expected.sequence !== current.sequence || expected.hash !== current.hash) return { kind: 'head', expected, found: current };
  return null;
}

/** The problem in words, for the operator. */
export function describeProblem(merchantId: string, problem: ChainProblem): string {
  switch (problem.kind) {
    case 'edited':
      return `${merchantId}: event #${problem.sequence} (row ${problem.id}) was edited, or an event before it was moved`;
    case 'deleted':
      return `${merchantId}: event #${problem.sequence} is missing (deleted)`;
    case 'inserted':
      return `${merchantId}: row ${problem.id} was inserted outside the chain`;
    case 'misfiled':
      return `${merchantId}: event #${problem.sequence} (row ${problem.id}) was moved where its reservation's history does not show it`;
    case 'head':
      return `${merchantId}: the chain ends at #${problem.found.sequence} but its head says #${problem.expected.sequence} (${problem.expected.hash.slice(0, 12)}…)`;
  }
}

/** Where the chains are read from (the store). */
export interface ChainSource {
  merchants(): Promise<string[]>;
  chain(merchantId: string): Promise<{ rows: ChainedEvent[]; head: ChainHead | undefined }>;
}

export interface ChainReport {
  merchantId: string;
  events: number;
  head: ChainHead | undefined;
  problem: ChainProblem | null;
}

/** Verifies every merchant's chain, or one merchant's. */
export async function verifyChains(source: ChainSource, merchantId?: string): Promise<ChainReport[]> {
  const merchants = merchantId ? [merchantId] : await source.merchants();
  const reports: ChainReport[] = [];
  for (const id of merchants) {
    const { rows, head } = await source.chain(id);
    reports.push({ merchantId: id, events: rows.length, head, problem: verifyChain(id, rows, head) });
  }
  return reports;
}
