/**
 * Errors are values with a code and a message a user can act on (STYLE §11). The CLI prints the
 * message on one line and exits 2 for `bad_input`/`usage`, 1 for anything else.
 */
export type ErrorCode = 'bad_input' | 'usage' | 'internal';

export class PermfuseError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PermfuseError';
  }
}

/** Bad data: names the array, the first offending index and the rule broken. */
export function badInput(message: string): PermfuseError {
  return new PermfuseError('bad_input', message);
}

/** A bad option, rule or metric name on the command line or in the API. */
export function usage(message: string): PermfuseError {
  return new PermfuseError('usage', message);
}
