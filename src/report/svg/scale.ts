/** Linear scales and round tick values. */

export interface Scale {
  (v: number): number;
  ticks: number[];
}

/**
 * Round tick values covering [lo, hi].
 *
 * @example
 *   niceTicks(0, 9.3) // [0, 2, 4, 6, 8, 10]
 */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  if (out[out.length - 1] < hi) out.push(Number((out[out.length - 1] + step).toPrecision(12)));
  return out;
}

/**
 * Maps [domain] to [range], with its ticks (the domain is widened to round ticks when `nice`).
 *
 * @example
 *   const x = linear([0, 10], [40, 640]); x(5) // 340
 */
export function linear([d0, d1]: [number, number], [r0, r1]: [number, number], nice = true): Scale {
  const ticks = nice ? niceTicks(d0, d1) : [d0, d1];
  const lo = nice ? ticks[0] : d0, hi = nice ? ticks[ticks.length - 1] : d1;
  const span = hi - lo || 1;
  const f = ((v: number) => r0 + ((v - lo) / span) * (r1 - r0)) as Scale;
  f.ticks = ticks;
  return f;
}
