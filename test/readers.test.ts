import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../src/data/load.js';
import { parseNpz } from '../src/data/npz.js';
import { datasetToNpz } from '../src/data/write_dataset.js';
import { simulate } from '../src/simulate/generate.js';
import { FIXTURES, writeTemp } from './helpers.js';

// The same 9×3×3 dataset written by numpy (test/reference/reference.py) four ways.
describe('every input format reads to the same dataset', () => {
  const plain = loadDataset(join(FIXTURES, 'formats_plain.npz'));

  it('plain npz: names, groups, and zeros where unavailable', () => {
    expect(plain.modalities).toEqual(['a', 'a_b', 'vision']);
    expect(plain.classes).toEqual(['neg', 'neu', 'pos']);
    expect(plain.groups!.slice(0, 4)).toEqual(['s0', 's1', 's2', 's0']);
    expect(plain.available[2 * 3 + 1]).toBe(0);
    expect(Array.from(plain.evidence.subarray((2 * 3 + 1) * 3, (2 * 3 + 2) * 3))).toEqual([0, 0, 0]);
    expect(plain.quality[5 * 3 + 0]).toBe(0);
  });

  const same = (name: string) => {
    const other = loadDataset(join(FIXTURES, name));
    for (const key of ['evidence', 'quality', 'labels', 'available'] as const) expect(Array.from(other[key]), `${name} ${key}`).toEqual(Array.from(plain[key]));
    expect(other.groups).toEqual(plain.groups);
    expect(other.modalities).toEqual(plain.modalities);
    expect(other.classes).toEqual(plain.classes);
  };
  it('Fortran-order, big-endian, int8, bytes and deflated npz', () => same('formats_exotic.npz'));
  it('JSON with nulls where unavailable', () => same('formats.json'));
  it('wide CSV (a modality name that prefixes another, empty unavailable cells)', () => same('formats.csv'));
  it('records the sha256 of the file', () => expect(plain.sha256).toMatch(/^[0-9a-f]{64}$/));
});

describe('CSV specifics', () => {
  it('reads logit_ columns through the f64 softmax', () => {
    const csv = 'label,q_x,logit_x_0,logit_x_1\n0,1,2,0\n1,0.5,0,0\n';
    const d = loadDataset(writeTemp('logits.csv', csv));
    expect(d.evidence[0]).toBe(Math.fround(Math.exp(2) / (Math.exp(2) + 1)));
    expect(d.evidence[2]).toBe(0.5);
  });
  it('names a missing evidence column', () => {
    const csv = 'label,q_x,q_y,p_x_0,p_x_1,p_y_0\n0,1,1,0.5,0.5,1\n1,1,1,0.5,0.5,1\n';
    expect(() => loadDataset(writeTemp('missing.csv', csv))).toThrow(/missing column 'p_y_1'/);
  });
  it('rejects a non-numeric cell with its row and column', () => {
    const csv = 'label,q_x,p_x_0,p_x_1\n0,high,0.5,0.5\n1,1,0.5,0.5\n';
    expect(() => loadDataset(writeTemp('word.csv', csv))).toThrow(/row 2, column 'q_x': 'high' is not a number/);
  });
});

describe('npz writer', () => {
  it('round-trips a simulated dataset', () => {
    const d = simulate({ preset: 'stressid', alignment: 0.5, seed: 3 });
    const path = writeTemp('sim.npz', datasetToNpz(d));
    const back = loadDataset(path);
    expect(Array.from(back.evidence)).toEqual(Array.from(d.evidence));
    expect(Array.from(back.quality)).toEqual(Array.from(d.quality));
    expect(back.groups).toEqual(d.groups);
    expect(back.modalities).toEqual(d.modalities);
  });
  it('keeps the kind of numpy dtypes (int, bool, unicode)', () => {
    const arrays = parseNpz(readFileSync(join(FIXTURES, 'formats_plain.npz')), 'x');
    expect(arrays.labels.kind).toBe('int');
    expect(arrays.available.kind).toBe('bool');
    expect(arrays.modalities.kind).toBe('string');
  });
});
