/**
 * The one in-memory form every reader produces (SPEC §1), after validation: f32 values, zeros where
 * a modality is unavailable (so no NaN reaches the hot loop), flat row-major arrays.
 */
export interface Dataset {
  /** examples */
  n: number;
  /** modalities */
  m: number;
  /** classes */
  c: number;
  /** N×M×C class probabilities, 0 where unavailable */
  evidence: Float32Array;
  /** N×M quality scores, 0 where unavailable */
  quality: Float32Array;
  /** N labels in [0, C) */
  labels: Int32Array;
  /** N×M, 1 = observed */
  available: Uint8Array;
  /** N subject/session ids as strings (an integer id is its decimal string), or null */
  groups: string[] | null;
  modalities: string[];
  classes: string[];
  /** sha256 of the input file, when loaded from one */
  sha256?: string;
}

/**
 * A parsed but not yet validated array: its shape and values. Numbers stay in the typed array
 * they were read into (f32 data is not widened), strings come as string[].
 */
export interface RawArray {
  shape: number[];
  values: ArrayLike<number> | string[];
  /** 'float' | 'int' | 'bool' | 'string', from the file's dtype (JSON/CSV infer it) */
  kind: 'float' | 'int' | 'bool' | 'string';
}

export type RawArrays = Record<string, RawArray>;
