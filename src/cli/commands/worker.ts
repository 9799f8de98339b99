/**
 * `recoupe worker [--database-url URL] [--concurrency N]`: the long-running process that runs the
 * jobs. SIGTERM / SIGINT: stop fetching, finish or give back the current job, close the matching
 * pool and the database.
 */
import type { Command } from '@commander-js/extra-typings';
import { Option } from '@commander-js/extra-typings';
import { ROLES, type Role } from '../../jobs/roles.js';
import { positiveInt } from '../../jobs/positive-int.js';
import { UsageError } from '../../error.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run jobs (imports, consolidations, matching shards) until SIGTERM or SIGINT')
    .option('--database-url <url>', 'PostgreSQL URL (default: $DATABASE_URL, else the embedded PGlite: one process only)')
    .option('--data-dir <dir>', 'PGlite folder when no database URL', '.recoupe/pglite')
    .option('--ns <name>', 'store namespace (published schema <ns>_pub, pg-boss schema <ns>_boss)', 'recoupe')
    .addOption(new Option('--concurrency <n>', 'import and shard jobs run at once').default(1).argParser(positiveInt('--concurrency')))
    .addOption(new Option('--threads <n>', 'matching threads per shard (default: the available cores)').argParser(positiveInt('--threads')))
    .option('--queues <list>', `roles this process takes, comma-separated (${ROLES.join(',')})`, ROLES.join(','))
    .option('--no-cron', 'do not fire schedules or run pg-boss maintenance in this process')
    .option('--from <dir>', 'source folder for jobs that do not name one')
    .option('--out <dir>', 'exports folder for jobs that do not name one')
    .option('--formats <list>', 'export formats for jobs that do not name them')
    .option('--config <file>', 'pipeline config for jobs that carry none')
    .option('--settings <json>', 'job settings as JSON or a JSON file (expiries, retries, shard size, polling: see docs/jobs.md)')
    .addOption(new Option('--stop-timeout <seconds>', 'on SIGTERM, how long the current jobs may take before they are given back').default(30).argParser(positiveInt('--stop-timeout')))
    .action(async (opts) => {
      const roles = opts.queues.split(',').map((r) => r.trim()).filter(Boolean);
      const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (bad.length || !roles.length) throw new UsageError(`--queues: unknown ${bad.join(', ') || '(empty)'} (expected ${ROLES.join(', ')})`);
      const { startWorker } = await import('../../jobs/index.js');
      const { connectionOf, jobDataOf } = await import('../../jobs/cli-options.js');
      const conn = connectionOf(opts);
      const worker = await startWorker({
        ...conn,
        concurrency: opts.concurrency,
        ...(opts.threads ? { threads: opts.threads } : {}),
        roles: roles as Role[],
        timekeeping: opts.cron,
        defaults: jobDataOf(opts),
        log: (line) => console.log(`${new Date().toISOString()} ${line}`),
      });
      let signals = 0;
      const onSignal = (sig: string) => {
        if (++signals > 1) {
          console.error(`${sig} again: exiting now; the current job is retried after its expiry`);
          process.exit(130);
        }
        console.log(`${new Date().toISOString()} ${sig} received`);
        worker.stop({ timeoutMs: opts.stopTimeout * 1000 }).then(() => process.exit(0), (err) => {
          console.error(err);
          process.exit(1);
        });
      };
      process.on('SIGTERM', () => onSignal('SIGTERM'));
      process.on('SIGINT', () => onSignal('SIGINT'));
      await new Promise<never>(() => {});
    });
}
