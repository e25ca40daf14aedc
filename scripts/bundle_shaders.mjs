// Bundles shaders/*.wgsl into dist/shaders.json ({ name: source }), prepending shaders/common.wgsl
// to every entry-point file (WGSL has no includes). Run by `npm run build`.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../shaders/', import.meta.url).pathname;
const common = readFileSync(join(dir, 'common.wgsl'), 'utf-8');
const bundle = {};
for (const file of readdirSync(dir).filter((f) => f.endsWith('.wgsl') && f !== 'common.wgsl').sort()) {
  const source = readFileSync(join(dir, file), 'utf-8');
  if (!/@compute/.test(source)) throw new Error(`${file}: no @compute entry point`);
  bundle[file.replace(/\.wgsl$/, '')] = `${common}\n${source}`;
}
mkdirSync(new URL('../dist/', import.meta.url).pathname, { recursive: true });
writeFileSync(new URL('../dist/shaders.json', import.meta.url).pathname, JSON.stringify(bundle, null, 1));
console.log(`bundled ${Object.keys(bundle).length} shaders into dist/shaders.json`);
