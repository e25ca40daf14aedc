import { badInput } from '../errors.js';
import type { RawArray } from './dataset.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

interface Header {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
}

/**
 * Parses one `.npy` file (format versions 1–3): dtypes f4, f8, i1–i8, u1–u8, b1, `<U` and `|S`
 * strings, any byte order. Fortran-ordered arrays are transposed into C order.
 * `where` names the array in error messages.
 */
export function parseNpy(bytes: Uint8Array, where: string): RawArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw badInput(`${where}: not a .npy array (missing the \\x93NUMPY magic)`);
  }
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number;
  let headerStart: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw badInput(`${where}: truncated .npy header`);
    headerLen = view.getUint32(8, true);
    headerStart = 12;
  } else {
    throw badInput(`${where}: unsupported .npy format version ${major}`);
  }
  const dataStart = headerStart + headerLen;
  if (dataStart > bytes.length) throw badInput(`${where}: truncated .npy header`);
  const headerText = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, dataStart));
  const header = parseHeader(headerText, where);
  const count = header.shape.reduce((a, b) => a * b, 1);
  const raw = decodeValues(bytes.subarray(dataStart), header.descr, count, where);
  if (!header.fortranOrder || header.shape.length < 2) return { shape: header.shape, ...raw };
  return { shape: header.shape, kind: raw.kind, values: fortranToC(raw.values, header.shape) };
}

function parseHeader(text: string, where: string): Header {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortran || !shape) {
    throw badInput(`${where}: .npy header is not a numpy array header (structured dtypes are not supported): ${text.trim()}`);
  }
  const dims = shape[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0)) throw badInput(`${where}: bad shape (${shape[1]}) in .npy header`);
  return { descr: descr[1], fortranOrder: fortran[1] === 'True', shape: dims };
}

type Decoded = Pick<RawArray, 'values' | 'kind'>;

function decodeValues(data: Uint8Array, descr: string, count: number, where: string): Decoded {
  const m = /^([<>|=])([fiubUS])(\d+)$/.exec(descr);
  if (!m) throw badInput(`${where}: unsupported dtype '${descr}' (use float32/64, ints, bool or strings)`);
  const [, order, code, sizeText] = m;
  const size = Number(sizeText);
  const little = order !== '>';
  const itemBytes = code === 'U' ? size * 4 : size;
  if (data.length < count * itemBytes) {
    throw badInput(`${where}: truncated .npy data: ${count} values of ${descr} need ${count * itemBytes} bytes, found ${data.length}`);
  }
  const view = new DataView(data.buffer, data.byteOffset, count * itemBytes);
  if (code === 'U' || code === 'S') return { kind: 'string', values: decodeStrings(data, code, size, count, little) };
  if (code === 'b') {
    if (size !== 1) throw badInput(`${where}: unsupported dtype '${descr}'`);
    return { kind: 'bool', values: Uint8Array.from(data.subarray(0, count)) };
  }
  if (code === 'f') {
    if (size === 4) {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, little);
      return { kind: 'float', values: out };
    }
    if (size === 8) {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, little);
      return { kind: 'float', values: out };
    }
    throw badInput(`${where}: unsupported dtype '${descr}' (float16 and float128 are not supported; use float32 or float64)`);
  }
  const signed = code === 'i';
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = readInt(view, i * size, size, signed, little, where);
  return { kind: 'int', values: out };
}

function readInt(view: DataView, at: number, size: number, signed: boolean, little: boolean, where: string): number {
  switch (size) {
    case 1:
      return signed ? view.getInt8(at) : view.getUint8(at);
    case 2:
      return signed ? view.getInt16(at, little) : view.getUint16(at, little);
    case 4:
      return signed ? view.getInt32(at, little) : view.getUint32(at, little);
    case 8: {
      const v = signed ? view.getBigInt64(at, little) : view.getBigUint64(at, little);
      const n = Number(v);
      if (!Number.isSafeInteger(n)) throw badInput(`${where}: integer ${v} at flat index ${at / 8} is outside the safe range`);
      return n;
    }
    default:
      throw badInput(`${where}: unsupported integer size ${size}`);
  }
}

function decodeStrings(data: Uint8Array, code: string, size: number, count: number, little: boolean): string[] {
  const out: string[] = new Array(count);
  if (code === 'S') {
    const dec = new TextDecoder('latin1');
    for (let i = 0; i < count; i++) {
      const item = data.subarray(i * size, (i + 1) * size);
      const end = item.indexOf(0);
      out[i] = dec.decode(end < 0 ? item : item.subarray(0, end));
    }
    return out;
  }
  // 'U' is UTF-32, NUL-padded, in the array's byte order.
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < count; i++) {
    let s = '';
    for (let j = 0; j < size; j++) {
      const cp = view.getUint32((i * size + j) * 4, little);
      if (cp === 0) break;
      s += String.fromCodePoint(cp);
    }
    out[i] = s;
  }
  return out;
}

function fortranToC<T extends ArrayLike<number> | string[]>(values: T, shape: number[]): T {
  const count = values.length;
  const out: any = Array.isArray(values) ? new Array(count) : new (values as any).constructor(count);
  const d = shape.length;
  const strideF = new Array<number>(d);
  let s = 1;
  for (let k = 0; k < d; k++) {
    strideF[k] = s;
    s *= shape[k];
  }
  const idx = new Array<number>(d).fill(0);
  for (let flat = 0; flat < count; flat++) {
    let f = 0;
    for (let k = 0; k < d; k++) f += idx[k] * strideF[k];
    out[flat] = (values as any)[f];
    for (let k = d - 1; k >= 0; k--) {
      if (++idx[k] < shape[k]) break;
      idx[k] = 0;
    }
  }
  return out;
}

/** Encodes a little-endian C-order `.npy` (version 1.0) of f4, f8, i4, u1 or b1 values. */
export function encodeNpy(values: Float32Array | Float64Array | Int32Array | Uint8Array, shape: number[], bool = false): Uint8Array {
  const descr =
    values instanceof Float32Array ? '<f4' : values instanceof Float64Array ? '<f8' : values instanceof Int32Array ? '<i4' : bool ? '|b1' : '|u1';
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  header += ' '.repeat(pad % 64) + '\n';
  const out = new Uint8Array(10 + header.length + values.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  const body = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  out.set(body, 10 + header.length); // this module assumes a little-endian host, as Node on x86/ARM is
  return out;
}

/** Encodes a string array as numpy '<U' (UTF-32, width = longest string). */
export function encodeNpyStrings(values: string[]): Uint8Array {
  const cps = values.map((s) => Array.from(s, (ch) => ch.codePointAt(0)!));
  const width = Math.max(1, ...cps.map((c) => c.length));
  let header = `{'descr': '<U${width}', 'fortran_order': False, 'shape': (${values.length},), }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  header += ' '.repeat(pad % 64) + '\n';
  const out = new Uint8Array(10 + header.length + values.length * width * 4);
  out.set(MAGIC, 0);
  out[6] = 1;
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  const base = 10 + header.length;
  cps.forEach((c, i) => c.forEach((cp, j) => view.setUint32(base + (i * width + j) * 4, cp, true)));
  return out;
}
