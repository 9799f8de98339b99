import { describe, expect, it } from 'vitest';
import { threadId } from 'node:worker_threads';
import { readAll } from '../../src/io/index.js';
import { match } from '../../matching/index.js';
import { readInputs } from '../../matching/inputs.js';

describe('worker threads', () => {
  it('threads=2 runs on workers and gives exactly the single-thread result', async () => {
    const { rows } = await readAll('fixtures/febrl/dataset3.csv');
    const config = 'fixtures/configs/febrl.json';
    const one = await match(rows, { config, threads: 1 });
    const two = await match(rows, { config, threads: 2 });
    expect(one.summary.workerThreadIds).toEqual([0]);
    expect(two.summary.workerThreadIds.length).toBeGreaterThanOrEqual(1);
    expect(two.summary.workerThreadIds).not.toContain(threadId);
    expect(two.summary.tasks).toBeGreaterThan(1);
    expect(two.pairs.left.length).toBeGreaterThan(1000);
    expect(Array.from(two.pairs.left)).toEqual(Array.from(one.pairs.left));
    expect(Array.from(two.pairs.right)).toEqual(Array.from(one.pairs.right));
    expect(Array.from(two.pairs.weight)).toEqual(Array.from(one.pairs.weight));
    expect(Array.from(two.clusterOf)).toEqual(Array.from(one.clusterOf));
    expect(two.model).toEqual(one.model);
  });
});

describe('inputs', () => {
  it('an unreadable input gives a clear error naming the file', async () => {
    await expect(readInputs(['fixtures/does-not-exist.jsonl'])).rejects.toThrow(/cannot read fixtures\/does-not-exist\.jsonl: no such file/);
  });
});
