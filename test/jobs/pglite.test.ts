import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/store/index.js';
import { enqueueConsolidation, readStatus, startWorker, waitForConsolidation, type RunningWorker } from '../../src/jobs/index.js';
import { fakeImport, writeProducers } from '../pipeline/fake-producers.js';
import { publicationOf, testSettings } from './helpers.js';
import { runConsolidation } from '../../src/pipeline/consolidate.js';

const FILE = 'test/jobs/pglite.test.ts';
let worker: RunningWorker | undefined;
let db: Db | undefined;
afterEach(async () => {
  await worker?.stop({ timeoutMs: 1000 });
  await db?.close();
  worker = undefined;
  db = undefined;
});

describe('job runner on the embedded PGlite (one process)', () => {
  it('runs a consolidation through import jobs and match.shard jobs, and publishes it', async () => {
    db = await openDb({ dataDir: 'memory://' });
    const settings = testSettings(FILE, 'one process');
    const from = writeProducers();
    const lines: string[] = [];
    worker = await startWorker({ db, settings, threads: 1, importer: fakeImport, log: (l) => lines.push(l), defaults: { from, today: '2026-11-22' } });
    const { id, queued } = await enqueueConsolidation(worker.ctx, { trigger: 'manual' });
    expect(queued).toBe(true);
    const end = await waitForConsolidation(worker.ctx, id, { timeoutMs: 50_000 });
    expect(end.state, end.message).toBe('completed');
    expect(end.output?.outcome).toBe('published');
    // the same publication as the in-process pipeline on the same input
    const direct = `${settings.ns}_direct`;
    await runConsolidation({ from, db, ns: direct, importer: fakeImport, threads: 1, today: '2026-11-22' });
    const mine = await publicationOf(db, settings.ns!);
    expect(mine.structures.length).toBe(end.output?.consolidatedStructures);
    expect(mine).toEqual(await publicationOf(db, direct));
    // imports went through their queues, the comparisons through several shards
    expect(lines.some((l) => /^import {3}dora: \d+ raw rows/.test(l))).toBe(true);
    expect(lines.some((l) => /in [2-9]\d* shards/.test(l))).toBe(true);
    const status = await readStatus(worker.ctx);
    expect(status.runs[0].outcome).toBe('published');
    expect(status.runs[0].sources.map((s) => s.source).sort()).toEqual(['dora', 'emplois-de-linclusion', 'soliguide']);
    expect(status.queues.find((q) => q.name === 'consolidate')?.completed).toBe(1);
  });
});
