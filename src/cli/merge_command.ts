import { readFileSync, writeFileSync } from 'node:fs';
import { badInput } from '../errors.js';
import { reportToJson } from '../report/build_report.js';
import { mergeShardReports } from '../report/merge.js';
import type { Report } from '../report/report_types.js';
import { renderSummary } from '../report/summary_table.js';

/** `permfuse merge PART.json... --json OUT`: the unsharded report from its shards. */
export function mergeCommand(files: string[], flags: { json: string; quiet?: boolean }): void {
  const parts = files.map((file): Report => {
    try {
      return JSON.parse(readFileSync(file, 'utf-8'));
    } catch (e) {
      throw badInput(`${file}: cannot read a JSON report: ${(e as Error).message}`);
    }
  });
  const merged = mergeShardReports(parts, files);
  if (flags.json === '-') {
    process.stdout.write(`${reportToJson(merged)}\n`);
    return;
  }
  writeFileSync(flags.json, `${reportToJson(merged)}\n`);
  if (!flags.quiet) process.stdout.write(`${renderSummary(merged)}\n`);
}
