// Public API: re-exports only.
export { diagnose, sweep, datasetFromArrays, type ArraysInput, type DiagnoseOptions, type SweepOptions } from './api.js';
export { loadDataset } from './data/load.js';
export type { Dataset } from './data/dataset.js';
export { simulate, type SimulateOptions } from './simulate/generate.js';
export type { Report, ResultEntry, SweepRow, InformativenessEntry } from './report/report_types.js';
export type { ProgressEvent } from './engine/diagnose.js';
export type { RuleSpec } from './rules/parse.js';
export type { MetricName } from './stats/metrics.js';
export { renderHtml } from './report/html_report.js';
export { renderMarkdown } from './report/markdown.js';
export { hash32, mix, stream } from './permutation/hash.js';
export { shuffle } from './permutation/shuffle.js';
export { PermfuseError } from './errors.js';
