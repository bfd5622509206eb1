export type ContractDeployErrorCode =
  | 'config_invalid'
  | 'keys_invalid'
  | 'keys_missing'
  | 'source_invalid'
  | 'manifest_invalid'
  | 'preflight_failed'
  | 'deploy_failed'
  | 'usage';

/** A deployment that cannot go on, with a machine-readable code (node failures stay ChainClientError). */
export class ContractDeployError extends Error {
  override readonly name = 'ContractDeployError';
  constructor(
    readonly code: ContractDeployErrorCode,
    message: string,
  ) {
    super(message);
  }
}
