/**
 * The one error helper: a message for people, and the cause kept for debugging.
 *
 * @example
 *   throw error(`cannot read ${file}`, err);
 */
export function error(message: string, cause?: unknown): Error {
  return cause === undefined ? new Error(message) : new Error(message, { cause });
}

/** An error the CLI prints as a plain message (no stack) with a non-zero exit code. */
export class UsageError extends Error {
  override name = 'UsageError';
}
