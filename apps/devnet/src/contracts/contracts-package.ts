import * as contractsPackage from '@spv-cloud/contracts';

/**
 * The declared effects table of our Pact modules and the Pact parser that reads deployment
 * transactions, both from the `@spv-cloud/contracts` package entry. Call sites use them as one
 * namespace (`contracts.applyContractCall`, `pactSyntax.parsePactProgram`), which keeps clear in the
 * devnet's code what comes from the contracts and what is the devnet's own.
 */
export const contracts = contractsPackage;
export const pactSyntax = contractsPackage;

export type {
  ContractCallOutcome,
  ContractEnv,
  ContractEvent,
  ContractModuleName,
  ContractStateView,
  PactError,
  PactObject,
  PactSigner,
  PactValue,
  SpvVerifier,
  TableWrite,
} from '@spv-cloud/contracts';
export type { PactAppArg, PactExpr, PactModule, PactTopLevel } from '@spv-cloud/contracts';
