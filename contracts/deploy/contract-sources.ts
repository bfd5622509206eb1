import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PactSyntaxError, analyzePactModuleSource, parsePactProgram } from '../pact-syntax';
import { ContractDeployError } from './contract-deploy.errors';

/** What gets deployed, in order: the keysets first, then the modules (which name them). */
export interface DeployUnit {
  readonly name: 'keysets' | 'spv-anchor' | 'provenance-log' | 'spv-forwarder';
  readonly kind: 'keysets' | 'module';
  /** Relative to the contracts folder. */
  readonly path: string;
}

export const DEPLOY_UNITS: readonly DeployUnit[] = [
  { name: 'keysets', kind: 'keysets', path: 'keysets/keysets.pact' },
  { name: 'spv-anchor', kind: 'module', path: 'spv-anchor/spv-anchor.pact' },
  { name: 'provenance-log', kind: 'module', path: 'provenance-log/provenance-log.pact' },
  { name: 'spv-forwarder', kind: 'module', path: 'spv-forwarder/spv-forwarder.pact' },
];

export interface ContractSource {
  readonly unit: DeployUnit;
  readonly code: string;
  /** sha256 of the source text, hex: tells whether a chain runs this exact source. */
  readonly sourceHash: string;
}

/**
 * Reads every unit and refuses malformed sources: each module must parse and pass the module checks
 * (contracts/pact-syntax) and the keysets file must parse, so a syntax error never reaches a chain.
 */
export function loadContractSources(contractsDir: string): ContractSource[] {
  return DEPLOY_UNITS.map((unit) => {
    const path = join(contractsDir, unit.path);
    let code: string;
    try {
      code = readFileSync(path, 'utf8');
    } catch (error) {
      throw new ContractDeployError('source_invalid', `${unit.path}: ${(error as Error).message}`);
    }
    try {
      if (unit.kind === 'module') {
        const signature = analyzePactModuleSource(code);
        if (signature.name !== unit.name)
          throw new ContractDeployError(
            'source_invalid',
            `${unit.path} defines module ${signature.name}, not ${unit.name}`,
          );
      } else {
        parsePactProgram(code);
      }
    } catch (error) {
      if (error instanceof PactSyntaxError)
        throw new ContractDeployError('source_invalid', `${unit.path}: ${error.message}`);
      throw error;
    }
    return { unit, code, sourceHash: createHash('sha256').update(code, 'utf8').digest('hex') };
  });
}

/** The contracts folder: the nearest ancestor of `from` holding spv-anchor/spv-anchor.pact (works from src and dist). */
export function findContractsDir(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'spv-anchor', 'spv-anchor.pact'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new ContractDeployError('source_invalid', `no contracts folder above ${from}`);
    dir = parent;
  }
}
