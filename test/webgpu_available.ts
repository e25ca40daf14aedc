// Whether the WGSL path can run here (Dawn's OpenGL ES backend on Mesa's llvmpipe, SPEC §9).
// A backend that cannot start is skipped with its reason printed, never reported as passed.
import { WebGpuBackend, type WebGpuBackendOptions } from '../src/backends/webgpu/webgpu_backend.js';

/**
 * PERMFUSE_WEBGPU=hardware runs the WGSL tests on a real GPU adapter (bench/gpu-check.sh);
 * otherwise they run on llvmpipe, which every machine with Mesa's EGL/GLES packages has.
 */
const software = process.env.PERMFUSE_WEBGPU !== 'hardware';

export function makeWebGpu(options: WebGpuBackendOptions = {}): Promise<WebGpuBackend> {
  return WebGpuBackend.create({ software, ...options });
}

export const WEBGPU_ADAPTER = software ? 'llvmpipe' : 'hardware';

async function probe(): Promise<{ ok: boolean; reason: string }> {
  try {
    const backend = await makeWebGpu();
    await backend.close();
    return { ok: true, reason: '' };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

export const WEBGPU = await probe();
if (!WEBGPU.ok) console.warn(`webgpu tests skipped (${WEBGPU_ADAPTER}): ${WEBGPU.reason} (for llvmpipe: apt-get install libegl1 libegl-mesa0 libgles2; .ci/run does)`);
