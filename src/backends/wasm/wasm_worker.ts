// A Piscina worker: instantiates the WASM kernel once, on the shared memory the pool was created
// with, and runs permutation ranges on it. Inputs, scratch and outputs all live in that memory,
// so a task message is a handful of integers.
import { workerData } from 'node:worker_threads';

export interface RangeTask {
  header: number;
  k0: number;
  k1: number;
  scratch: number;
  out: number;
  /** permutations per kernel call */
  slice: number;
  /** bytes of output per permutation */
  outStride: number;
}

interface KernelExports {
  runRange(header: number, k0: number, k1: number, scratch: number, out: number): void;
}

const { module, memory } = workerData as { module: WebAssembly.Module; memory: WebAssembly.Memory };
const kernel = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;

/**
 * Runs the range in slices: V8 first runs WASM in its baseline tier and swaps in optimised code
 * only between calls (there is no on-stack replacement for WASM), so one long call would stay in
 * slow code throughout. Slices of a few million pairs cost nothing and let the optimised code in.
 */
export default function runRange(task: RangeTask): null {
  for (let k = task.k0; k < task.k1; k += task.slice) {
    const end = Math.min(task.k1, k + task.slice);
    kernel.runRange(task.header, k, end, task.scratch, task.out + (k - task.k0) * task.outStride);
  }
  return null;
}
