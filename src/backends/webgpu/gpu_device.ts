import { PermfuseError } from '../../errors.js';

/** How permfuse reaches Dawn: a real adapter first; llvmpipe (OpenGL ES on the CPU) only when asked. */
export interface GpuAcquired {
  device: GPUDevice;
  /**
   * The Dawn instance and adapter behind the device. Keep them referenced as long as the device
   * is used: if the garbage collector frees the instance, dawn.node crashes the process.
   */
  keepAlive: [GPU, GPUAdapter];
  adapterName: string;
  software: boolean;
}

interface DawnModule {
  create(options: string[]): GPU;
  globals: object;
}

let dawn: DawnModule | null = null;

async function loadDawn(): Promise<DawnModule> {
  if (dawn) return dawn;
  try {
    dawn = (await import('webgpu')) as unknown as DawnModule;
  } catch (e) {
    throw new PermfuseError('internal', `the webgpu package (Dawn) could not load: ${(e as Error).message}`);
  }
  Object.assign(globalThis, dawn.globals);
  return dawn;
}

/** Software rasterisers that WebGPU may offer: fine for tests, never chosen by `auto`. */
export function isSoftwareAdapter(info: { vendor?: string; architecture?: string; device?: string; description?: string }, fallback: boolean): boolean {
  const text = `${info.vendor ?? ''} ${info.architecture ?? ''} ${info.device ?? ''} ${info.description ?? ''}`.toLowerCase();
  return fallback || /llvmpipe|lavapipe|swiftshader|softpipe|software/.test(text);
}

/**
 * Requests a device. `software: false` takes Dawn's default backend (Vulkan on Linux) and refuses
 * a software adapter; `software: true` uses Dawn's OpenGL ES backend on Mesa's llvmpipe
 * (SPEC §9: EGL_PLATFORM=surfaceless, compatibility feature level).
 */
export async function acquireDevice(software: boolean): Promise<GpuAcquired> {
  const { create } = await loadDawn();
  if (software) process.env.EGL_PLATFORM ??= 'surfaceless';
  const gpu = create(software ? ['backend=opengles'] : []);
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter(software ? ({ featureLevel: 'compatibility' } as GPURequestAdapterOptions) : { powerPreference: 'high-performance' });
  } catch (e) {
    throw new PermfuseError('internal', `no WebGPU adapter: ${(e as Error).message}`);
  }
  if (!adapter) throw new PermfuseError('internal', software ? 'no llvmpipe adapter (install libegl1 libegl-mesa0 libgles2)' : 'no GPU adapter found');
  const info = adapter.info;
  const isSoftware = isSoftwareAdapter(info, (info as { isFallbackAdapter?: boolean }).isFallbackAdapter ?? false) || software;
  const adapterName = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || (software ? 'llvmpipe' : 'unknown adapter');
  if (!software && isSoftware) throw new PermfuseError('internal', `only a software adapter (${adapterName}) is available; it is slower than wasm`);
  const limits = adapter.limits;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxStorageBuffersPerShaderStage: Math.min(limits.maxStorageBuffersPerShaderStage, 10),
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupSizeX: Math.min(limits.maxComputeWorkgroupSizeX, 256),
      maxComputeInvocationsPerWorkgroup: Math.min(limits.maxComputeInvocationsPerWorkgroup, 256),
    },
  });
  return { device, keepAlive: [gpu, adapter], adapterName, software: isSoftware };
}
