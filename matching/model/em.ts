/**
 * Expectation–maximisation of the m probabilities over the comparison patterns of blocked pairs,
 * u held fixed (estimated from random pairs). Works on the histogram of patterns, so its cost
 * does not depend on the number of pairs.
 */

export interface EmInput {
  /** pattern → number of blocked pairs with it */
  histogram: Map<number, number>;
  radix: number[];
  stride: number[];
  /** u[c][level]; level 0 (null) ignored. */
  u: number[][];
  /** Initial m[c][level]. */
  m: number[][];
  /** Initial share of matches among blocked pairs. */
  p: number;
  iterations: number;
  /** Also re-estimate u among the blocked pairs (the returned `u` is then that of blocked non-matches). */
  freeU?: boolean;
}

export interface EmResult {
  m: number[][];
  u: number[][];
  p: number;
  iterations: number;
  converged: boolean;
}

/**
 * Runs EM and returns the estimated m and match share.
 *
 * @example
 *   const { m, p } = runEm({ histogram, radix, stride, u, m: initialM, p: 0.1, iterations: 30 });
 */
export function runEm(input: EmInput): EmResult {
  const { histogram, radix, stride, iterations } = input;
  const C = radix.length;
  let m = input.m.map((r) => r.slice());
  let u = input.u.map((r) => r.slice());
  let p = input.p;
  const patterns = [...histogram.keys()];
  const counts = patterns.map((k) => histogram.get(k)!);
  const levels = patterns.map((k) => radix.map((r, c) => Math.floor(k / stride[c]) % r));
  const total = counts.reduce((a, b) => a + b, 0);
  let it = 0, converged = false;
  for (; it < iterations; it++) {
    const acc = radix.map((r) => new Array<number>(r).fill(0));
    const accU = radix.map((r) => new Array<number>(r).fill(0));
    let sumW = 0;
    for (let k = 0; k < patterns.length; k++) {
      const lv = levels[k];
      let lm = Math.log(p), lu = Math.log(1 - p);
      for (let c = 0; c < C; c++) {
        const l = lv[c];
        if (l === 0) continue;
        lm += Math.log(m[c][l]);
        lu += Math.log(u[c][l]);
      }
      const w = 1 / (1 + Math.exp(lu - lm));
      const cw = counts[k] * w;
      sumW += cw;
      const cu = counts[k] - cw;
      for (let c = 0; c < C; c++) {
        acc[c][lv[c]] += cw;
        accU[c][lv[c]] += cu;
      }
    }
    const normalise = (row: number[]) => {
      let s = 0;
      for (let l = 1; l < row.length; l++) s += row[l];
      return row.map((v, l) => (l === 0 ? 1 : (v + 1e-6) / (s + 1e-6 * (row.length - 1))));
    };
    const next = acc.map(normalise);
    if (input.freeU) u = accU.map(normalise);
    const pNext = Math.min(0.999, Math.max(1e-9, sumW / Math.max(1, total)));
    let delta = Math.abs(pNext - p);
    for (let c = 0; c < C; c++) for (let l = 1; l < radix[c]; l++) delta = Math.max(delta, Math.abs(next[c][l] - m[c][l]));
    m = next;
    p = pNext;
    if (delta < 1e-6) { converged = true; it++; break; }
  }
  return { m, u, p, iterations: it, converged };
}
