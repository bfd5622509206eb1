import { defineChainNetwork, type ChainNetwork, type Ed25519KeyPair } from '@spv-cloud/chain-client';
import { z } from 'zod';
import { ContractDeployError } from './contract-deploy.errors';

const hexKey = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex characters');
const keyset = z
  .object({
    keys: z.array(hexKey).min(1),
    pred: z.enum(['keys-all', 'keys-any', 'keys-2']),
  })
  .strict();

const deployNetworkSchema = z
  .object({
    name: z.string(),
    baseUrl: z.string(),
    chainwebVersion: z.string(),
    chainIds: z.array(z.number()),
    networkId: z.string().optional(),
    versionCode: z.number().optional(),
    timeoutMs: z.number().optional(),
    listenTimeoutMs: z.number().optional(),
    retry: z
      .object({ maxAttempts: z.number(), baseDelayMs: z.number(), maxDelayMs: z.number() })
      .partial()
      .optional(),
    /** The namespace the modules go in (it must exist; principal namespaces are created outside this tool). */
    namespace: z.string().regex(/^[A-Za-z][A-Za-z0-9%#+\-_&$@<>=^?*!|/~]*$/),
    gasPayer: z.object({ account: z.string().min(1), publicKey: hexKey }).strict(),
    /** Signs deployments, unscoped: it must satisfy the namespace's user guard and spv-cloud-admin. */
    adminPublicKey: hexKey,
    keysets: z.object({ 'spv-cloud-admin': keyset, 'spv-cloud-operator': keyset }).strict(),
    gasLimit: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

const deployConfigSchema = z.object({ networks: z.array(deployNetworkSchema).min(1) }).strict();

export type DeployNetworkConfig = z.infer<typeof deployNetworkSchema>;

export interface DeployNetwork {
  readonly network: ChainNetwork;
  readonly namespace: string;
  readonly gasPayer: { readonly account: string; readonly publicKey: string };
  readonly adminPublicKey: string;
  readonly keysets: DeployNetworkConfig['keysets'];
  readonly gasLimit: number;
}

/**
 * The deploy tool's configuration file: the networks (as ChainNetworks takes them) plus, per network,
 * the namespace, the gas payer, the deploying admin key and the two keysets to define.
 */
export function parseDeployConfig(json: unknown): ReadonlyMap<string, DeployNetwork> {
  const parsed = deployConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ContractDeployError(
      'config_invalid',
      `deploy config: ${issue?.path.join('.') || 'root'}: ${issue?.message}`,
    );
  }
  const out = new Map<string, DeployNetwork>();
  for (const entry of parsed.data.networks) {
    const { namespace, gasPayer, adminPublicKey, keysets, gasLimit, ...networkConfig } = entry;
    let network: ChainNetwork;
    try {
      network = defineChainNetwork(networkConfig);
    } catch (error) {
      throw new ContractDeployError('config_invalid', `deploy config: ${(error as Error).message}`);
    }
    if (out.has(network.name))
      throw new ContractDeployError('config_invalid', `deploy config: network ${network.name} appears twice`);
    out.set(network.name, {
      network,
      namespace,
      gasPayer,
      adminPublicKey,
      keysets,
      gasLimit: gasLimit ?? 150_000,
    });
  }
  return out;
}

const keysSchema = z.array(z.object({ publicKey: hexKey, secretKey: hexKey }).strict()).min(1);

/** The secret keys file: `[{ "publicKey": "…", "secretKey": "…" }]` (gas payer and admin). */
export function parseDeployKeys(json: unknown): Ed25519KeyPair[] {
  const parsed = keysSchema.safeParse(json);
  if (!parsed.success)
    throw new ContractDeployError(
      'keys_invalid',
      `keys file: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  return parsed.data;
}
