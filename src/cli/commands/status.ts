/**
 * `recoupe status [--json]`: recent runs (outcome, duration, per-source counts and errors, stale
 * sources), queue depths, and the next scheduled run.
 */
import type { Command } from '@commander-js/extra-typings';
import { Option } from '@commander-js/extra-typings';
import { positiveInt } from '../../jobs/positive-int.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('recent runs with outcome, duration, per-source counts and errors; queue depths; next scheduled run')
    .option('--database-url <url>', 'PostgreSQL URL (default: $DATABASE_URL, else the embedded PGlite)')
    .option('--data-dir <dir>', 'PGlite folder when no database URL', '.recoupe/pglite')
    .option('--ns <name>', 'store namespace', 'recoupe')
    .option('--settings <json>', 'job settings as JSON or a JSON file (see docs/jobs.md)')
    .addOption(new Option('--limit <n>', 'runs shown').default(10).argParser(positiveInt('--limit')))
    .option('--json', 'print the report as JSON')
    .action(async (opts) => {
      const { formatStatus, openClient, readStatus } = await import('../../jobs/index.js');
      const { connectionOf } = await import('../../jobs/cli-options.js');
      const client = await openClient(connectionOf(opts));
      try {
        const s = await readStatus(client, opts.limit);
        console.log(opts.json ? JSON.stringify(s, null, 2) : formatStatus(s));
      } finally {
        await client.close();
      }
    });
}
