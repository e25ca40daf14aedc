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
  // bucket examples by key in ascending index (so members stay in order), then sort the few keys
  const buckets = new Map<string, { pattern: string; group: string; label: number; members: number[] }>();
  for (let i = 0; i < n; i++) {
    let pattern = '';
    for (let j = 0; j < m; j++) pattern += available[i * m + j] ? '1' : '0';
    const group = byGroup ? data.groups![i] : '';
    const label = byLabel ? labels[i] : 0;
    const id = `${pattern}\u0000${label}\u0000${group}`;
    let bucket = buckets.get(id);
    if (!bucket) buckets.set(id, (bucket = { pattern, group, label, members: [] }));
    bucket.members.push(i);
  }
  const sorted = [...buckets.values()].sort(
    (a, b) => compareCodePoints(a.pattern, b.pattern) || compareCodePoints(a.group, b.group) || a.label - b.label,
  );
  const order = new Int32Array(n);
  const offsets = new Int32Array(sorted.length + 1);
  const blockOf = new Int32Array(n);
  let at = 0;
  sorted.forEach((bucket, b) => {
    offsets[b] = at;
    for (const i of bucket.members) {
      order[at++] = i;
      blockOf[i] = b;
    }
  });
  offsets[sorted.length] = at;
  return { count: sorted.length, order, offsets, blockOf };
}
