/**
 * `recoupe run [--wait]`: enqueue a consolidation now (or join the one already waiting); with
 * `--wait`, follow it and exit with its outcome: 0 published, 3 published with stale sources,
 * 1 failed, 124 still not finished after --timeout. On the embedded PGlite (one process), `--wait`
 * runs the job in this process.
 */
import type { Command } from '@commander-js/extra-typings';
import { Option } from '@commander-js/extra-typings';
import type { JobEnd } from '../../jobs/index.js';
import { positiveInt } from '../../jobs/positive-int.js';

export const EXIT = { published: 0, failed: 1, stale: 3, timeout: 124 } as const;

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('enqueue a consolidation now; with --wait, follow it and exit with its outcome (0 published, 3 stale sources, 1 failed)')
    .option('--database-url <url>', 'PostgreSQL URL (default: $DATABASE_URL, else the embedded PGlite)')
    .option('--data-dir <dir>', 'PGlite folder when no database URL', '.recoupe/pglite')
    .option('--ns <name>', 'store namespace', 'recoupe')
    .option('--from <dir>', 'folder holding one folder per source', 'fixtures/sources')
    .option('--out <dir>', 'exports folder (none when absent)')
    .option('--formats <list>', 'export formats, comma-separated')
    .option('--config <file>', 'JSON with "matching", "consolidation" and/or "threshold"')
    .option('--settings <json>', 'job settings as JSON or a JSON file (see docs/jobs.md)')
    .option('--wait', 'follow the run and exit with its outcome')
    .addOption(new Option('--timeout <seconds>', 'with --wait, give up after this long (exit 124)').argParser(positiveInt('--timeout')))
    .option('--json', 'print the outcome as JSON')
    .action(async (opts) => {
      const { enqueueConsolidation, openClient, startWorker, waitForConsolidation } = await import('../../jobs/index.js');
      const { connectionOf, jobDataOf } = await import('../../jobs/cli-options.js');
      const conn = connectionOf(opts);
      const data = { ...jobDataOf(opts), trigger: 'manual' };
      const embedded = !conn.databaseUrl;
      const say = (line: string) => { if (!opts.json) console.log(line); };
      let end: JobEnd | undefined;
      let id: string;
      if (embedded && opts.wait) {
        const worker = await startWorker({ ...conn, timekeeping: false, log: (l) => say(l) });
        try {
          const job = await enqueueConsolidation(worker.ctx, data);
          id = job.id;
          say(job.queued ? `consolidation ${id} queued` : `a consolidation is already waiting: following ${id}`);
          end = await waitForConsolidation(worker.ctx, id, { ...(opts.timeout ? { timeoutMs: opts.timeout * 1000 } : {}) });
        } finally {
          await worker.stop({ timeoutMs: 5000 });
        }
      } else {
        const client = await openClient(conn);
        try {
          const job = await enqueueConsolidation(client, data);
          id = job.id;
          say(job.queued ? `consolidation ${id} queued` : `a consolidation is already waiting: ${id} (not queued twice)`);
          if (opts.wait) {
            end = await waitForConsolidation(client, id, { ...(opts.timeout ? { timeoutMs: opts.timeout * 1000 } : {}), onState: (s) => say(`  ${s}`) });
          }
        } finally {
          await client.close();
        }
      }
      if (!end) {
        if (opts.json) console.log(JSON.stringify({ id }));
        return;
      }
      const code = end.state === 'completed' ? (end.output?.staleSources.length ? EXIT.stale : EXIT.published) : end.state === 'timeout' ? EXIT.timeout : EXIT.failed;
      if (opts.json) console.log(JSON.stringify({ id, ...end, exitCode: code }, null, 2));
      else if (end.state === 'completed' && end.output) {
        const o = end.output;
        say(`run ${o.runId} published in ${o.seconds.toFixed(1)} s: ${o.structuresIn} source structures → ${o.consolidatedStructures} structures, ${o.consolidatedServices} services${o.staleSources.length ? `; STALE sources (last good data kept): ${o.staleSources.join(', ')}` : ''}`);
      } else say(`consolidation ${id} ${end.state}${end.message ? `: ${end.message}` : ''}`);
      process.exitCode = code;
    });
}
