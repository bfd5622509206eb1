// The declared effects table of the SPV Cloud Pact modules: what each public function does to the
// module state, which events it emits and what it returns, for chains that do not run Pact (devnet).
export {
  PactDecimal,
  PactKeyset,
  PactTime,
  PactUnit,
  encodePactValueJson,
  isPactObject,
  pactEquals,
  pactTypeOf,
  parsePactValueJson,
  type JsonValue,
  type KeysetPredicate,
  type PactObject,
  type PactValue,
} from './pact-value';
export { PactFailure, pactErrorJson, type PactError } from './pact-failure';
export {
  enforceKeysetForCapability,
  type ContractEnv,
  type PactSigner,
  type SpvVerifier,
} from './contract-env';
export {
  InMemoryContractState,
  TransactionState,
  type ContractModuleName,
  type ContractStateView,
  type TableWrite,
} from './contract-state';
export {
  EffectContext,
  type ContractEvent,
  type ContractFunctionEffect,
  type ContractParam,
} from './contract-effect';
export {
  CONTRACT_EFFECTS,
  CONTRACT_MODULES,
  applyContractCall,
  contractEffect,
  type ContractCall,
  type ContractCallOutcome,
} from './contract-effects-table';
export {
  ContractCallParseError,
  parseContractCall,
  type ContractCallParseErrorCode,
  type ParsedContractCall,
} from './contract-call-parser';
export { contractEventJson, contractResultJson } from './contract-output-json';
export {
  ADMIN_KEYSET_SUFFIX,
  HASH_ALGORITHM,
  ID_CHARSET,
  MAX_ID_LENGTH,
  MAX_LEAF_COUNT,
  MAX_LOG_SIZE,
  OPERATOR_KEYSET_SUFFIX,
  validChainId,
  validId,
  validRoot,
} from './contract-rules';
export { anchorRecordOf, batchKey } from './spv-anchor.effects';
export { checkpointKey, checkpointRecordOf } from './provenance-log.effects';
export { FORWARD_STATUS, LOCK_SECONDS, forwardKey } from './spv-forwarder.effects';
// The Pact 5 parser and module checker (contracts/pact-syntax), for tools that read deployments.
export {
  PACT_KEYWORDS,
  PACT_NATIVES,
  PACT_REPL_NATIVES,
  PACT_SPECIAL_FORMS,
  PactSyntaxError,
  analyzePactModuleSource,
  lexPact,
  pactStringLiteral,
  parsePactExpression,
  parsePactProgram,
  type PactAppArg,
  type PactArg,
  type PactBindings,
  type PactCapabilityMeta,
  type PactCapabilitySignature,
  type PactDef,
  type PactExpr,
  type PactFunctionSignature,
  type PactModule,
  type PactModuleExtension,
  type PactModuleSignature,
  type PactStep,
  type PactSyntaxErrorCode,
  type PactToken,
  type PactTokenKind,
  type PactTopLevel,
  type SourcePosition,
} from '../pact-syntax';
