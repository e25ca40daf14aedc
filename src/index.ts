// Public API: re-exports only.
export type { Dataset, RawArray, RawArrays } from './data/dataset.js';
export { loadDataset } from './data/load.js';
export { validateArrays } from './data/validate.js';
export { simulate } from './simulate/generate.js';
export { runDiagnostic, type DiagnosticOptions } from './engine/run_diagnostic.js';
export type { Report, ResultEntry } from './report/report_types.js';
export { parseRules, type RuleSpec } from './rules/parse.js';
export { selectBackend } from './backends/select.js';
export { hash32, mix, stream } from './permutation/hash.js';
export { shuffle } from './permutation/shuffle.js';
export { PermfuseError } from './errors.js';
