import { distPath } from '../package_root.js';

/** The bundled sample, written by `npm run build` into dist/sample/. */
export function sampleDatasetPath(): string {
  return distPath('sample', 'stressid.npz');
}
