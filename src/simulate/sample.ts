import { fileURLToPath } from 'node:url';

/** The bundled sample, written by `npm run build` (scripts/make-sample). Relative to dist/src/simulate. */
export function sampleDatasetPath(): string {
  return fileURLToPath(new URL('../../sample/stressid.npz', import.meta.url));
}
