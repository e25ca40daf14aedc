import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

describe('diagnose --shard I/K and merge', () => {
  const dir = tempDir();
  const input = join(dir, 'sim.npz');
  const common = ['--permutations', '301', '--quality', 'native,oracle', '--metrics', 'balanced_accuracy,macro_f1', '--block-by', 'group', '--alternative', 'two-sided', '--include-null'];
  const read = (f: string) => JSON.parse(readFileSync(f, 'utf-8'));
  const withoutTiming = (r: any) => ({ ...r, timing: undefined });

  it('merged shards equal the unsharded report (p-values, max-T and all), whatever the backend', async () => {
    expect((await runCli(['simulate', '--preset', 'stressid', '--seed', '5', '-o', input])).status).toBe(0);
    const full = join(dir, 'full.json');
    expect((await runCli(['diagnose', input, ...common, '--backend', 'js', '--json', full, '--quiet'])).status).toBe(0);
    const parts = [1, 2, 3, 4].map((i) => join(dir, `part${i}.json`));
    for (const [i, part] of parts.entries()) {
      // shards on different backends must still merge exactly
      const backend = i % 2 ? 'wasm' : 'js';
      expect((await runCli(['diagnose', input, ...common, '--backend', backend, '--shard', `${i + 1}/4`, '--json', part])).status).toBe(0);
      expect(read(part).shard).toMatchObject({ index: i + 1, count: 4 });
    }
    const merged = join(dir, 'merged.json');
    const r = await runCli(['merge', parts[2], parts[0], parts[3], parts[1], '--json', merged, '--quiet']);
    expect(r.status).toBe(0);
    const m = read(merged);
    const f = read(full);
    m.config.backend = f.config.backend;
    m.config.workers = f.config.workers;
    expect(withoutTiming(m)).toEqual(withoutTiming(f));
    expect(m.timing.pairs).toBe(f.timing.pairs);
  });

  it('refuses a missing shard, a duplicate, and shards of another run', async () => {
    const parts = [1, 2, 3, 4].map((i) => join(dir, `part${i}.json`));
    const missing = await runCli(['merge', parts[0], parts[1], parts[3], '--json', join(dir, 'x.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/shard 3 of 4 is missing/);
    const twice = await runCli(['merge', parts[0], parts[0], parts[2], parts[3], '--json', join(dir, 'x.json')]);
    expect(twice.stderr).toMatch(/shard 2 of 4 is given twice/);
    const other = read(parts[1]);
    other.config.seed = 99;
    const otherFile = join(dir, 'other.json');
    writeFileSync(otherFile, JSON.stringify(other));
    const mixed = await runCli(['merge', parts[0], otherFile, parts[2], parts[3], '--json', join(dir, 'x.json')]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(/a different dataset or configuration/);
  });

  it('rejects a malformed --shard', async () => {
    const r = await runCli(['diagnose', input, '--shard', '0/3', '--json', join(dir, 'y.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--shard: '0\/3' is not I\/K with 1 ≤ I ≤ K/);
  });
});
