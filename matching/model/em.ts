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
  const freeU = !!input.freeU;
  const C = radix.length;
  let m = input.m.map((r) => r.slice());
  let u = input.u.map((r) => r.slice());
  let p = input.p;
  const patterns = [...histogram.keys()];
  const P = patterns.length;
  const counts = new Float64Array(P);
  // one cell per comparison and level: offset of the comparison + level
  const offset: number[] = [];
  let cells = 0;
  for (const r of radix) { offset.push(cells); cells += r; }
  // each pattern's cells, flat (pattern k, comparison c at k * C + c)
  const cell = new Int32Array(P * C);
  let total = 0;
  for (let k = 0; k < P; k++) {
    counts[k] = histogram.get(patterns[k])!;
    total += counts[k];
    for (let c = 0; c < C; c++) cell[k * C + c] = offset[c] + (Math.floor(patterns[k] / stride[c]) % radix[c]);
  }
  // log m − log u per cell (0 for the null level), refreshed each iteration
  const logRatio = new Float64Array(cells);
  // expected counts of each comparison's levels among matches and non-matches, flat as logRatio
  const accM = new Float64Array(cells), accU = new Float64Array(cells);
  const rows = (acc: Float64Array) => radix.map((r, c) => Array.from(acc.subarray(offset[c], offset[c] + r)));
  let it = 0, converged = false;
  for (; it < iterations; it++) {
    accM.fill(0);
    accU.fill(0);
    for (let c = 0; c < C; c++) for (let l = 1; l < radix[c]; l++) logRatio[offset[c] + l] = Math.log(m[c][l]) - Math.log(u[c][l]);
    const prior = Math.log(p) - Math.log(1 - p);
    const sumW = expectation(P, C, cell, counts, logRatio, prior, accM, freeU ? accU : null);
    const normalise = (row: number[]) => {
      let s = 0;
      for (let l = 1; l < row.length; l++) s += row[l];
      return row.map((v, l) => (l === 0 ? 1 : (v + 1e-6) / (s + 1e-6 * (row.length - 1))));
    };
    const next = rows(accM).map(normalise);
    if (freeU) u = rows(accU).map(normalise);
    const pNext = Math.min(0.999, Math.max(1e-9, sumW / Math.max(1, total)));
    let delta = Math.abs(pNext - p);
    for (let c = 0; c < C; c++) for (let l = 1; l < radix[c]; l++) delta = Math.max(delta, Math.abs(next[c][l] - m[c][l]));
    m = next;
    p = pNext;
    if (delta < 1e-6) { converged = true; it++; break; }
  }
  return { m, u, p, iterations: it, converged };
}

/**
 * EM's E step over the patterns: each pattern's match probability from the log ratios, its
 * expected matches (and non-matches, with `accU`) added to its cells; returns the expected
 * matches in all. A function of its own: V8 optimises it after a call or two, where the loop
 * inside runEm was compiled on the stack and thrown back to the interpreter again and again.
 */
function expectation(
  P: number, C: number, cell: Int32Array, counts: Float64Array, logRatio: Float64Array, prior: number, accM: Float64Array, accU: Float64Array | null,
): number {
  let sumW = 0;
  for (let k = 0; k < P; k++) {
    const base = k * C;
    let lr = prior;
    for (let c = 0; c < C; c++) lr += logRatio[cell[base + c]];
    const w = 1 / (1 + Math.exp(-lr));
    const cw = counts[k] * w;
    sumW += cw;
    for (let c = 0; c < C; c++) accM[cell[base + c]] += cw;
    if (accU) {
      const cu = counts[k] - cw;
      for (let c = 0; c < C; c++) accU[cell[base + c]] += cu;
    }
  }
  return sumW;
}
