import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ContractDeployError } from './contract-deploy.errors';
import type { DeployUnit } from './contract-sources';

const deployedUnitSchema = z
  .object({
    sourceHash: z.string().regex(/^[0-9a-f]{64}$/),
    /** Pact's module hash as `describe-module` reports it (modules only). */
    moduleHash: z.string().min(1).optional(),
    requestKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    blockHeight: z.number().int().nonnegative().nullable(),
    deployedAt: z.string(),
  })
  .strict();

const manifestSchema = z
  .object({
    network: z.string(),
    chainwebVersion: z.string(),
    namespace: z.string(),
    chains: z.record(
      z.string().regex(/^\d+$/),
      z.record(z.enum(['keysets', 'spv-anchor', 'provenance-log', 'spv-forwarder']), deployedUnitSchema),
    ),
  })
  .strict();

export type DeployedUnit = z.infer<typeof deployedUnitSchema>;

/** What is deployed where: per chain, per unit, the source and module hashes and the deploying transaction. */
export interface DeployManifest {
  readonly network: string;
  readonly chainwebVersion: string;
  readonly namespace: string;
  readonly chains: Readonly<Record<string, Readonly<Partial<Record<DeployUnit['name'], DeployedUnit>>>>>;
}

export function emptyManifest(network: string, chainwebVersion: string, namespace: string): DeployManifest {
  return { network, chainwebVersion, namespace, chains: {} };
}

export function parseDeployManifest(
  json: unknown,
  expected: { network: string; namespace: string },
): DeployManifest {
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success)
    throw new ContractDeployError(
      'manifest_invalid',
      `manifest: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
    );
  if (parsed.data.network !== expected.network || parsed.data.namespace !== expected.namespace) {
    throw new ContractDeployError(
      'manifest_invalid',
      `manifest is for ${parsed.data.network}/${parsed.data.namespace}, not ${expected.network}/${expected.namespace}`,
    );
  }
  return parsed.data;
}

export function withDeployment(
  manifest: DeployManifest,
  chainId: number,
  unit: DeployUnit['name'],
  entry: DeployedUnit,
): DeployManifest {
  const key = String(chainId);
  return {
    ...manifest,
    chains: { ...manifest.chains, [key]: { ...(manifest.chains[key] ?? {}), [unit]: entry } },
  };
}

export function readManifestFile(
  path: string,
  expected: { network: string; chainwebVersion: string; namespace: string },
): DeployManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return emptyManifest(expected.network, expected.chainwebVersion, expected.namespace);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ContractDeployError('manifest_invalid', `${path} is not JSON`);
  }
  return parseDeployManifest(json, expected);
}

/** Written after every deployed unit (write to a temporary file, then rename), so a crash loses nothing. */
export function writeManifestFile(path: string, manifest: DeployManifest): void {
  mkdirSync(dirname(path), { recursive: true });
  const sorted = {
    ...manifest,
    chains: Object.fromEntries(Object.entries(manifest.chains).sort(([a], [b]) => Number(a) - Number(b))),
  };
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(sorted, null, 2)}\n`);
  renameSync(temporary, path);
}
