/**
 * Logistic calibration of a Fellegi–Sunter model on labelled candidate pairs.
 *
 * Naive Bayes adds each comparison's evidence as if independent. On data·inclusion places that
 * over-counts some combinations ("same name, same address" and "points 300 m apart": given the
 * address, the distance says little) and under-counts others. With labels (the generator's truth,
 * or the data team's labels.json), a logistic regression on the candidate pairs learns, in bits:
 * a scale of the Fellegi–Sunter weight, an intercept, a correction per comparison level, and one
 * weight per pair of levels for the pairs of comparisons the config lists in
 * `training.interactions`. The result stays a sum of named terms: `explain` shows each.
 *
 * The fit runs on the distinct (pattern, Fellegi–Sunter weight) groups of the labelled pairs, not
 * on the pairs one by one: Newton's method with an L2 penalty (every term but scale and intercept),
 * a dense Hessian of a few hundred terms.
 */
import type { MatchConfig } from '../config/types.js';
import type { Calibration } from './types.js';

const LN2 = Math.LN2;

export interface CalibrationInput {
  config: MatchConfig;
  radix: number[];
  stride: number[];
  /** Candidate pairs: record indexes and comparison patterns. */
  left: ArrayLike<number>;
  right: ArrayLike<number>;
  pattern: ArrayLike<number>;
  /** The Fellegi–Sunter weight of pair k (bits, term frequencies included, no veto cap). */
  fsWeight(k: number): number;
  /** Pairs a veto caps are left out (the cap decides them). */
  vetoed(pattern: number): boolean;
  /** 1 a labelled match, 0 a labelled non-match, -1 unknown (left out). */
  label(i: number, j: number): number;
  /** L2 penalty (default 1). */
  l2?: number;
  maxIterations?: number;
}

interface Group { pattern: number; w: number; n: number; k: number }

/** Term layout: 0 intercept, 1 scale, then the level terms and the interaction cells that occur. */
interface Layout {
  size: number;
  level: Int32Array[];
  cells: Map<number, number>[];
  pairs: [number, number][];
}

/**
 * Fits the calibration; returns null when the labelled pairs hold no match or no non-match.
 *
 * @example
 *   const cal = fitCalibration({ config, radix, stride, left, right, pattern, fsWeight, vetoed, label });
 */
