import { readFileSync } from 'node:fs';
import type { NullTask } from '../../engine/task.js';
import { PermfuseError } from '../../errors.js';
import { seedWords } from '../../permutation/hash.js';
import { distPath } from '../../package_root.js';
import type { Backend } from '../backend.js';
import { planChunks, splitWorkgroups, type ChunkPlan } from './dispatch.js';
import { acquireDevice } from './gpu_device.js';

const SHUFFLE_WORKGROUP = 64;

export interface WebGpuBackendOptions {
  /** use Mesa's llvmpipe through Dawn's OpenGL ES backend (tests, CI); never chosen by `auto` */
  software?: boolean;
  /** where to continue when the device is lost mid-run (the report records it) */
  fallback?: () => Promise<Backend>;
  /** a smaller budget for permutation chunks and example ranges than the device's, so tests exercise the splitting */
  bindingLimit?: number;
}

/** A task's inputs on the device, created once and reused for every chunk of permutations. */
interface DeviceJob {
  task: NullTask;
  plan: ChunkPlan;
  shuffle: GPUComputePipeline;
  fuse: GPUComputePipeline;
  buffers: GPUBuffer[];
  order: GPUBuffer;
  offsets: GPUBuffer;
  src: GPUBuffer;
  weights: GPUBuffer;
  xLinear: GPUBuffer;
  xLog: GPUBuffer;
  pooling: GPUBuffer;
  labels: GPUBuffer;
  clean: GPUBuffer;
  counts: GPUBuffer;
  readback: GPUBuffer;
  shuffleParams: GPUBuffer;
  fuseParams: GPUBuffer[];
}

/**
 * WGSL compute shaders through Dawn (shaders/*.wgsl): a shuffle pass writes each chunk's
 * permutations (one invocation per permutation and block), a fuse pass counts decisions (one
 * invocation per permutation and example, reduced in workgroup memory), and only the counts are
 * read back. Pipelines are specialised by override constants (M, C, T, workgroup size) and cached.
 */
export class WebGpuBackend implements Backend {
  readonly name = 'webgpu';
  readonly workers = 1;
  note?: string;
  private job: DeviceJob | null = null;
  private lost: string | null = null;
  private delegate: Backend | null = null;
  private readonly pipelines = new Map<string, GPUComputePipeline>();
  private readonly shaders: Record<string, string>;
  /** 256 where the device allows it (compatibility devices may stop at 128) */
  private readonly fuseWorkgroup: number;

  private constructor(
    private readonly device: GPUDevice,
    /** see GpuAcquired.keepAlive */
    private readonly keepAlive: unknown,
    readonly adapterName: string,
    readonly software: boolean,
    private readonly options: WebGpuBackendOptions,
  ) {
    this.shaders = loadShaders();
    this.fuseWorkgroup = Math.min(256, device.limits.maxComputeWorkgroupSizeX, device.limits.maxComputeInvocationsPerWorkgroup);
    device.lost.then((info) => {
      if (info.reason !== 'destroyed') this.lost = info.message || String(info.reason);
    });
  }

  static async create(options: WebGpuBackendOptions = {}): Promise<WebGpuBackend> {
    const { device, keepAlive, adapterName, software } = await acquireDevice(!!options.software);
    return new WebGpuBackend(device, keepAlive, adapterName, software, options);
  }

  /** The columns scheme recomputes weights per pair from the rule itself; that stays in JS. */
  unsupported(task: NullTask): string | null {
    if (task.scheme === 'columns') return 'the columns scheme recomputes weights per pair, which only the js backend does';
    const bytes = task.tables.length * task.accumulator.width * 4;
    if (bytes > this.device.limits.maxComputeWorkgroupStorageSize) return `${task.tables.length} tables' counts exceed this GPU's workgroup memory`;
    return null;
  }

  async run(task: NullTask, kStart: number, kEnd: number): Promise<Float64Array> {
    if (this.delegate) return this.delegate.run(task, kStart, kEnd);
    try {
      if (this.lost) throw new Error(this.lost);
      return await this.runOnDevice(task, kStart, kEnd);
    } catch (e) {
      const reason = this.lost ?? (e as Error).message;
      if (!this.lost || !this.options.fallback) throw new PermfuseError('internal', `webgpu: ${reason}`);
      // the device is gone: finish the run on the fallback, and say so in the report
      this.delegate = await this.options.fallback();
      this.note = `webgpu device lost (${reason}); continued on ${this.delegate.name}`;
      return this.delegate.run(task, kStart, kEnd);
    }
  }

