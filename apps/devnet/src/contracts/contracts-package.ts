import type * as ContractsPackage from '@spv-cloud/contracts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- types only; the entry does not export the parser (see loadPactSyntax)
import type * as PactSyntax from '@spv-cloud/contracts/pact-syntax';

/**
 * The declared effects table of our Pact modules, loaded through the package name
 * `@spv-cloud/contracts` (entry contracts/effects/index.ts, built to contracts/dist/effects).
 *
 * Why a loader: jest's moduleNameMapper (and tools/bench/register.cjs) send every `@spv-cloud/<name>`
 * to libs/<name>/src/index.ts, which does not exist for contracts/ (it is not under libs/). Until they
 * map `@spv-cloud/contracts` to contracts/effects/index.ts, the package's `effects` folder is loaded
 * by its subpath (which they leave alone); under node the package entry always resolves.
 */
function loadContracts(): typeof ContractsPackage {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolution must be caught (see above)
    return require('@spv-cloud/contracts') as typeof ContractsPackage;
  } catch (error) {
    if (!isJestUnmappedModule(error)) throw error;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the same package entry, by its folder
    return require('@spv-cloud/contracts/effects') as typeof ContractsPackage;
  }
}

function isJestUnmappedModule(error: unknown): boolean {
  // jest throws its resolution error from outside the test's realm: not an `instanceof Error` here.
  const message =
    typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return (
    typeof message === 'string' &&
    (/Could not locate module @spv-cloud\/contracts /.test(message) ||
      message.includes('libs/contracts/src/index.ts'))
  );
}

export const contracts: typeof ContractsPackage = loadContracts();

/**
 * The Pact parser of contracts/pact-syntax, which the devnet needs to read deployment transactions
 * (keysets.pact, the module sources). The package entry exports only the effects table, so the
 * parser is taken from the package entry when it is exported there, else from the package's built
 * `dist/pact-syntax` (a boundary adaptation until the entry exports it).
 */
function loadPactSyntax(): typeof PactSyntax {
  const fromEntry = contracts as unknown as Partial<typeof PactSyntax>;
  if (
    typeof fromEntry.parsePactProgram === 'function' &&
    typeof fromEntry.analyzePactModuleSource === 'function'
  ) {
    return fromEntry as typeof PactSyntax;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- boundary adaptation, see above
  return require('@spv-cloud/contracts/dist/pact-syntax') as typeof PactSyntax;
}

export const pactSyntax: typeof PactSyntax = loadPactSyntax();

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
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- types only, as above
export type { PactAppArg, PactExpr, PactModule, PactTopLevel } from '@spv-cloud/contracts/pact-syntax';
