import { fromRoot } from '../../src/paths.js';
import type { ImportResult } from '../../adapters/index.js';

/** The day the fixtures are imported "on", so date checks and extraction dates do not drift. */
export const TODAY = '2026-06-01';

export const FIXTURES = fromRoot('fixtures', 'sources');

/** A result with file paths made relative to the package, for comparison with committed files. */
export function portable(r: ImportResult) {
  const root = fromRoot('');
  const rel = (f?: string) => (f ? f.split(root).join('').replace(/^\/+/, '') : f);
  return {
    source: r.source,
    counts: {
      rawRows: r.rawRows, imported: r.imported, rejected: r.rejected,
      structures: r.structures.length, services: r.services.length,
      errors: r.errors.filter((e) => e.severity === 'error').length,
      warnings: r.errors.filter((e) => e.severity === 'warning').length,
    },
    dropped: r.dropped,
    unmapped: r.unmapped,
    structures: r.structures,
    services: r.services,
    errors: r.errors.map((e) => ({ ...e, file: rel(e.file) })),
  };
}

export const droppedTotal = (r: ImportResult) => r.dropped.reduce((s, d) => s + d.count, 0);
