// Throughput of every available backend and the js reference, side by side in one run (SPEC §10).
// Times the whole diagnostic on an in-memory dataset (`end to end`: weight tables, Clean-Q, the
// nulls, statistics, report) and the null distributions alone (`nulls`, SPEC §8's timing.seconds).
import { readFileSync } from 'node:fs';
import { cpus, freemem, platform, release, totalmem } from 'node:os';
import { Bench } from 'tinybench';
import { selectBackend, type BackendName } from '../src/backends/select.js';
import { parseQualityVariants } from '../src/controls/quality_variants.js';
import { prepareRun, runNulls, type DiagnoseConfig } from '../src/engine/diagnose.js';
import { runDiagnostic } from '../src/engine/run_diagnostic.js';
import { parseRules } from '../src/rules/parse.js';
import { benchRules, PERMUTATIONS, workloadData, type WorkloadName } from './workloads.js';

export interface BenchRow {
  workload: string;
  backend: string;
  workers: number;
  rules: number;
  permutations: number;
  pairs: number;
  /** median seconds of the null distributions */
  nullsSeconds: number;
  /** median seconds of the whole diagnostic */
  endToEndSeconds: number;
  pairsPerSecond: number;
  samples: number;
}

export interface BenchResult {
  date: string;
  machine: string;
  node: string;
  rows: BenchRow[];
  skipped: { backend: string; reason: string }[];
  peakRssMiB: number;
}

export interface BenchOptions {
  workloads: WorkloadName[];
  backends: Exclude<BackendName, 'auto'>[];
  /** extra rows with only the `mean` rule, to split per-permutation from per-table cost */
  oneRuleRows?: boolean;
  log?: (line: string) => void;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function samplesOf(bench: Bench, name: string): number[] {
  const task = bench.tasks.find((t) => t.name === name)!;
  const result = task.result as { latency?: { samples?: number[] }; error?: Error; state?: string };
  if (result.error) throw result.error;
  return (result.latency?.samples ?? []).map((ms) => ms / 1000);
}

/** Clock speed for cycle estimates: os.cpus() reports 0 on some VMs, /proc/cpuinfo still knows. */
export function cpuMhz(): number {
  const speed = cpus()[0]?.speed ?? 0;
  if (speed > 0) return speed;
  try {
    const m = /cpu MHz\s*:\s*([\d.]+)/.exec(readFileSync('/proc/cpuinfo', 'utf-8'));
    return m ? Math.round(Number(m[1])) : 0;
  } catch {
    return 0;
  }
}

export function describeMachine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model ?? 'unknown CPU'} at ${cpuMhz()} MHz, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} GiB free), ${platform()} ${release()}`;
}

export async function runBenchmarks(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const rows: BenchRow[] = [];
  const skipped: BenchResult['skipped'] = [];
  const backends = [];
  for (const name of options.backends) {
    try {
      const { backend } = await selectBackend(name);
      if ((backend as { software?: boolean }).software) {
        skipped.push({ backend: name, reason: `${backend.note ?? 'software adapter'}; software adapters are for tests, not benchmarks` });
        await backend.close();
        continue;
      }
      backends.push(backend);
    } catch (e) {
      skipped.push({ backend: name, reason: (e as Error).message });
    }
  }
  for (const workload of options.workloads) {
    log(`${workload}: simulating`);
    const data = workloadData(workload);
    const ruleSets = [benchRules(data), ...(options.oneRuleRows ? ['mean'] : [])];
    for (const rules of ruleSets) {
      for (const backend of backends) {
        const permutations = PERMUTATIONS[workload][backend.name];
        const config: DiagnoseConfig = {
          rules: parseRules(rules),
          metrics: ['balanced_accuracy'],
          quality: parseQualityVariants('native'),
          permutations,
          seed: 0,
          scheme: 'rows',
          blockBy: [],
          alternative: 'greater',
        };
        const prepared = prepareRun(data, config);
        const bench = new Bench({ iterations: workload === 'large' ? 3 : 5, time: 0, warmupIterations: 1, warmupTime: 0, retainSamples: true });
        bench.add('nulls', async () => {
          await runNulls(prepared, config, backend);
        });
        bench.add('end to end', async () => {
          await runDiagnostic(data, config, backend);
        });
        log(`${workload}: ${backend.name}, ${config.rules.length} rule(s), ${permutations} permutations`);
        await bench.run();
        const nulls = samplesOf(bench, 'nulls');
        const endToEnd = samplesOf(bench, 'end to end');
        const pairs = permutations * data.n * config.rules.length;
        rows.push({
          workload,
          backend: backend.name,
          workers: backend.workers,
          rules: config.rules.length,
          permutations,
          pairs,
          nullsSeconds: median(nulls),
          endToEndSeconds: median(endToEnd),
          pairsPerSecond: pairs / median(nulls),
          samples: nulls.length,
        });
      }
    }
  }
  for (const b of backends) await b.close();
  return {
    date: new Date().toISOString(),
    machine: describeMachine(),
    node: process.version,
    rows,
    skipped,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}
