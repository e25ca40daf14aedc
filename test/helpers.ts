import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

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
