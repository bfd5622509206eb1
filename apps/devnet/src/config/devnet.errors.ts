/** Failures of the devnet itself (not of a request), each with a machine-readable code. */
export type DevnetErrorCode =
  'invalid_option' | 'data_dir_mismatch' | 'data_dir_locked' | 'corrupt_data' | 'port_in_use';

export class DevnetError extends Error {
  override readonly name = 'DevnetError';
  constructor(
    readonly code: DevnetErrorCode,
    message: string,
  ) {
    super(message);
  }
}
