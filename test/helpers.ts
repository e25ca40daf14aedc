import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Dataset } from '../src/data/dataset.js';
import { Rng } from '../src/simulate/rng.js';

export const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

/** A fresh temporary directory for a test's files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'permfuse-test-'));
}

export function writeTemp(name: string, content: string | Uint8Array): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

/** |a − b| ≤ tol, with null standing for a non-finite value on either side. */
export function expectClose(actual: number | null, expected: number | null, tol = 1e-9, what = ''): void {
  if (expected === null || actual === null) {
    expect(actual, what).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

/** Runs the CLI in-process; returns its exit status and what it wrote. */
export async function runCli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { main } = await import('../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += chunk.toString()), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true)) as typeof process.stderr.write;
  try {
    const status = await main(args);
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/** A small valid dataset as plain nested arrays (N=4, M=2, C=2), for tests to break one thing at a time. */
export function smallDataset(): Record<string, unknown> {
  return {
    evidence: [
      [[0.9, 0.1], [0.4, 0.6]],
      [[0.2, 0.8], [0.7, 0.3]],
      [[0.6, 0.4], [0.5, 0.5]],
      [[0.3, 0.7], [0.1, 0.9]],
    ],
    quality: [[1, 0], [0.5, 2], [0, 0], [-1, 1]],
    labels: [0, 1, 0, 1],
  };
}

/**
 * A random dataset for parity and property tests: partial availability, skewed labels (a class
 * may be absent), quality on a coarse grid (many exact ties), six groups.
 */
export function randomDataset(seed: number, n: number, m: number, c: number): Dataset {
  const rng = new Rng(seed, 7);
  const available = new Uint8Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) available[i * m + j] = rng.uniform() < 0.75 ? 1 : 0;
    available[i * m + rng.below(m)] = 1;
  }
  const evidence = new Float32Array(n * m * c);
  for (let r = 0; r < n * m; r++) {
    if (!available[r]) continue;
    const w = Array.from({ length: c }, () => rng.uniform() ** 3);
    const s = w.reduce((a, b) => a + b, 0);
    w.forEach((v, k) => (evidence[r * c + k] = v / s));
  }
  return {
    n,
    m,
    c,
    evidence,
    quality: Float32Array.from({ length: n * m }, (_, k) => (available[k] ? Math.round(rng.normal() * 4) / 4 : 0)),
    // skewed labels, one class possibly absent
    labels: Int32Array.from({ length: n }, () => Math.min(c - 1, Math.floor(rng.uniform() ** 2 * c))),
    available,
    groups: Array.from({ length: n }, () => `g${rng.below(6)}`),
    modalities: Array.from({ length: m }, (_, j) => `m${j}`),
    classes: Array.from({ length: c }, (_, k) => `${k}`),
  };
}
