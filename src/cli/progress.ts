import cliProgress from 'cli-progress';
import type { ProgressEvent } from '../engine/diagnose.js';

export type ProgressMode = 'bar' | 'jsonl' | 'none';

/**
 * Progress on stderr only, so stdout stays the summary or the JSON report: a cli-progress bar on
 * a terminal, or one JSON line per update for tools.
 */
export function progressReporter(mode: ProgressMode): { update: (p: ProgressEvent) => void; stop: () => void } {
  if (mode === 'none') return { update: () => {}, stop: () => {} };
  if (mode === 'jsonl') {
    const start = performance.now();
    return {
      update: (p) => process.stderr.write(`${JSON.stringify({ event: 'progress', done: p.done, total: p.total, seconds: (performance.now() - start) / 1000 })}\n`),
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'permutations {bar} {value}/{total} | {rate}/s | eta {eta_formatted}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  const start = performance.now();
  let started = false;
  return {
    update: (p) => {
      if (!started) {
        bar.start(p.total, 0, { rate: '—' });
        started = true;
      }
      const seconds = (performance.now() - start) / 1000;
      bar.update(p.done, { rate: seconds > 0 ? Math.round(p.done / seconds).toString() : '—' });
    },
    stop: () => started && bar.stop(),
  };
}

export function defaultProgressMode(quiet: boolean): ProgressMode {
  if (quiet) return 'none';
  return process.stderr.isTTY ? 'bar' : 'none';
}
