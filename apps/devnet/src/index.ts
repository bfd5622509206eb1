// Public API of @spv-cloud/devnet: start a devnet from tests or tools.
export { startDevnet, type RunningDevnet } from './devnet';
export { DEVNET_DEFAULTS, type DevnetOptions } from './config/devnet-options';
export { DevnetError, type DevnetErrorCode } from './config/devnet.errors';
export { parseDevnetArgs, DEVNET_USAGE } from './config/devnet-cli-args';
export { devnetNodeInfo, type DevnetChainCount, type DevnetNodeInfo } from './chain/devnet-version';
export { SPV_ERRORS } from './spv/spv-proof.service';
export { INSERT_ERROR } from './pact/command-validation';
export { ARBITRARY_PACT_MESSAGE } from './pact/transaction-executor';
