import { unzipSync, zipSync, type Zippable } from 'fflate';
import { badInput } from '../errors.js';
import type { RawArrays } from './dataset.js';
import { encodeNpy, encodeNpyStrings, parseNpy } from './npy.js';

/**
 * Reads a numpy `.npz` (`savez`, stored, or `savez_compressed`, deflated). fflate takes each
 * member's data offset from its local header, which is where numpy puts its zip64 extra fields.
 */
export function parseNpz(bytes: Uint8Array, file: string): RawArrays {
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes);
  } catch (e) {
    throw badInput(`${file}: not a readable .npz (zip) file: ${(e as Error).message}`);
  }
  const out: RawArrays = {};
  for (const [name, data] of Object.entries(members)) {
    if (!name.endsWith('.npy')) continue;
    const key = name.slice(0, -4);
    out[key] = parseNpy(data, `${file}:${key}`);
  }
  if (Object.keys(out).length === 0) throw badInput(`${file}: the .npz holds no .npy arrays`);
  return out;
}

export type NpzArray = Float32Array | Float64Array | Int32Array | Uint8Array | string[];

/** Writes arrays as a deflated `.npz` that numpy.load reads. `shapes` gives each array's shape. */
export function encodeNpz(arrays: Record<string, { values: NpzArray; shape: number[]; bool?: boolean }>): Uint8Array {
  const files: Zippable = {};
  for (const [name, a] of Object.entries(arrays)) {
    files[`${name}.npy`] = Array.isArray(a.values) ? encodeNpyStrings(a.values) : encodeNpy(a.values, a.shape, a.bool);
  }
  return zipSync(files, { level: 6 });
}
