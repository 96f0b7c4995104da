/**
 * Work held back to the end of the event loop's turn, to run in batches.
 *
 * Under load one turn reads many requests. Handled one after another from start to finish, each
 * request finds the CPU's caches full of the other requests' stages: validating a create body took
 * 32 µs in the server, and 13 µs when the same body was validated again right after. Stages that
 * wait here instead run for every request of the turn together (every body parsed, then — their
 * promises settling in order — every body validated, …), each stage with its code and data warm.
 *
 * A task queued while tasks run, by a task or by the promise reactions it set off, runs in the same
 * turn, after those reactions have settled: the group commit (src/store/group-commit.ts) then sends
 * the writes of the requests a batch let through without waiting for another turn of socket reads.
 */

type Task = () => void;

const queue: Task[] = [];
let state: 'idle' | 'scheduled' | 'running' = 'idle';

/** Runs `task` once the I/O callbacks of this turn have run (setImmediate's phase), in the order queued. */
export function atEndOfTurn(task: Task): void {
  queue.push(task);
  if (state !== 'idle') return;
  state = 'scheduled';
  setImmediate(runNext);
}

function runNext(): void {
  const task = queue.shift();
  if (!task) {
    state = 'idle';
    return;
  }
  state = 'running';
  try {
    task();
  } finally {
    // A tick queued from a promise reaction runs once the microtask queue is empty: after the
    // reactions the task set off have run as far as promises alone take them, however many awaits deep.
    queueMicrotask(() => process.nextTick(runNext));
  }
}
