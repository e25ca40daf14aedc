import { PermfuseError } from '../errors.js';
import type { Backend } from './backend.js';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { JsBackend } from './js/js_backend.js';
import { WasmBackend } from './wasm/wasm_backend.js';
import { WebGpuBackend } from './webgpu/webgpu_backend.js';

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
const CANDIDATES: { name: Exclude<BackendName, 'auto'>; start: (o: BackendOptions, explicit: boolean) => Promise<Backend> }[] = [
  { name: 'webgpu', start: (o, explicit) => startWebGpu(o, explicit) },
  { name: 'wasm', start: async (o) => WasmBackend.create({ workers: o.workers ?? availableParallelism() }) },
  { name: 'js', start: async () => new JsBackend() },
];

/**
 * A real GPU adapter, with wasm as the fall-back if the device is lost mid-run. Only when webgpu
 * is asked for by name does a software adapter (llvmpipe) do, and the report says so.
 */
async function startWebGpu(options: BackendOptions, explicit: boolean): Promise<Backend> {
  // Loading Dawn on a machine without a GPU prints native warnings; `auto` does not try there.
  if (!explicit && !hasGpuDeviceNode()) throw new PermfuseError('internal', 'no GPU device (/dev/dri/renderD*, /dev/nvidia*) on this machine');
  const fallback = () => WasmBackend.create({ workers: options.workers ?? availableParallelism() });
  try {
    return await WebGpuBackend.create({ fallback });
  } catch (e) {
    if (!explicit) throw e;
    const backend = await WebGpuBackend.create({ software: true, fallback });
    backend.note = `software adapter (${backend.adapterName}): for testing; slower than wasm (${(e as Error).message})`;
    return backend;
  }
}

function hasGpuDeviceNode(): boolean {
  const list = (dir: string) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };
  return list('/dev/dri').some((f) => f.startsWith('renderD')) || list('/dev').some((f) => /^nvidia\d+$/.test(f)) || process.platform !== 'linux';
}

/** Starts the named backend, or for `auto` the first that starts, recording why others did not. */
export async function selectBackend(name: BackendName, options: BackendOptions = {}): Promise<BackendChoice> {
  const skipped: BackendChoice['skipped'] = [];
  for (const candidate of CANDIDATES) {
    if (name !== 'auto' && candidate.name !== name) continue;
    try {
      return { backend: await candidate.start(options, name !== 'auto'), skipped };
    } catch (e) {
      if (name !== 'auto') throw new PermfuseError('usage', `--backend ${name}: not available here: ${(e as Error).message}`);
      skipped.push({ backend: candidate.name, reason: (e as Error).message });
    }
  }
  throw new PermfuseError('internal', `no backend could start: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`);
}
