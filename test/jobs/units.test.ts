import { describe, expect, it } from 'vitest';
import { decodeParts, encodeRows, formatStatus, jobUuid, nextFiring, packShard, resolveSettings, shardRanges, unpackShard } from '../../src/jobs/index.js';
import { pgliteExecutor } from '../../src/jobs/index.js';
import { openDb } from '../../src/store/index.js';

describe('job runner pieces', () => {
  it('splits tasks into shards that cover each task once', () => {
    expect(shardRanges(5, 2)).toEqual([{ from: 0, to: 2 }, { from: 2, to: 4 }, { from: 4, to: 5 }]);
    expect(shardRanges(0, 3)).toEqual([]);
    const r = shardRanges(1000, 64);
    expect(r.reduce((s, x) => s + x.to - x.from, 0)).toBe(1000);
  });

  it('packs shard results into bytes and back, whatever the byte alignment', () => {
    const results = [
      { rule: 0, skipped: 0, left: Int32Array.of(1, 2), right: Int32Array.of(3, 4), pattern: Int32Array.of(7, 9), tfMax: [null, Int32Array.of(12, 0), null] },
      { rule: 2, skipped: 5, left: new Int32Array(0), right: new Int32Array(0), pattern: new Int32Array(0), tfMax: [null, new Int32Array(0), null] },
    ];
    const bytes = packShard(results);
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    const back = unpackShard(shifted);
    const plain = (x: (typeof results)[number]) => ({ ...x, left: [...x.left], right: [...x.right], pattern: [...x.pattern], tfMax: x.tfMax.map((t) => t && [...t]) });
    expect(back.map(plain)).toEqual(results.map(plain));
  });

  it('stores rows as gzipped JSON Lines parts with a digest that follows the content', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ id: `r${i}`, nom: 'Café « Ça va » \n', n: i }));
    const enc = encodeRows(rows, 5);
    expect(enc.parts).toHaveLength(3);
    expect(decodeParts(enc.parts)).toEqual(rows);
    expect(encodeRows(rows, 7).sha1).toBe(enc.sha1);
    expect(encodeRows([...rows.slice(1), rows[0]]).sha1).not.toBe(enc.sha1);
  });

  it('gives the same job id to the same name, a valid UUID', () => {
    const id = jobUuid('job', 'import', 'dora');
    expect(id).toBe(jobUuid('job', 'import', 'dora'));
    expect(id).not.toBe(jobUuid('job', 'import', 'soliguide'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('checks settings once, naming the option at fault', () => {
    expect(resolveSettings({ ns: 'nightly' }).bossSchema).toBe('nightly_boss');
    expect(() => resolveSettings({ consolidateExpireSeconds: 24 * 3600 })).toThrow(/consolidateExpireSeconds.*24 h/);
    expect(() => resolveSettings({ importRetryLimit: -1 })).toThrow(/importRetryLimit/);
    expect(() => resolveSettings({ pollingIntervalSeconds: 0.1 })).toThrow(/pollingIntervalSeconds/);
  });

  it('computes the next firing of a cron in its time zone', () => {
    // 03:00 in Paris is 02:00 UTC in winter, 01:00 UTC in summer
    expect(nextFiring('0 3 * * *', 'Europe/Paris', new Date('2026-11-22T12:00:00Z')).toISOString()).toBe('2026-11-23T02:00:00.000Z');
    expect(nextFiring('0 3 * * *', 'Europe/Paris', new Date('2026-07-01T12:00:00Z')).toISOString()).toBe('2026-07-02T01:00:00.000Z');
    expect(() => nextFiring('61 3 * * *', 'Europe/Paris')).toThrow(/--cron "61 3 \* \* \*"/);
  });

  it('runs pg-boss statements on PGlite: several statements through exec, the rest through query', async () => {
    const db = await openDb({ dataDir: 'memory://' });
    try {
      const x = pgliteExecutor(db);
      await x.executeSql('CREATE TABLE t (a int); INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);', []);
      expect((await x.executeSql('SELECT sum(a)::int AS s FROM t WHERE a > $1', [0])).rows).toEqual([{ s: 3 }]);
      expect((await x.executeSql('SELECT count(*)::int AS n FROM t;', [])).rows).toEqual([{ n: 2 }]);
    } finally {
      await db.close();
    }
  });

  it('prints the status a person reads: next run, waiting jobs, runs with their stale sources', () => {
    const text = formatStatus({
      store: 'PostgreSQL, namespace recoupe, pg-boss schema recoupe_boss',
      schedule: { cron: '0 3 * * *', tz: 'Europe/Paris', data: {}, next: '2026-11-23T02:00:00.000Z' },
      queues: [
        { name: 'consolidate', created: 1, retry: 0, active: 1, completed: 4, failed: 0, cancelled: 0 },
        { name: 'import.dead', created: 2, retry: 0, active: 0, completed: 0, failed: 0, cancelled: 0 },
        { name: 'import.soliguide', created: 0, retry: 0, active: 0, completed: 3, failed: 0, cancelled: 0 },
      ],
      runs: [{
        runId: 7, jobId: 'j', outcome: 'published', trigger: 'schedule', worker: 'vm:12', attempts: 2,
        startedAt: '2026-11-22T02:00:01.000Z', endedAt: '2026-11-22T02:01:31.500Z', seconds: 90.5, staleSources: ['dora'], error: null,
        sources: [{ source: 'dora', raw: 0, structures: 7, services: 7, invalid: 0, dropped: 0, errors: 1, stale: true, failure: 'import failed after 4 attempt(s): 503' }],
      }],
    }, new Date('2026-11-22T21:30:00Z'));
    expect(text).toContain('next run 2026-11-23T02:00:00.000Z (in 4 h 30)');
    expect(text).toMatch(/consolidate\s+waiting\s+1\s+active\s+1/);
    expect(text).toMatch(/import\.dead\s+waiting\s+2/);
    expect(text).toContain('(1 import queues with nothing waiting, active or failed)');
    expect(text).toMatch(/run 7 {2}PUBLISHED .* 90\.5 s {2}schedule, attempt 2 on vm:12, STALE: dora/);
    expect(text).toContain('STALE (import failed after 4 attempt(s): 503)');
  });
});
