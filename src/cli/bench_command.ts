import { writeFileSync } from 'node:fs';
import { renderBenchmarksMd } from '../../bench/benchmarks_md.js';
import { cpuMhz, runBenchmarks } from '../../bench/throughput.js';
import { WORKLOADS, type WorkloadName } from '../../bench/workloads.js';
import { usage } from '../errors.js';

/** `permfuse bench [--workload NAME] [--backends LIST] [--write FILE]`. */
export async function benchCommand(flags: { workload?: string; backends: string; write?: string }): Promise<void> {
  const workloads = (flags.workload ? flags.workload.split(',') : [...WORKLOADS]) as WorkloadName[];
  for (const w of workloads) if (!WORKLOADS.includes(w)) throw usage(`--workload: unknown workload '${w}' (known: ${WORKLOADS.join(', ')})`);
  const backends = flags.backends.split(',').map((b) => b.trim());
  for (const b of backends) if (!['js', 'wasm', 'webgpu'].includes(b)) throw usage(`--backends: unknown backend '${b}'`);
  const result = await runBenchmarks({
    workloads,
    backends: backends as ('js' | 'wasm' | 'webgpu')[],
    oneRuleRows: true,
    log: (line) => process.stderr.write(`bench: ${line}\n`),
  });
  const command = `permfuse bench${flags.workload ? ` --workload ${flags.workload}` : ''} --backends ${flags.backends}${flags.write ? ` --write ${flags.write}` : ''}`;
  const md = renderBenchmarksMd(result, cpuMhz(), command);
  if (flags.write) writeFileSync(flags.write, md);
  process.stdout.write(md);
}
