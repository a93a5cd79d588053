// The one error type readers throw. Callers (CLI, API) turn it into a one-line message;
// anything else escaping a reader is a bug.
export type ReadErrorCode =
  | 'empty'
  | 'binary'
  | 'too-large'
  | 'not-a-publication'
  | 'unreadable'
  /** A file cut off before its end (a truncated PDF, DOCX or XML). */
  | 'truncated'
  /** A password-protected PDF or DOCX. */
  | 'encrypted'
  /** A PDF without text (a scan): there is nothing to read without OCR. */
  | 'no-text-layer';

export class ReadError extends Error {
  override readonly name = 'ReadError';
  constructor(
    readonly code: ReadErrorCode,
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
  }
}

export function isReadError(error: unknown): error is ReadError {
  return error instanceof ReadError;
}
