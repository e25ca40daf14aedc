import { PermfuseError } from '../errors.js';
import type { Backend } from './backend.js';
import { availableParallelism } from 'node:os';
import { JsBackend } from './js/js_backend.js';
import { WasmBackend } from './wasm/wasm_backend.js';

export type BackendName = 'auto' | 'js' | 'wasm' | 'webgpu';
export const BACKEND_NAMES: readonly BackendName[] = ['auto', 'js', 'wasm', 'webgpu'];

export interface BackendChoice {
  backend: Backend;
  /** why each faster backend was not used (onnxruntime's backend-impl keeps these too) */
  skipped: { backend: string; reason: string }[];
}

export interface BackendOptions {
  workers?: number;
}

/** Faster backends first; each either starts or says why not. */
const CANDIDATES: { name: Exclude<BackendName, 'auto'>; start: (o: BackendOptions) => Promise<Backend> }[] = [
  { name: 'webgpu', start: async () => unavailable('the WGSL backend is not part of this build yet (issue #4)') },
  { name: 'wasm', start: async (o) => WasmBackend.create({ workers: o.workers ?? availableParallelism() }) },
  { name: 'js', start: async () => new JsBackend() },
];

function unavailable(reason: string): never {
  throw new PermfuseError('internal', reason);
}

/** Starts the named backend, or for `auto` the first that starts, recording why others did not. */
export async function selectBackend(name: BackendName, options: BackendOptions = {}): Promise<BackendChoice> {
  const skipped: BackendChoice['skipped'] = [];
  for (const candidate of CANDIDATES) {
    if (name !== 'auto' && candidate.name !== name) continue;
    try {
      return { backend: await candidate.start(options), skipped };
    } catch (e) {
      if (name !== 'auto') throw new PermfuseError('usage', `--backend ${name}: not available here: ${(e as Error).message}`);
      skipped.push({ backend: candidate.name, reason: (e as Error).message });
    }
  }
  throw new PermfuseError('internal', `no backend could start: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`);
}
