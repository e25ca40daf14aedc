import { badInput } from '../errors.js';
import type { Dataset, RawArray, RawArrays } from './dataset.js';

export interface ValidateOptions {
  /** divide each available evidence row by its sum instead of rejecting it (SPEC §1) */
  renormalize?: boolean;
}

const ROW_SUM_TOLERANCE = 1e-3;

/**
 * Checks raw arrays against SPEC §1 and builds the f32 Dataset. Every failure names the array,
 * the first offending index and the rule broken.
 */
export function validateArrays(raw: RawArrays, options: ValidateOptions = {}): Dataset {
  const known = new Set(['evidence', 'logits', 'quality', 'labels', 'available', 'groups', 'modalities', 'classes']);
  if (raw.evidence && raw.logits) throw badInput('evidence/logits: give one of them, not both');
  const evidenceName = raw.evidence ? 'evidence' : 'logits';
  const ev = raw.evidence ?? raw.logits;
  if (!ev) throw badInput(`missing array 'evidence' (or 'logits'); found: ${Object.keys(raw).join(', ') || 'none'}`);
  const quality = required(raw, 'quality');
  const labels = required(raw, 'labels');
  for (const key of Object.keys(raw)) if (!known.has(key)) throw badInput(`${key}: unknown array (expected ${[...known].join(', ')})`);

  if (ev.shape.length !== 3) throw badInput(`${evidenceName}: expected shape N×M×C, got (${ev.shape.join(', ')})`);
  const [n, m, c] = ev.shape;
  if (n < 2) throw badInput(`${evidenceName}: N = ${n}; need at least 2 examples`);
  if (m < 1) throw badInput(`${evidenceName}: M = ${m}; need at least 1 modality`);
  if (c < 2) throw badInput(`${evidenceName}: C = ${c}; need at least 2 classes`);
  expectShape(quality, 'quality', [n, m]);
  expectShape(labels, 'labels', [n]);
  numeric(ev, evidenceName);
  numeric(quality, 'quality');
  numeric(labels, 'labels');

  const available = new Uint8Array(n * m).fill(1);
  if (raw.available) {
    expectShape(raw.available, 'available', [n, m]);
    numeric(raw.available, 'available');
    const a = raw.available.values as ArrayLike<number>;
    for (let k = 0; k < n * m; k++) {
      if (a[k] !== 0 && a[k] !== 1) throw badInput(`available[${flatIndexText(k, m)}]: value ${a[k]}; must be 0 or 1`);
      available[k] = a[k];
    }
  }
  for (let i = 0; i < n; i++) {
    let any = 0;
    for (let j = 0; j < m; j++) any |= available[i * m + j];
    if (!any) throw badInput(`available[${i}]: example ${i} has no available modality`);
  }

  const labelValues = labels.values as ArrayLike<number>;
  const labelsOut = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const y = labelValues[i];
    if (!Number.isInteger(y) || y < 0 || y >= c) throw badInput(`labels[${i}]: value ${y}; must be an integer class index in [0, ${c})`);
    labelsOut[i] = y;
  }

  const evidence = raw.evidence ? probabilities(ev, available, n, m, c, options) : softmaxLogits(ev, available, n, m, c);

  const q = quality.values as ArrayLike<number>;
  const qualityOut = new Float32Array(n * m);
  for (let k = 0; k < n * m; k++) {
    if (!available[k]) continue;
    const v = Math.fround(q[k]);
    if (!Number.isFinite(v)) throw badInput(`quality[${flatIndexText(k, m)}]: value ${q[k]} at an available entry; must be finite`);
    qualityOut[k] = v;
  }

  return {
    n,
    m,
    c,
    evidence,
    quality: qualityOut,
    labels: labelsOut,
    available,
    groups: raw.groups ? groupIds(raw.groups, n) : null,
    modalities: raw.modalities ? names(raw.modalities, 'modalities', m) : Array.from({ length: m }, (_, j) => `m${j}`),
    classes: raw.classes ? names(raw.classes, 'classes', c) : Array.from({ length: c }, (_, j) => `${j}`),
  };
}

