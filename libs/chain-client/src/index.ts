export {
  ChainClientError,
  classifyNodeError,
  nodeMessageOf,
  type ChainClientErrorCode,
  type ChainClientErrorDetails,
  type NodeEndpointKind,
} from './chain-client.errors';
export {
  ChainNetworks,
  defineChainNetwork,
  type ChainNetwork,
  type ChainNetworkConfig,
} from './chain-network';
export {
  DEFAULT_RETRY_POLICY,
  backoffCapMs,
  backoffDelayMs,
  resolveRetryPolicy,
  type RetryPolicy,
} from './http/retry-policy';
export {
  ChainwebHttp,
  type FetchFunction,
  type HttpRequest,
  type HttpResponse,
  type RetryEvent,
} from './http/chainweb-http';
export { SseParser, type ServerSentEvent } from './sse/sse-parser';
export { LruHeaderCache, type HeaderCache } from './header-cache';
export type {
  BranchBounds,
  Cut,
  HeaderEncoding,
  HeaderPageQuery,
  HeaderUpdate,
  LocalOptions,
  Page,
  PactCommandResult,
  PactResultMetaData,
  SignedPactCommand,
} from './chainweb-node.types';
export {
  ChainwebNodeClient,
  type ChainwebNodeClientOptions,
  type RequestOptions,
} from './chainweb-node.client';
export { ChainwebNodeSource, type ChainwebNodeSourceOptions } from './chainweb-node.source';
export { parsePactCommandResult } from './pact/pact-command-result';
export {
  KeypairCommandSigner,
  signersOf,
  verifySignature,
  type CommandSigner,
  type Ed25519KeyPair,
} from './pact/command-signer';
export {
  PactCommandFactory,
  type CapabilityGrant,
  type CommandSignerSpec,
  type ExecCommandInput,
  type PactCommandFactoryOptions,
} from './pact/pact-command.factory';
