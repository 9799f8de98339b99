/**
 * `recoupe schedule --cron "0 3 * * *" --tz Europe/Paris` (and `--off`): the nightly run, fired by
 * whichever worker keeps time (pg-boss's cron). Setting it again replaces it.
 */
import type { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../error.js';

export function registerSchedule(program: Command): void {
  program
    .command('schedule')
    .description('set (or --off: remove) the nightly consolidation; without --cron or --off, show it')
    .option('--cron <expr>', 'cron expression, e.g. "0 3 * * *" (03:00 every day)')
    .option('--tz <zone>', 'IANA time zone of the cron', 'Europe/Paris')
    .option('--off', 'remove the schedule')
    .option('--database-url <url>', 'PostgreSQL URL (default: $DATABASE_URL, else the embedded PGlite)')
    .option('--data-dir <dir>', 'PGlite folder when no database URL', '.recoupe/pglite')
    .option('--ns <name>', 'store namespace', 'recoupe')
    .option('--from <dir>', 'folder holding one folder per source', 'fixtures/sources')
    .option('--out <dir>', 'exports folder (none when absent)')
    .option('--formats <list>', 'export formats, comma-separated')
    .option('--config <file>', 'JSON with "matching", "consolidation" and/or "threshold"')
    .option('--settings <json>', 'job settings as JSON or a JSON file (see docs/jobs.md)')
    .action(async (opts) => {
      if (opts.off && opts.cron) throw new UsageError('--off and --cron cannot go together');
      const { clearSchedule, getSchedule, openClient, setSchedule } = await import('../../jobs/index.js');
      const { connectionOf, jobDataOf } = await import('../../jobs/cli-options.js');
      const client = await openClient(connectionOf(opts));
      try {
        if (opts.off) {
          console.log((await clearSchedule(client.boss)) ? 'schedule removed: no nightly consolidation' : 'there was no schedule');
          return;
        }
        if (opts.cron) {
          const s = await setSchedule(client.boss, opts.cron, opts.tz, jobDataOf(opts));
          console.log(`nightly consolidation: "${s.cron}" (${s.tz}) from ${s.data.from}; next run ${s.next}`);
          console.log('a running `recoupe worker` fires it (any one of them; never two runs at once)');
          return;
        }
        const s = await getSchedule(client.boss);
        console.log(s ? `"${s.cron}" (${s.tz}) from ${s.data.from}; next run ${s.next}` : 'no schedule (recoupe schedule --cron "0 3 * * *" --tz Europe/Paris)');
      } finally {
        await client.close();
      }
    });
}