  /** Runs `work` inside a validation and an out-of-memory error scope, turning GPU errors into exceptions. */
  private async checked<T>(work: () => Promise<T> | T): Promise<T> {
    this.device.pushErrorScope('validation');
    this.device.pushErrorScope('out-of-memory');
    let result: T;
    try {
      result = await work();
    } finally {
      const oom = await this.device.popErrorScope();
      const invalid = await this.device.popErrorScope();
      const error = oom ?? invalid;
      if (error) throw new PermfuseError('internal', `webgpu: ${error.message.split('\n')[0]}`);
    }
    return result;
  }

  private async runOnDevice(task: NullTask, kStart: number, kEnd: number): Promise<Float64Array> {
    const job = this.job?.task === task ? this.job : await this.checked(() => this.upload(task));
    const { n } = task.inputs;
    const T = task.tables.length;
    const width = task.accumulator.width;
    const out = new Float64Array((kEnd - kStart) * T * width);
    for (let k0 = kStart; k0 < kEnd; k0 += job.plan.permutations) {
      const count = Math.min(job.plan.permutations, kEnd - k0);
      const encoder = this.device.createCommandEncoder();
      encoder.clearBuffer(job.counts, 0, count * T * width * 4);
      this.encodeShuffle(encoder, job, k0, count);
      job.plan.exampleRanges.forEach(([i0, i1], r) => {
        const range = i1 - i0;
        const blocksPerPerm = Math.ceil(range / this.fuseWorkgroup);
        const groups = splitWorkgroups(blocksPerPerm * count);
        this.device.queue.writeBuffer(job.fuseParams[r], 0, new Uint32Array([n, i0, range, count, groups.x, blocksPerPerm, 0, 0]));
        const rowBytes = task.inputs.m * task.inputs.c * 4;
        const xRange = (buffer: GPUBuffer): GPUBufferBinding => ({ buffer, offset: i0 * rowBytes, size: range * rowBytes });
        const pass = encoder.beginComputePass();
        pass.setPipeline(job.fuse);
        pass.setBindGroup(
          0,
          this.device.createBindGroup({
            layout: job.fuse.getBindGroupLayout(0),
            entries: [
              { buffer: job.fuseParams[r] },
              { buffer: job.src },
              { buffer: job.weights },
              xRange(job.xLinear),
              xRange(job.xLog),
              { buffer: job.pooling },
              { buffer: job.labels },
              { buffer: job.clean },
              { buffer: job.counts },
            ].map((resource, binding) => ({ binding, resource })),
          }),
        );
        pass.dispatchWorkgroups(groups.x, groups.y);
        pass.end();
      });
      encoder.copyBufferToBuffer(job.counts, 0, job.readback, 0, count * T * width * 4);
      // validate the submission before waiting on its read-back: an invalid command never completes
      await this.checked(() => this.device.queue.submit([encoder.finish()]));
      await job.readback.mapAsync(GPUMapMode.READ, 0, count * T * width * 4);
      out.set(new Uint32Array(job.readback.getMappedRange(0, count * T * width * 4)), (k0 - kStart) * T * width);
      job.readback.unmap();
    }
    return out;
  }

