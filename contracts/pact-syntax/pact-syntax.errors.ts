export type PactSyntaxErrorCode = 'invalid_input' | 'lexical_error' | 'parse_error' | 'check_error';

/** A malformed Pact source, with where it was found (1-based line and column). */
export class PactSyntaxError extends Error {
  override readonly name = 'PactSyntaxError';
  constructor(
    readonly code: PactSyntaxErrorCode,
    readonly detail: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${detail} (line ${line}, column ${column})`);
  }
}
