/**
 * Debian's Chromium for the browser test: installed with apt-get when missing; when it cannot be
 * installed the test fails with this message — it is never skipped.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const log: string[] = [];
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const r = spawnSync('apt-get', args, { encoding: 'utf8', timeout: 10 * 60_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    log.push(`apt-get ${args.join(' ')} → exit ${r.status}${r.error ? ` (${r.error.message})` : ''}\n${(r.stderr ?? '').slice(-800)}`);
    if (r.status !== 0) break;
  }
  if (!existsSync(CHROMIUM))
    throw new Error(`the browser test needs Debian's chromium at ${CHROMIUM} and could not install it ` +
      `(run \`apt-get update && apt-get install -y chromium\` as root, with access to the Debian mirrors):\n${log.join('\n')}`);
  return CHROMIUM;
}