  /** The src rows of permutations [k0, k0 + count) as the shuffle pass wrote them (for conformance tests). */
  async readPermutations(task: NullTask, k0: number, count: number): Promise<Uint32Array> {
    const job = this.job?.task === task ? this.job : await this.checked(() => this.upload(task));
    const n = task.inputs.n;
    if (count > job.plan.permutations) throw new RangeError(`at most ${job.plan.permutations} permutations per read`);
    const read = this.device.createBuffer({ size: count * n * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const encoder = this.device.createCommandEncoder();
    this.encodeShuffle(encoder, job, k0, count);
    encoder.copyBufferToBuffer(job.src, 0, read, 0, count * n * 4);
    await this.checked(() => this.device.queue.submit([encoder.finish()]));
    await read.mapAsync(GPUMapMode.READ);
    const out = new Uint32Array(read.getMappedRange().slice(0));
    read.destroy();
    return out;
  }

  /** The shuffle pass: src rows of permutations [k0, k0 + count), one invocation per (permutation, block). */
  private encodeShuffle(encoder: GPUCommandEncoder, job: DeviceJob, k0: number, count: number): void {
    const { task } = job;
    const [seedLo, seedHi] = seedWords(task.seed);
    const groups = splitWorkgroups(Math.ceil((count * task.blocks.count) / SHUFFLE_WORKGROUP));
    this.device.queue.writeBuffer(job.shuffleParams, 0, new Uint32Array([seedLo, seedHi, k0, count, task.inputs.n, task.blocks.count, 0, groups.x]));
    const pass = encoder.beginComputePass();
    pass.setPipeline(job.shuffle);
    pass.setBindGroup(0, this.bindGroup(job.shuffle, [job.shuffleParams, job.order, job.offsets, job.src]));
    pass.dispatchWorkgroups(groups.x, groups.y);
    pass.end();
  }

  private bindGroup(pipeline: GPUComputePipeline, buffers: GPUBuffer[]): GPUBindGroup {
    return this.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })) });
  }

  /** Pipelines are keyed by their override constants, so a shape compiles once. */
  private pipeline(name: string, constants: Record<string, number>): GPUComputePipeline {
    const key = `${name}:${JSON.stringify(constants)}`;
    let p = this.pipelines.get(key);
    if (!p) {
      const module = this.device.createShaderModule({ code: this.shaders[name] });
      p = this.device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main', constants } });
      this.pipelines.set(key, p);
    }
    return p;
  }

  private upload(task: NullTask): DeviceJob {
    this.release();
    const { n, m, c } = task.inputs;
    const T = task.tables.length;
    const plan = planChunks(n, m, c, T, pickLimits(this.device.limits), 4096, this.options.bindingLimit);
    const width = task.accumulator.width;
    const buffers: GPUBuffer[] = [];
    const storage = (data: ArrayBufferView & { byteLength: number }) => {
      const buffer = this.device.createBuffer({ size: Math.max(16, align4(data.byteLength)), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
      this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
      buffers.push(buffer);
      return buffer;
    };
    const empty = (size: number, usage: number) => {
      const buffer = this.device.createBuffer({ size: Math.max(16, align4(size)), usage });
      buffers.push(buffer);
      return buffer;
    };
    const weights = new Float32Array(T * n * m);
    task.tables.forEach((table, t) => weights.set(table.weights, t * n * m));
    const countBytes = plan.permutations * T * width * 4;
    const job: DeviceJob = {
      task,
      plan,
      shuffle: this.pipeline('shuffle', { WORKGROUP: SHUFFLE_WORKGROUP }),
      fuse: this.pipeline('fuse_count', { WORKGROUP: this.fuseWorkgroup, M: m, C: c, T }),
      buffers,
      order: storage(Uint32Array.from(task.blocks.order)),
      offsets: storage(Uint32Array.from(task.blocks.offsets)),
      src: empty(plan.permutations * n * 4, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC),
      weights: storage(weights),
      xLinear: storage(task.inputs.linear),
      xLog: storage(task.inputs.log ?? task.inputs.linear),
      pooling: storage(Uint32Array.from(task.tables, (t) => (t.pooling === 'log' ? 1 : 0))),
      labels: storage(Uint32Array.from(task.inputs.labels)),
      clean: storage(Uint32Array.from(task.cleanDecisions)),
      counts: empty(countBytes, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST),
      readback: empty(countBytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST),
      shuffleParams: empty(32, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST),
      fuseParams: plan.exampleRanges.map(() => empty(32, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST)),
    };
    this.job = job;
    return job;
  }

  private release(): void {
    for (const b of this.job?.buffers ?? []) b.destroy();
    this.job = null;
  }

  async close(): Promise<void> {
    this.release();
    await this.delegate?.close();
    this.device.destroy();
  }
}

const align4 = (x: number) => (x + 3) & ~3;

const pickLimits = (l: GPUSupportedLimits) => ({
  maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
  maxBufferSize: l.maxBufferSize,
  minStorageBufferOffsetAlignment: l.minStorageBufferOffsetAlignment,
});

function loadShaders(): Record<string, string> {
  const file = distPath('shaders.json');
  try {
    return JSON.parse(readFileSync(file, 'utf-8'));
  } catch {
    throw new PermfuseError('internal', `${file} is missing; run 'npm run build'`);
  }
}
