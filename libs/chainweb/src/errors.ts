/**
 * Every failure of this library is a ChainwebError with a machine-readable code, so callers
 * (API, CLI, worker) map failures without matching on messages.
 */
export type ChainwebErrorCode =
  | 'invalid_input'
  | 'bad_encoding'
  | 'bad_length'
  | 'bad_checksum'
  | 'unknown_format'
  | 'unsupported_version'
  | 'unsupported_algorithm'
  | 'unknown_version'
  | 'unknown_chain'
  | 'not_adjacent'
  | 'not_reachable'
  | 'root_mismatch'
  | 'subject_mismatch'
  | 'wrong_chain'
  | 'not_found'
  | 'tx_not_found'
  | 'header_missing'
  | 'payload_missing'
  | 'hash_mismatch';

export class ChainwebError extends Error {
  override readonly name = 'ChainwebError';
  constructor(
    readonly code: ChainwebErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function invalidInput(message: string): ChainwebError {
  return new ChainwebError('invalid_input', message);
}
