/**
 * Opening hours given as per-day time slots (Soliguide `newhours`, France Travail `horaires`) to
 * the OSM `opening_hours` syntax the schema recommends.
 */

export const OSM_DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;

const hhmm = (v: unknown): string | null => {
  if (typeof v === 'number' && v >= 0 && v <= 2400) return `${String(Math.floor(v / 100)).padStart(2, '0')}:${String(v % 100).padStart(2, '0')}`;
  if (typeof v === 'string' && /^\d{1,2}[:h]\d{2}$/.test(v.trim())) {
    const [h, m] = v.trim().split(/[:h]/);
    return `${h.padStart(2, '0')}:${m}`;
  }
  return null;
};

/**
 * Day slots → `Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00`, consecutive identical days merged.
 *
 * @example
 *   osmHours([[{ start: 900, end: 1200 }], [{ start: 900, end: 1200 }], [], [], [], [], []]) // 'Mo-Tu 09:00-12:00'
 */
export function osmHours(days: { start: unknown; end: unknown }[][]): string | null {
  const spans = days.map((slots) => slots.map((s) => {
    const a = hhmm(s.start);
    const b = hhmm(s.end);
    return a && b ? `${a}-${b}` : null;
  }).filter(Boolean).join(','));
  const parts: string[] = [];
  let i = 0;
  while (i < 7) {
    if (!spans[i]) { i++; continue; }
    let j = i;
    while (j + 1 < 7 && spans[j + 1] === spans[i]) j++;
    parts.push(`${OSM_DAYS[i]}${j > i ? `-${OSM_DAYS[j]}` : ''} ${spans[i]}`);
    i = j + 1;
  }
  return parts.length ? parts.join('; ') : null;
}
