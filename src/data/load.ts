import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { badInput } from '../errors.js';
import { parseWideCsv } from './csv_reader.js';
import type { Dataset, RawArrays } from './dataset.js';
import { parseJsonDataset } from './json_reader.js';
import { parseNpz } from './npz.js';
import { validateArrays, type ValidateOptions } from './validate.js';

/** Reads `.npz`, `.json` or wide `.csv` by extension (SPEC §1), validates, and records its sha256. */
export function loadDataset(path: string, options: ValidateOptions = {}): Dataset {
  const bytes = readInput(path);
  const dataset = validateArrays(parseByExtension(bytes, path), options);
  dataset.sha256 = createHash('sha256').update(bytes).digest('hex');
  return dataset;
}

export function parseByExtension(bytes: Uint8Array, path: string): RawArrays {
  const ext = extname(path).toLowerCase();
  const text = () => new TextDecoder('utf-8').decode(bytes);
  switch (ext) {
    case '.npz':
      return parseNpz(bytes, path);
    case '.json':
      return parseJsonDataset(text(), path);
    case '.csv':
      return parseWideCsv(text(), path);
    default:
      throw badInput(`${path}: unknown input format '${ext || '(none)'}'; expected .npz, .json or .csv`);
  }
}

function readInput(path: string): Uint8Array {
  try {
    if (!statSync(path).isFile()) throw badInput(`${path}: not a file`);
    return readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw badInput(`${path}: no such file`);
    if (e instanceof Error && e.name === 'PermfuseError') throw e;
    throw badInput(`${path}: cannot read: ${(e as Error).message}`);
  }
}
