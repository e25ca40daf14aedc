import type { Dataset } from '../data/dataset.js';
import { usage } from '../errors.js';

export type BlockKey = 'group' | 'label';

/**
 * The partition of examples into exchangeable blocks (SPEC §3). `order` lists the members of
 * block 0 in ascending example index, then block 1, …; block b is order[offsets[b] .. offsets[b+1]).
 */
export interface Blocks {
  count: number;
  order: Int32Array;
  offsets: Int32Array;
  /** block id per example */
  blockOf: Int32Array;
}

/** Compares strings by Unicode code points (JS `<` compares UTF-16 code units). */
export function compareCodePoints(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return (x.done ? 0 : 1) - (y.done ? 0 : 1);
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/**
 * Blocks by (availability pattern, then each of `blockBy`), numbered in ascending order of that
 * tuple: pattern as a 0/1 string, group id as a string by code points, label as an integer —
 * whatever order `blockBy` lists them in.
 */
export function computeBlocks(data: Dataset, blockBy: readonly BlockKey[] = []): Blocks {
  const { n, m, available, labels } = data;
  const byGroup = blockBy.includes('group');
  const byLabel = blockBy.includes('label');
  if (byGroup && !data.groups) throw usage("--block-by group: the dataset has no 'groups' array");
  const pattern = (i: number) => {
    let s = '';
    for (let j = 0; j < m; j++) s += available[i * m + j] ? '1' : '0';
    return s;
  };
  const keys = Array.from({ length: n }, (_, i) => ({ pattern: pattern(i), group: byGroup ? data.groups![i] : '', label: byLabel ? labels[i] : 0 }));
  const cmp = (a: (typeof keys)[number], b: (typeof keys)[number]) =>
    compareCodePoints(a.pattern, b.pattern) || compareCodePoints(a.group, b.group) || a.label - b.label;
  // A stable sort of indices keeps members of a block in ascending example index.
  const sorted = Array.from({ length: n }, (_, i) => i).sort((x, y) => cmp(keys[x], keys[y]) || x - y);
  const order = Int32Array.from(sorted);
  const blockOf = new Int32Array(n);
  const offsets: number[] = [0];
  for (let t = 1; t <= n; t++) {
    if (t === n || cmp(keys[sorted[t - 1]], keys[sorted[t]]) !== 0) offsets.push(t);
  }
  for (let b = 0; b + 1 < offsets.length; b++) for (let t = offsets[b]; t < offsets[b + 1]; t++) blockOf[order[t]] = b;
  return { count: offsets.length - 1, order, offsets: Int32Array.from(offsets), blockOf };
}
