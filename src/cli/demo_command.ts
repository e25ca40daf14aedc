import { existsSync } from 'node:fs';
import { PermfuseError } from '../errors.js';
import { sampleDatasetPath } from '../simulate/sample.js';
import { DIAGNOSE_DEFAULTS, diagnoseCommand } from './diagnose_command.js';

/** `permfuse demo`: the diagnostic with its native quality and the oracle control on the bundled sample. */
export async function demoCommand(): Promise<void> {
  const path = sampleDatasetPath();
  if (!existsSync(path)) throw new PermfuseError('internal', `the bundled sample ${path} is missing; run 'npm run build' to create it`);
  process.stdout.write(`Demo: ${path} (simulated StressID shape: 711 examples, 65 subjects, 3 modalities, 3 classes)\n`);
  await diagnoseCommand(path, { ...DIAGNOSE_DEFAULTS, quality: 'native,oracle', blockBy: 'group' });
}
