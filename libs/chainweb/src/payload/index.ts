export {
  type BlockPayload,
  type PayloadTransaction,
  FIRST_TRANSACTION_LEAF,
  PAYLOAD_LEAF,
  payloadTransactions,
  hasOutputs,
  checkBlockPayload,
} from './block-payload';
export {
  type PayloadHashes,
  type PayloadHashField,
  type PayloadHashMismatch,
  type PayloadVerification,
  transactionsTree,
  outputsTree,
  payloadTree,
  computePayloadHash,
  computePayloadHashes,
  verifyPayload,
  assertValidPayload,
} from './payload-trees';
export { type PayloadBuildInput, buildPayload } from './payload-builder';
export {
  type PayloadDataJson,
  type PayloadWithOutputsJson,
  parsePayloadJson,
  payloadToJson,
  payloadDataToJson,
  payloadWithOutputsToJson,
} from './payload-json';
export {
  type PactSignature,
  type PactCommandBody,
  type RequestKeyOptions,
  PactTransaction,
  decodePactTransaction,
  computeRequestKey,
  checkRequestKey,
  requestKeyOf,
} from './pact-transaction';
export {
  type CommandResult,
  type PactResult,
  type PactContinuation,
  type PactYield,
  type PactEvent,
  decodeCommandResult,
  outputRequestKey,
} from './command-result';
export { findTransactionIndex } from './transaction-lookup';
