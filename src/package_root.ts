import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root (nearest folder with a package.json above this file), so build outputs under
 * dist/ resolve the same from src/ (tests) and from dist/ (the installed command).
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** A path under the package's build output folder. */
export function distPath(...parts: string[]): string {
  return join(packageRoot(), 'dist', ...parts);
}
