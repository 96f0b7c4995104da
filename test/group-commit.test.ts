import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../src/store/group-commit.js';

describe('group commit', () => {
  it('commits writes that arrive together in one transaction, each settling after it', async () => {
    const groups: number[][] = [];
    const commit = new GroupCommit<number>({
      commitGroup: async (items) => void groups.push(items),
      commitOne: async () => {
        throw new Error('not expected');
      },
      maxGroupSize: 64,
      maxConcurrentCommits: 1,
    });
    await Promise.all(Array.from({ length: 10 }, (_, i) => commit.submit(i)));
    expect(groups).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);
  });

  it('queues writes behind a commit in flight and caps the group size', async () => {
    const groups: number[][] = [];
    let release!: () => void;
    const firstCommit = new Promise<void>((resolve) => (release = resolve));
    const commit = new GroupCommit<number>({
      commitGroup: async (items) => {
        groups.push(items);
        if (groups.length === 1) await firstCommit;
      },
      commitOne: async () => {},
      maxGroupSize: 3,
      maxConcurrentCommits: 1,
    });
    const first = commit.submit(0);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [1, 2, 3, 4].map((i) => commit.submit(i));
    await new Promise((resolve) => setImmediate(resolve));
    expect(groups).toEqual([[0]]);
    release();
    await Promise.all([first, ...rest]);
    expect(groups).toEqual([[0], [1, 2, 3], [4]]);
    await commit.drain();
  });

  it('begins the next group once a group is committed, and settles each write only when its own group is durable', async () => {
    const groups: number[][] = [];
    let flushFirst!: () => void;
    const firstFlushed = new Promise<void>((resolve) => (flushFirst = resolve));
    const commit = new GroupCommit<number>({
      commitGroup: async (items, committed) => {
        groups.push(items);
        committed();
        if (groups.length === 1) await firstFlushed;
      },
      commitOne: async () => {},
      maxGroupSize: 64,
      maxConcurrentCommits: 1,
    });
    const settled: number[] = [];
    const first = commit.submit(0).then(() => settled.push(0));
    await new Promise((resolve) => setImmediate(resolve));
    const second = commit.submit(1).then(() => settled.push(1));
    await second;
    // The first group's flush still runs: the second group began (one commit slot) and settled, the first did not.
    expect(groups).toEqual([[0], [1]]);
    expect(settled).toEqual([1]);
    let drained = false;
    const draining = commit.drain().then(() => (drained = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    flushFirst();
    await Promise.all([first, draining]);
    expect(settled).toEqual([1, 0]);
  });

  it('retries each write of a failed group alone, so one bad write fails only itself', async () => {
    const committedAlone: number[] = [];
    const commit = new GroupCommit<number>({
      commitGroup: async () => {
        throw new Error('group failed');
      },
      commitOne: async (item) => {
        if (item === 2) throw new Error('bad write');
        committedAlone.push(item);
      },
      maxGroupSize: 64,
      maxConcurrentCommits: 1,
    });
    const results = await Promise.allSettled([1, 2, 3].map((i) => commit.submit(i)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committedAlone).toEqual([1, 3]);
  });
});
