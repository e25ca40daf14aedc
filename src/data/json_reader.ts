import { badInput } from '../errors.js';
import type { RawArray, RawArrays } from './dataset.js';

/** Reads one JSON object whose keys are the arrays of SPEC §1, as nested arrays. `null` reads as NaN. */
export function parseJsonDataset(text: string, file: string): RawArrays {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw badInput(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw badInput(`${file}: expected one JSON object with the arrays by name`);
  const out: RawArrays = {};
  for (const [key, value] of Object.entries(doc as Record<string, unknown>)) out[key] = nestedToRaw(value, key);
  return out;
}

/** Flattens a rectangular nested array, inferring its shape and element kind. */
export function nestedToRaw(value: unknown, name: string): RawArray {
  const shape: number[] = [];
  let probe: unknown = value;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  if (shape.length === 0) throw badInput(`${name}: expected an array, got ${typeof value}`);
  const flat: unknown[] = [];
  const walk = (v: unknown, depth: number, path: number[]): void => {
    if (depth === shape.length) {
      if (Array.isArray(v)) throw badInput(`${name}[${path.join(',')}]: ragged nesting (expected a scalar at depth ${depth})`);
      flat.push(v);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      throw badInput(`${name}[${path.join(',')}]: ragged array: expected ${shape[depth]} elements at depth ${depth}`);
    }
    v.forEach((x, i) => walk(x, depth + 1, [...path, i]));
  };
  walk(value, 0, []);
  if (flat.length > 0 && flat.every((x) => typeof x === 'string')) return { shape, kind: 'string', values: flat as string[] };
  const values = new Float64Array(flat.length);
  let kind: RawArray['kind'] = flat.every((x) => typeof x === 'boolean') && flat.length > 0 ? 'bool' : 'int';
  flat.forEach((x, i) => {
    if (x === null) {
      values[i] = NaN;
      kind = 'float';
    } else if (typeof x === 'number') {
      values[i] = x;
      if (!Number.isInteger(x)) kind = 'float';
    } else if (typeof x === 'boolean') values[i] = x ? 1 : 0;
    else throw badInput(`${name}: element ${i} (flat) is ${JSON.stringify(x)}, expected a number`);
  });
  return { shape, kind, values };
}
