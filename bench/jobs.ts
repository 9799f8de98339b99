/**
 * The consolidation through the job runner, with 1 and 2 worker processes sharing PostgreSQL: the
 * wall time from `recoupe run` to the published run, and how the matching shards were spread.
 *
 *   node dist/bench/jobs.js --smoke                                  2,000 entities (PGlite in-process without DATABASE_URL)
 *   DATABASE_URL=postgres://… node dist/bench/jobs.js --entities 900000 --workers 1,2 --threads 1   (≈ 1 M structures; workers get --heap-mb 16384)
 *   DATABASE_URL=postgres://… node dist/bench/jobs.js --input /tmp/corpus --workers 1,2
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from '../src/generate/corpus.js';
import { openDb } from '../src/store/index.js';
import { Store } from '../src/store/index.js';
import { enqueueConsolidation, startWorker, waitForConsolidation, type ConsolidateJobOutput } from '../src/jobs/index.js';
import { args, peakRssMb, report } from './harness.js';

const a = args();
const smoke = a.smoke === 'true';
const entities = Number(a.entities ?? (smoke ? 2000 : 100000));
const databaseUrl = a['database-url'] ?? process.env.DATABASE_URL;
const counts = (a.workers ?? (databaseUrl ? '1,2' : '1')).split(',').map(Number);
const threads = Number(a.threads ?? 1);
/** Heap for each worker process: a million records outgrow node's default (about 4 GB). */
const heapMb = Number(a['heap-mb'] ?? (entities >= 300_000 ? 16_384 : 0));
const nodeArgs = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
const cliPath = fileURLToPath(new URL('../src/cli/index.js', import.meta.url));
const settings = { pollingIntervalSeconds: 0.5, pollMs: 250, tasksPerShard: Number(a['tasks-per-shard'] ?? (smoke ? 4 : 32)) };

const scratch = mkdtempSync(join(tmpdir(), 'recoupe-bench-jobs-'));
let input = a.input;
if (!input) {
  input = join(scratch, 'corpus');
  const t0 = Date.now();
  const g = await generateCorpus({ entities, seed: a.seed ?? '1', out: input });
  console.log(`generated ${g.structures} structures and ${g.services} services from ${entities} entities in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** One run with `n` worker processes (PostgreSQL), or in this process (PGlite). */
async function runWith(n: number): Promise<{ seconds: number; out: ConsolidateJobOutput }> {
  const ns = `bench_jobs_${n}`;
  if (!databaseUrl) {
    if (n !== 1) throw new Error('more than one worker process needs PostgreSQL (DATABASE_URL)');
    const db = await openDb({ dataDir: 'memory://' });
    const w = await startWorker({ db, settings: { ...settings, ns }, threads, log: () => {}, defaults: { from: input } });
    const t0 = Date.now();
    const end = await waitForConsolidation(w.ctx, (await enqueueConsolidation(w.ctx, {})).id);
    const seconds = (Date.now() - t0) / 1000;
    await w.stop();
    await db.close();
    if (end.state !== 'completed') throw new Error(`run ${end.state}: ${end.message}`);
    return { seconds, out: end.output! };
  }
  const db = await openDb({ databaseUrl });
  await new Store(db, ns).drop();
  await db.exec(`DROP SCHEMA IF EXISTS ${ns}_boss CASCADE`);
  await db.close();
  const flags = ['--ns', ns, '--settings', JSON.stringify(settings), '--database-url', databaseUrl];
  const workers = Array.from({ length: n }, (_, k) => {
    const child = spawn(process.execPath, [...nodeArgs, cliPath, 'worker', ...flags, '--threads', String(threads)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let up!: () => void;
    const ready = new Promise<void>((r) => (up = r));
    child.stdout!.on('data', (b: Buffer) => {
      const text = b.toString();
      if (text.includes('worker   ')) up();
      if (a.verbose) process.stdout.write(text.replace(/^/gm, `[w${k}] `));
    });
    return { child, ready, exited: new Promise((r) => child.on('exit', r)) };
  });
  await Promise.all(workers.map((w) => w.ready));
  const t0 = Date.now();
  const run = spawn(process.execPath, [cliPath, 'run', ...flags, '--from', input!, '--wait', '--json', '--timeout', String(a.timeout ?? 7200)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  run.stdout!.on('data', (b: Buffer) => (text += b.toString()));
  const code = await new Promise<number | null>((r) => run.on('exit', r));
  const seconds = (Date.now() - t0) / 1000;
  for (const w of workers) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
  if (code !== 0 && code !== 3) throw new Error(`recoupe run exited ${code}: ${text}`);
  return { seconds, out: (JSON.parse(text) as { output: ConsolidateJobOutput }).output };
}

const figures: Record<string, number | string> = { entities: a.input ? 'given' : entities, db: databaseUrl ? 'postgres' : 'pglite', threads_per_worker: threads, worker_heap_mb: heapMb || 'default' };
let reference: number | undefined;
for (const n of counts) {
  const { seconds, out } = await runWith(n);
  console.log(`${n} worker process(es): ${out.structuresIn} structures → ${out.consolidatedStructures} consolidated in ${seconds.toFixed(1)} s; ${out.shards} shards run by ${out.shardWorkers.length} process(es)`);
  figures.structures_in = out.structuresIn;
  figures.consolidated_structures = out.consolidatedStructures;
  if (reference === undefined) reference = out.consolidatedStructures;
  else if (reference !== out.consolidatedStructures) throw new Error(`${n} workers published ${out.consolidatedStructures} structures, ${counts[0]} published ${reference}`);
  figures[`seconds_${n}_workers`] = Math.round(seconds * 10) / 10;
  figures[`shards_${n}_workers`] = out.shards;
  figures[`shard_processes_${n}_workers`] = out.shardWorkers.length;
}
figures.peak_rss_mb_bench = peakRssMb();
if (!a.keep) rmSync(scratch, { recursive: true, force: true });
report('jobs', figures);
