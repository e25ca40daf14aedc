import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The bundled sample, written by `npm run build` into dist/sample/. Found from the package root
 * (the nearest folder with a package.json), so it resolves the same from src/ (tests) and dist/.
 */
export function sampleDatasetPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'sample', 'stressid.npz');
}
