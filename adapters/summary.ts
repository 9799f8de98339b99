/**
 * The per-source import summary users read: the counting invariant spelled out, then error rows
 * by reason and unmapped vocabulary values with their counts.
 */
import type { ImportResult } from './types.js';

/** Error rows counted by (severity, field, rule), most frequent first. */
export function errorsByReason(result: ImportResult): { severity: string; field: string; rule: string; count: number }[] {
  const m = new Map<string, { severity: string; field: string; rule: string; count: number }>();
  for (const e of result.errors) {
    const k = `${e.severity}\u0000${e.field}\u0000${e.rule}`;
    const hit = m.get(k);
    if (hit) hit.count++;
    else m.set(k, { severity: e.severity, field: e.field, rule: e.rule, count: 1 });
  }
  return [...m.values()].sort((a, b) => a.severity.localeCompare(b.severity) || b.count - a.count || a.rule.localeCompare(b.rule));
}

/**
 * A plain-text summary of one import.
 *
 * @example
 *   console.log(formatSummary(await importSource('dora', 'fixtures/sources/dora')));
 *   // dora: 19 raw rows = 14 imported + 0 dropped + 5 rejected → 7 structures, 7 services …
 */
export function formatSummary(r: ImportResult): string {
  const droppedTotal = r.dropped.reduce((s, d) => s + d.count, 0);
  const lines = [
    `${r.source}: ${r.rawRows} raw rows = ${r.imported} imported + ${droppedTotal} dropped by rule + ${r.rejected} rejected` +
      ` → ${r.structures.length} structures, ${r.services.length} services`,
  ];
  for (const d of r.dropped) lines.push(`  dropped  ${String(d.count).padStart(5)}  ${d.reason}`);
  for (const e of errorsByReason(r)) lines.push(`  ${e.severity.padEnd(7)}  ${String(e.count).padStart(5)}  ${e.rule}${e.field ? ` (${e.field})` : ''}`);
  for (const u of r.unmapped) lines.push(`  unmapped ${String(u.count).padStart(5)}  ${u.field} = ${JSON.stringify(u.value)}`);
  return lines.join('\n');
}