export function fitCalibration(input: CalibrationInput): Calibration | null {
  const { config, radix, stride } = input;
  const l2 = input.l2 ?? 1;
  const names = config.comparisons.map((c) => c.name);
  const pairs: [number, number][] = (config.training.interactions ?? []).map(([a, b]) => [names.indexOf(a), names.indexOf(b)]);
  // 1. groups of labelled pairs sharing a pattern and a weight (to 1/1000 bit)
  const groups = new Map<string, Group>();
  let total = 0, positives = 0;
  for (let k = 0; k < input.pattern.length; k++) {
    const y = input.label(input.left[k], input.right[k]);
    if (y < 0) continue;
    const p = input.pattern[k];
    if (input.vetoed(p)) continue;
    const w = input.fsWeight(k);
    const key = `${p}:${Math.round(w * 1000)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { pattern: p, w, n: 0, k: 0 }));
    g.n++;
    g.k += y;
    total++;
    positives += y;
  }
  if (positives === 0 || positives === total) return null;
  // 2. terms: a level term per non-null level met, an interaction cell per pair of non-null levels met
  const levelOf = (p: number, c: number) => Math.floor(p / stride[c]) % radix[c];
  const layout: Layout = { size: 2, level: radix.map((r) => new Int32Array(r).fill(-1)), cells: pairs.map(() => new Map()), pairs };
  const rows = [...groups.values()];
  for (const g of rows) {
    for (let c = 0; c < radix.length; c++) {
      const l = levelOf(g.pattern, c);
      if (l > 0 && layout.level[c][l] < 0) layout.level[c][l] = layout.size++;
    }
    pairs.forEach(([a, b], q) => {
      const la = levelOf(g.pattern, a), lb = levelOf(g.pattern, b);
      if (la > 0 && lb > 0 && !layout.cells[q].has(la * radix[b] + lb)) layout.cells[q].set(la * radix[b] + lb, layout.size++);
    });
  }
  const active = rows.map((g) => termsOf(g.pattern, layout, radix, stride));
  // 3. Newton from the Fellegi–Sunter model itself (scale 1, everything else 0)
  const d = layout.size;
  let beta = new Float64Array(d);
  beta[1] = LN2;
  const penalised = (j: number) => j >= 2;
  const objective = (b: Float64Array): number => {
    let ll = 0;
    rows.forEach((g, r) => {
      const z = linear(b, active[r], g.w);
      // k·z − n·log(1 + e^z), stably
      ll += g.k * z - g.n * (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
    });
    for (let j = 2; j < d; j++) ll -= 0.5 * l2 * b[j] * b[j];
    return ll;
  };
  let current = objective(beta);
  let iterations = 0, converged = false;
  const maxIterations = input.maxIterations ?? 50;
  while (iterations < maxIterations) {
    iterations++;
    const grad = new Float64Array(d);
    const hess = new Float64Array(d * d);
    rows.forEach((g, r) => {
      const t = active[r];
      const z = linear(beta, t, g.w);
      const p = 1 / (1 + Math.exp(-z));
      const resid = g.k - g.n * p;
      const h = g.n * p * (1 - p);
      // term values: 1 for the intercept and the indicator terms, w for the scale
      grad[0] += resid;
      grad[1] += resid * g.w;
      for (const j of t) grad[j] += resid;
      hess[0] += h;
      hess[1] += h * g.w;
      hess[d + 1] += h * g.w * g.w;
      for (const j of t) {
        hess[j] += h; // (0, j)
        hess[d + j] += h * g.w; // (1, j)
        for (const i of t) if (i <= j) hess[i * d + j] += h;
      }
    });
    for (let j = 0; j < d; j++) {
      if (penalised(j)) { grad[j] -= l2 * beta[j]; hess[j * d + j] += l2; } else hess[j * d + j] += 1e-9;
      for (let i = 0; i < j; i++) hess[j * d + i] = hess[i * d + j];
    }
    const step = solveSpd(hess, grad, d);
    if (!step) break;
    // step halving keeps the penalised likelihood rising
    let scale = 1, next = beta, value = current;
    for (let h = 0; h < 20; h++, scale /= 2) {
      next = beta.map((v, j) => v + scale * step[j]);
      value = objective(next);
      if (value >= current - 1e-9) break;
    }
    let maxStep = 0;
    for (let j = 0; j < d; j++) maxStep = Math.max(maxStep, Math.abs(next[j] - beta[j]));
    beta = next;
    current = value;
    if (maxStep < 1e-7) { converged = true; break; }
  }
  const bits = (v: number) => v / LN2;
  return {
    method: 'logistic',
    scale: bits(beta[1]),
    intercept: bits(beta[0]),
    levels: radix.map((r, c) => Array.from({ length: r }, (_, l) => (layout.level[c][l] >= 0 ? bits(beta[layout.level[c][l]]) : 0))),
    interactions: pairs.map(([a, b], q) => ({
      comparisons: [names[a], names[b]] as [string, string],
      weights: Array.from({ length: radix[a] }, (_, la) => Array.from({ length: radix[b] }, (_, lb) => {
        const j = layout.cells[q].get(la * radix[b] + lb);
        return j === undefined ? 0 : bits(beta[j]);
      })),
    })),
    l2,
    pairs: total,
    matches: positives,
    iterations,
    converged,
  };
}

function termsOf(pattern: number, layout: Layout, radix: number[], stride: number[]): number[] {
  const out: number[] = [];
  const levelOf = (c: number) => Math.floor(pattern / stride[c]) % radix[c];
  for (let c = 0; c < radix.length; c++) {
    const j = layout.level[c][levelOf(c)];
    if (j >= 0) out.push(j);
  }
  layout.pairs.forEach(([a, b], q) => {
    const j = layout.cells[q].get(levelOf(a) * radix[b] + levelOf(b));
    if (j !== undefined) out.push(j);
  });
  return out;
}

function linear(beta: Float64Array, terms: number[], w: number): number {
  let z = beta[0] + beta[1] * w;
  for (const j of terms) z += beta[j];
  return z;
}

/** Solves A x = b for a symmetric positive definite A (row-major d × d) by Cholesky; null if not SPD. */
function solveSpd(a: Float64Array, b: Float64Array, d: number): Float64Array | null {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j];
      for (let k = 0; k < j; k++) s -= L[i * d + k] * L[j * d + k];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * d + i] = Math.sqrt(s);
      } else L[i * d + j] = s / L[j * d + j];
    }
  }
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * d + k] * y[k];
    y[i] = s / L[i * d + i];
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < d; k++) s -= L[k * d + i] * x[k];
    x[i] = s / L[i * d + i];
  }
  return x;
}
