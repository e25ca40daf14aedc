import { readFileSync } from 'node:fs';
import { Piscina } from 'piscina';
import type { NullTask } from '../../engine/task.js';
import { PermfuseError } from '../../errors.js';
import { distPath } from '../../package_root.js';
import type { Backend } from '../backend.js';
import { writeJobImage, type JobImage } from './job_image.js';
import type { RangeTask } from './wasm_worker.js';

const PAGE = 65536;
/** The image starts after the first page, clear of anything the module itself might place there. */
const IMAGE_BASE = PAGE;
/** pairs per kernel call inside a worker (see wasm_worker.ts for why calls are sliced) */
const SLICE_PAIRS = 4e6;

export interface WasmBackendOptions {
  workers: number;
  /** worker module; tests substitute one that fails */
  workerFile?: string;
}

/**
 * AssemblyScript SIMD kernel (assembly/kernel.ts) across a Piscina pool. One shared
 * WebAssembly.Memory holds the job's inputs once for every worker; each worker instantiates the
 * module once on it; a run splits its permutation range into one contiguous part per worker,
 * each with its own scratch and output region, so workers never write to the same bytes.
 */
export class WasmBackend implements Backend {
  readonly name = 'wasm';
  /** the task whose inputs are in memory now (one at a time) */
  private current: { task: NullTask; image: JobImage } | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly workers: number,
    private readonly memory: WebAssembly.Memory,
    private readonly pool: Piscina,
  ) {}

  static async create(options: WasmBackendOptions): Promise<WasmBackend> {
    const wasmFile = distPath('permfuse.wasm');
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = new Uint8Array(readFileSync(wasmFile));
    } catch {
      throw new PermfuseError('internal', `${wasmFile} is missing; run 'npm run build'`);
    }
    if (!WebAssembly.validate(bytes)) throw new PermfuseError('internal', 'this runtime does not support WebAssembly SIMD and threads');
    const module = await WebAssembly.compile(bytes);
    const memory = new WebAssembly.Memory({ initial: 2, maximum: 65536, shared: true });
    const pool = new Piscina({
      filename: options.workerFile ?? distPath('src', 'backends', 'wasm', 'wasm_worker.js'),
      workerData: { module, memory },
      minThreads: options.workers,
      maxThreads: options.workers,
      idleTimeout: 60_000,
    });
    return new WasmBackend(options.workers, memory, pool);
  }

  /** The columns scheme recomputes weights per pair from the rule itself; that stays in JS. */
  unsupported(task: NullTask): string | null {
    return task.scheme === 'columns' ? 'the columns scheme recomputes weights per pair, which only the js backend does' : null;
  }

  /** Runs are serialised: one job image and one set of scratch regions at a time. */
  run(task: NullTask, kStart: number, kEnd: number): Promise<Float64Array> {
    const next = this.queue.then(() => this.runNow(task, kStart, kEnd));
    this.queue = next.catch(() => {});
    return next;
  }

  private async runNow(task: NullTask, kStart: number, kEnd: number): Promise<Float64Array> {
    if (this.current?.task !== task) this.current = { task, image: writeJobImage(task, IMAGE_BASE, (bytes) => this.ensure(bytes)) };
    const { image } = this.current;
    const width = task.accumulator.width;
    const perPermutation = task.tables.length * width * 4;
    const total = kEnd - kStart;
    const parts = Math.min(this.workers, total);
    const scratchStart = image.end;
    const outStart = scratchStart + parts * image.scratchBytes;
    this.ensure(outStart + total * perPermutation);
    const slice = Math.max(1, Math.floor(SLICE_PAIRS / (image.npad * task.tables.length)));
    const runs: Promise<unknown>[] = [];
    for (let w = 0; w < parts; w++) {
      const k0 = kStart + Math.floor((w * total) / parts);
      const k1 = kStart + Math.floor(((w + 1) * total) / parts);
      runs.push(
        this.pool.run({
          header: image.header,
          k0,
          k1,
          scratch: scratchStart + w * image.scratchBytes,
          out: outStart + (k0 - kStart) * perPermutation,
          slice,
          outStride: perPermutation,
        } satisfies RangeTask),
      );
    }
    try {
      await Promise.all(runs);
    } catch (e) {
      throw new PermfuseError('internal', `a wasm worker failed: ${(e as Error).message}`);
    }
    // the parts' outputs are contiguous and in permutation order: exactly countsOffset's layout
    const counts = new Float64Array(total * task.tables.length * width);
    counts.set(new Uint32Array(this.memory.buffer, outStart, counts.length));
    return counts;
  }

  /** Grows the shared memory to at least `bytes` and returns its (new) buffer. */
  private ensure(bytes: number): SharedArrayBuffer {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) {
      const pages = Math.ceil((bytes - have) / PAGE);
      try {
        this.memory.grow(pages);
      } catch {
        throw new PermfuseError('internal', `the wasm backend needs ${(bytes / 2 ** 30).toFixed(2)} GiB, more than WebAssembly's 4 GiB`);
      }
    }
    return this.memory.buffer as unknown as SharedArrayBuffer;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
