#!/usr/bin/env node
/**
 * The `recoupe` command line. Each command lives in its own file under `commands/` and registers
 * itself on the program; this file only assembles them and turns usage errors into clean exits.
 *
 * Every command is registered on every run (for the help and the parsing), so the command files
 * import only what their options need, and each `.action` loads its implementation with
 * `await import(…)`: `recoupe --help` or `recoupe match …` then loads neither pg-boss, PGlite nor
 * the exporters. What an option needs (FORMATS, ROLES, SOURCE_SLUGS, STRATEGIES, positiveInt) comes
 * from small modules that the implementations re-export.
 */
import { Command } from '@commander-js/extra-typings';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../paths.js';
import { UsageError } from '../error.js';
import { registerValidate } from './commands/validate.js';
import { registerConsolidate } from './commands/consolidate.js';
import { registerImport } from './commands/import.js';
import { registerMatch } from './commands/match.js';
import { registerTrain } from './commands/train.js';
import { registerExplain } from './commands/explain.js';
import { registerEvaluate } from './commands/evaluate.js';
import { registerGenerate } from './commands/generate.js';
import { registerReport } from './commands/report.js';
import { registerReview } from './commands/review.js';
import { registerLabels } from './commands/labels.js';
import { registerTune } from './commands/tune.js';
import { registerWorker } from './commands/worker.js';
import { registerSchedule } from './commands/schedule.js';
import { registerRun } from './commands/run.js';
import { registerStatus } from './commands/status.js';

const pkg = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string };

export function buildProgram(): Command {
  const program = new Command('recoupe')
    .description('Entity resolution and consolidation for data·inclusion structures and services')
    .version(pkg.version)
    .showHelpAfterError();
  registerValidate(program);
  registerConsolidate(program);
  registerImport(program);
  registerMatch(program);
  registerTrain(program);
  registerExplain(program);
  registerEvaluate(program);
  registerGenerate(program);
  registerReport(program);
  registerReview(program);
  registerLabels(program);
  registerTune(program);
  registerWorker(program);
  registerSchedule(program);
  registerRun(program);
  registerStatus(program);
  return program;
}

// a closed pipe (`recoupe … | head`) ends the output quietly
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`recoupe: ${err.message}`);
      process.exit(2);
    }
    console.error(err);
    process.exit(1);
  });
