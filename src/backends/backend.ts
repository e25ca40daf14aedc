import type { NullTask } from '../engine/task.js';

/**
 * The one interface every backend implements. `run` returns the accumulated counts for
 * permutations [kStart, kEnd) in the layout of `countsOffset` (engine/task.ts). Results must not
 * depend on how the caller splits k into ranges.
 */
export interface Backend {
  readonly name: string;
  /** worker threads used (1 for js) */
  readonly workers: number;
  /** what the report should know about how this backend ran (a software adapter, a fall-back) */
  readonly note?: string;
  /** pairs per call this backend handles well (progress granularity vs per-call cost); default 10^8 */
  readonly chunkPairs?: number;
  run(task: NullTask, kStart: number, kEnd: number): Promise<Float64Array>;
  /** why this backend cannot run `task` (the engine then runs it on js and says so), or null */
  unsupported?(task: NullTask): string | null;
  close(): Promise<void>;
}
