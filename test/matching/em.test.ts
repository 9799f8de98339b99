import { describe, expect, it } from 'vitest';
import { mulberry32, runEm } from '../../matching/index.js';

describe('EM', () => {
  it('recovers known m probabilities (and the match share) from generated comparison patterns', () => {
    // three comparisons with 2, 3 and 2 levels (+ null at 0): radix 4, 5, 4
    const radix = [4, 5, 4];
    const stride = [1, 4, 20];
    const mTrue = [[1, 0.9, 0.08, 0.02], [1, 0.7, 0.2, 0.05, 0.05], [1, 0.85, 0.1, 0.05]];
    const uTrue = [[1, 0.05, 0.15, 0.8], [1, 0.01, 0.04, 0.15, 0.8], [1, 0.1, 0.2, 0.7]];
    const pTrue = 0.3;
    const rand = mulberry32(7);
    const draw = (probs: number[]) => {
      let r = rand(), l = 1;
      for (; l < probs.length - 1; l++) { r -= probs[l]; if (r < 0) return l; }
      return l;
    };
    const histogram = new Map<number, number>();
    for (let k = 0; k < 200_000; k++) {
      const match = rand() < pTrue;
      let pattern = 0;
      for (let c = 0; c < 3; c++) {
        const level = rand() < 0.05 ? 0 : draw(match ? mTrue[c] : uTrue[c]);
        pattern += level * stride[c];
      }
      histogram.set(pattern, (histogram.get(pattern) ?? 0) + 1);
    }
    const flat = radix.map((r) => [1, ...Array(r - 1).fill(1 / (r - 1))]);
    const em = runEm({ histogram, radix, stride, u: flat, m: flat.map((row) => row.map((v, l) => (l === 1 ? 0.6 : v * 0.5))), p: 0.1, iterations: 300, freeU: true });
    expect(em.p).toBeCloseTo(pTrue, 1);
    for (let c = 0; c < 3; c++) for (let l = 1; l < radix[c]; l++) {
      expect(Math.abs(em.m[c][l] - mTrue[c][l])).toBeLessThan(0.03);
      expect(Math.abs(em.u[c][l] - uTrue[c][l])).toBeLessThan(0.03);
    }
  });
});
