import { Command, CommanderError, Option } from 'commander';
import { PermfuseError } from '../errors.js';
import { benchCommand } from './bench_command.js';
import { demoCommand } from './demo_command.js';
import { DIAGNOSE_DEFAULTS, diagnoseCommand, sweepCommand } from './diagnose_command.js';
import { infoCommand } from './info_command.js';
import { mergeCommand } from './merge_command.js';
import { simulateCommand } from './simulate_command.js';

/** `permfuse` command line (SPEC §11). Subcommands live in their own files; this wires them. */
export function buildProgram(): Command {
  const program = new Command('permfuse')
    .description('Does quality-aware fusion use its quality scores? Clean-Q vs Broken-Q permutation diagnostic.')
    .exitOverride()
    .configureOutput({ outputError: () => {} });

  addDiagnoseOptions(program.command('diagnose').description('run the diagnostic; print a summary table and optionally write the JSON report')).action(
    diagnoseCommand,
  );
  addDiagnoseOptions(program.command('sweep').description('the positive-control dose-response: oracle quality with a fraction eps flipped'))
    .requiredOption('--eps <list>', 'flip fractions: 0,0.05,0.1 or start:stop:step, e.g. 0:0.5:0.05')
    .action(sweepCommand);

  program
    .command('simulate')
    .description('write a realistic simulated dataset (.npz)')
    .requiredOption('--preset <name>', 'stressid | mosei | large')
    .option('--alignment <A>', 'quality alignment with the corruption: 0 unrelated … 1 aligned', '0.5')
    .option('--seed <S>', 'simulation seed', '0')
    .option('--classes <C>', 'number of classes (stressid: 2 or 3)')
    .option('--n <N>', "override the preset's example count")
    .requiredOption('-o, --output <file>', 'output .npz')
    .action(simulateCommand);

  program
    .command('merge')
    .description('combine the partial reports of diagnose --shard into the unsharded report')
    .argument('<parts...>', 'partial JSON reports')
    .requiredOption('--json <file>', "the merged report ('-' for stdout)")
    .option('--quiet', 'no summary table')
    .action(mergeCommand);

  program.command('demo').description('diagnose the bundled StressID-shaped sample').action(demoCommand);
  program
    .command('bench')
    .description('throughput of every backend and the js reference, side by side (SPEC §10)')
    .option('--workload <names>', 'stressid, mosei, large (default: all)')
    .option('--backends <list>', 'backends to measure', 'js,wasm,webgpu')
    .option('--write <file>', 'also write the Markdown table to this file (BENCHMARKS.md)')
    .action(benchCommand);

  program.command('info').description('backends available here, and why the others are not').action(infoCommand);
  return program;
}

/** The options shared by `diagnose` and `sweep` (SPEC §11). */
function addDiagnoseOptions(command: Command): Command {
  return command
    .argument('<input>', 'dataset: .npz, .json or wide .csv (see README)')
    .option('--rules <list>', 'fusion rules, e.g. mean,weighted:temperature=0.5,topk:k=2 or @rules.json', DIAGNOSE_DEFAULTS.rules)
    .option('--metrics <list>', 'accuracy, balanced_accuracy, macro_f1, weighted_f1, binary_f1', DIAGNOSE_DEFAULTS.metrics)
    .option('--permutations <P>', 'Broken-Q permutations', DIAGNOSE_DEFAULTS.permutations)
    .option('--seed <S>', 'permutation seed, integer in [0, 2^53)', DIAGNOSE_DEFAULTS.seed)
    .option('--scheme <scheme>', 'rows | columns', DIAGNOSE_DEFAULTS.scheme)
    .option('--block-by <list>', 'permute within group and/or label blocks (availability pattern always)')
    .option('--alternative <alt>', 'greater | less | two-sided', DIAGNOSE_DEFAULTS.alternative)
    .option('--quality <list>', 'quality variants: native, oracle, flip:EPS, crossfit', DIAGNOSE_DEFAULTS.quality)
    .option('--backend <name>', 'auto | js | wasm | webgpu', DIAGNOSE_DEFAULTS.backend)
    .option('--workers <N>', 'worker threads (default: cores)')
    .option('--shard <I/K>', 'run only the I-th (1-based) of K contiguous permutation ranges; write a partial report for merge')
    .option('--renormalize', 'divide evidence rows by their sum instead of rejecting them')
    .option('--json <file>', "write the JSON report ('-' for stdout)")
    .option('--include-null', 'include every null value in the JSON report')
    .option('--html <file>', 'a self-contained HTML report with charts')
    .option('--md <file>', 'a Markdown summary table')
    .addOption(new Option('--progress <mode>', 'bar | jsonl | none (default: bar on a terminal)'))
    .option('--export-quality <file.npz>', 'write every quality variant the run used, one N×M array per variant')
    .option('--train-groups <file>', 'training group ids, one per line: fail if a test group is among them')
    .option('--allow-overlap', 'with --train-groups: report the overlap but run anyway')
    .option('--quiet', 'no summary table, no progress');
}

/** Runs the CLI; maps errors to exit status 2 (bad input/usage) or 1 (internal), one line on stderr. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return 0;
      process.stderr.write(`permfuse: ${e.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')}\n`);
      return 2;
    }
    if (e instanceof PermfuseError) {
      process.stderr.write(`permfuse: ${e.message}\n`);
      return e.code === 'internal' ? 1 : 2;
    }
    process.stderr.write(`permfuse: internal error: ${(e as Error)?.message ?? e}\n`);
    if (process.env.PERMFUSE_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
    return 1;
  }
}
