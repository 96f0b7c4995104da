/**
 * Work held back to the end of the turn runs in the order it was queued, before the next turn's
 * socket reads, and work a batch sets off (through its promises) joins the same turn.
 */
import { describe, expect, it } from 'vitest';
import { atEndOfTurn } from '../src/kernel/end-of-turn.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('atEndOfTurn', () => {
  it('runs tasks after the code that queued them, in order, before an immediate queued between them', async () => {
    const ran: string[] = [];
    atEndOfTurn(() => ran.push('first'));
    setImmediate(() => ran.push('immediate'));
    atEndOfTurn(() => ran.push('second'));
    ran.push('sync');
    await nextTurn();
    expect(ran).toEqual(['sync', 'first', 'second', 'immediate']);
  });

  it('runs a task queued by the promise reactions of a running task in the same turn, once those reactions have settled', async () => {
    const ran: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const waiter = async (name: string) => {
      await released;
      await null;
      await null;
      ran.push(name);
      atEndOfTurn(() => ran.push(`task queued by ${name}`));
    };
    void waiter('a');
    void waiter('b');
    atEndOfTurn(() => {
      ran.push('batch');
      release();
      // Queued while the batch runs: an immediate of the next turn.
      setImmediate(() => ran.push('next turn'));
    });
    atEndOfTurn(() => ran.push('queued before the batch ran'));
    await nextTurn();
    await nextTurn();
    expect(ran).toEqual(['batch', 'a', 'b', 'queued before the batch ran', 'task queued by a', 'task queued by b', 'next turn']);
  });

  it('starts over for a later turn once its queue is empty', async () => {
    const ran: number[] = [];
    atEndOfTurn(() => ran.push(1));
    await nextTurn();
    atEndOfTurn(() => ran.push(2));
    await nextTurn();
    expect(ran).toEqual([1, 2]);
  });
});