function required(raw: RawArrays, name: string): RawArray {
  const a = raw[name];
  if (!a) throw badInput(`missing array '${name}'`);
  return a;
}

function expectShape(a: RawArray, name: string, shape: number[]): void {
  const same = a.shape.length === shape.length && a.shape.every((d, i) => d === shape[i]);
  if (!same) throw badInput(`${name}: shape (${a.shape.join(', ')}) does not match (${shape.join(', ')}) implied by the evidence`);
}

function numeric(a: RawArray, name: string): void {
  if (a.kind === 'string') throw badInput(`${name}: expected numbers, got strings`);
}

/** "i,j" or "i,j,k" for a flat index into an N×M (or N×M×C) array. */
function flatIndexText(k: number, m: number, c?: number): string {
  if (c === undefined) return `${Math.floor(k / m)},${k % m}`;
  return `${Math.floor(k / (m * c))},${Math.floor(k / c) % m},${k % c}`;
}

function probabilities(ev: RawArray, available: Uint8Array, n: number, m: number, c: number, options: ValidateOptions): Float32Array {
  const src = ev.values as ArrayLike<number>;
  const out = new Float32Array(n * m * c);
  for (let row = 0; row < n * m; row++) {
    if (!available[row]) continue;
    let sum = 0;
    for (let j = 0; j < c; j++) {
      const v = Math.fround(src[row * c + j]);
      if (!Number.isFinite(v) || v < 0) {
        throw badInput(`evidence[${flatIndexText(row * c + j, m, c)}]: value ${src[row * c + j]}; probabilities must be finite and non-negative`);
      }
      out[row * c + j] = v;
      sum += v;
    }
    if (options.renormalize) {
      if (!(sum > 0)) throw badInput(`evidence[${flatIndexText(row, m)},:]: row sums to 0 and cannot be renormalized`);
      for (let j = 0; j < c; j++) out[row * c + j] = out[row * c + j] / sum;
    } else if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
      throw badInput(
        `evidence[${flatIndexText(row, m)},:]: row sums to ${sum.toPrecision(6)}, not 1 within ${ROW_SUM_TOLERANCE}; pass 'logits' instead, or use --renormalize`,
      );
    }
  }
  return out;
}

/** Logits are cast to f32, the softmax per (i, m) is computed in f64 and stored as f32 (SPEC §1). */
function softmaxLogits(ev: RawArray, available: Uint8Array, n: number, m: number, c: number): Float32Array {
  const src = ev.values as ArrayLike<number>;
  const out = new Float32Array(n * m * c);
  const z = new Float64Array(c);
  for (let row = 0; row < n * m; row++) {
    if (!available[row]) continue;
    let max = -Infinity;
    for (let j = 0; j < c; j++) {
      z[j] = Math.fround(src[row * c + j]);
      if (!Number.isFinite(z[j])) throw badInput(`logits[${flatIndexText(row * c + j, m, c)}]: value ${src[row * c + j]}; logits must be finite`);
      if (z[j] > max) max = z[j];
    }
    let sum = 0;
    for (let j = 0; j < c; j++) sum += (z[j] = Math.exp(z[j] - max));
    for (let j = 0; j < c; j++) out[row * c + j] = z[j] / sum;
  }
  return out;
}

function groupIds(a: RawArray, n: number): string[] {
  expectShape(a, 'groups', [n]);
  if (a.kind === 'string') return Array.from(a.values as string[]);
  const v = a.values as ArrayLike<number>;
  return Array.from({ length: n }, (_, i) => {
    if (!Number.isInteger(v[i])) throw badInput(`groups[${i}]: value ${v[i]}; group ids must be integers or strings`);
    return String(v[i]);
  });
}

function names(a: RawArray, name: string, count: number): string[] {
  expectShape(a, name, [count]);
  const v = a.values as ArrayLike<unknown>;
  const out = Array.from({ length: count }, (_, i) => String(v[i]));
  const dup = out.findIndex((s, i) => out.indexOf(s) !== i);
  if (dup >= 0) throw badInput(`${name}[${dup}]: duplicate name '${out[dup]}'`);
  return out;
}
