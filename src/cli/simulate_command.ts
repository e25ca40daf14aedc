import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { datasetToNpz } from '../data/write_dataset.js';
import { usage } from '../errors.js';
import { simulate } from '../simulate/generate.js';

export interface SimulateFlags {
  preset: string;
  alignment: string;
  seed: string;
  classes?: string;
  n?: string;
  output: string;
}

export function simulateCommand(flags: SimulateFlags): void {
  const num = (text: string, flag: string) => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v)) throw usage(`${flag}: '${text}' is not a number`);
    return v;
  };
  const seed = num(flags.seed, '--seed');
  if (!Number.isSafeInteger(seed) || seed < 0) throw usage('--seed must be an integer ≥ 0');
  const data = simulate({
    preset: flags.preset,
    alignment: num(flags.alignment, '--alignment'),
    seed,
    classes: flags.classes === undefined ? undefined : num(flags.classes, '--classes'),
    n: flags.n === undefined ? undefined : num(flags.n, '--n'),
  });
  if (!flags.output.endsWith('.npz')) throw usage('-o: the output file must end in .npz');
  mkdirSync(dirname(flags.output), { recursive: true });
  writeFileSync(flags.output, datasetToNpz(data));
}
