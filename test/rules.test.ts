import { describe, expect, it } from 'vitest';
import { parseRules } from '../src/rules/parse.js';
import { RULE_KINDS } from '../src/rules/registry.js';
import { writeTemp } from './helpers.js';

function weights(ruleText: string, q: number[], avail: number[] = q.map(() => 1)): number[] {
  const [spec] = parseRules(ruleText);
  const fn = RULE_KINDS.get(spec.kind)!.compile(spec.params, q.length);
  const out = new Float64Array(q.length);
  fn(Float32Array.from(q), 0, Uint8Array.from(avail), 0, q.length, out);
  return Array.from(out);
}

describe('weight rows (hand-computed)', () => {
  const e = Math.exp;
  it('weighted and loglinear: softmax of q/τ over available modalities', () => {
    const s = e(-1) + e(-2) + 1;
    expect(weights('weighted', [1, 0, 2])).toEqual([e(-1) / s, e(-2) / s, 1 / s]);
    const s2 = e(-2) + e(-4) + 1;
    expect(weights('loglinear:temperature=0.5', [1, 0, 2])).toEqual([e(-2) / s2, e(-4) / s2, 1 / s2]);
    expect(weights('weighted', [1, 0, 2], [1, 1, 0])).toEqual([1 / (1 + e(-1)), e(-1) / (1 + e(-1)), 0]);
  });
  it('select: the largest available q, lowest m on ties', () => {
    expect(weights('select', [1, 0, 2])).toEqual([0, 0, 1]);
    expect(weights('select', [1, 1, 0])).toEqual([1, 0, 0]);
    expect(weights('select', [1, 0, 2], [1, 1, 0])).toEqual([1, 0, 0]);
  });
  it('topk: k largest, ties to lower m, all when fewer are available', () => {
    expect(weights('topk:k=2', [1, 0, 2])).toEqual([0.5, 0, 0.5]);
    expect(weights('topk:k=1', [3, 3, 3])).toEqual([1, 0, 0]);
    expect(weights('topk:k=2', [3, 3, 3])).toEqual([0.5, 0.5, 0]);
    expect(weights('topk:k=5', [1, 0, 2], [0, 1, 1])).toEqual([0, 0.5, 0.5]);
  });
  it('gate: q ≥ θ in f32, all available when none passes', () => {
    expect(weights('gate:threshold=0.5', [1, 0, 2])).toEqual([0.5, 0, 0.5]);
    expect(weights('gate:threshold=5', [1, 0, 2])).toEqual([1 / 3, 1 / 3, 1 / 3]);
    // f32(0.7) = 0.69999998… < 0.7: a quality of f32(0.7) passes θ = 0.7 only because θ is compared in f32
    expect(weights('gate:threshold=0.7', [0.7, 0])).toEqual([1, 0]);
  });
  it('mean ignores quality', () => {
    expect(weights('mean', [5, -5, 0], [1, 0, 1])).toEqual([0.5, 0, 0.5]);
  });
  it('linear_gate with W = I, b = 0 equals weighted', () => {
    const file = writeTemp('lg.json', JSON.stringify([{ kind: 'linear_gate', W: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], b: [0, 0, 0] }]));
    expect(weights(`@${file}`, [1, 0, 2])).toEqual(weights('weighted', [1, 0, 2]));
  });
});

describe('rule syntax', () => {
  it('expands value lists into a grid with one name per rule', () => {
    expect(parseRules('weighted:temperature=0.1|0.5|1').map((r) => r.name)).toEqual([
      'weighted:temperature=0.1',
      'weighted:temperature=0.5',
      'weighted:temperature=1',
    ]);
    expect(parseRules('mean,topk:k=1|2').map((r) => r.params)).toEqual([{}, { k: 1 }, { k: 2 }]);
  });
  it('names file rules by name, or by kind and scalar parameters', () => {
    const file = writeTemp('r.json', JSON.stringify([{ name: 'mine', kind: 'select' }, { kind: 'gate', threshold: 0.2 }]));
    expect(parseRules(`@${file}`).map((r) => r.name)).toEqual(['mine', 'gate:threshold=0.2']);
  });
  it('rejects a W of the wrong shape when compiled', () => {
    const file = writeTemp('bad.json', JSON.stringify([{ kind: 'linear_gate', W: [[1]], b: [0, 0] }]));
    const [spec] = parseRules(`@${file}`);
    expect(() => RULE_KINDS.get('linear_gate')!.compile(spec.params, 2)).toThrow(/W must be an 2×2 matrix/);
  });
});
