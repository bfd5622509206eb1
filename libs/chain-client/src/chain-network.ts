import { z } from 'zod';
import { ChainClientError } from './chain-client.errors';
import type { RetryPolicy } from './http/retry-policy';

/**
 * A Chainweb network we talk to, as configuration: a name of ours (`mainnet`, `testnet`, `devnet`…),
 * the node's base URL, the chainweb version name in its URLs (`/chainweb/0.0/{version}`), and the
 * chain ids we use on it. Several networks can be configured at once (ChainNetworks).
 */
export interface ChainNetworkConfig {
  readonly name: string;
  /** Service API root of a node, e.g. `https://api.chainweb.com` or `http://127.0.0.1:1848`. */
  readonly baseUrl: string;
  /** `mainnet01`, `testnet04`, `development`, or a devnet's own name. */
  readonly chainwebVersion: string;
  readonly chainIds: readonly number[];
  /** Pact `networkId` of commands; defaults to the chainweb version name. */
  readonly networkId?: string;
  /** Header version code, for versions the chainweb library does not know by name (devnets). */
  readonly versionCode?: number;
  /** Per-request timeout (ms); default 15 000. */
  readonly timeoutMs?: number;
  /** Timeout of `listen`, which long-polls up to 180 s on the node; default 200 000. */
  readonly listenTimeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
}

export interface ChainNetwork extends ChainNetworkConfig {
  readonly networkId: string;
  readonly timeoutMs: number;
  readonly listenTimeoutMs: number;
  readonly chainIds: readonly number[];
}

const retrySchema = z
  .object({
    maxAttempts: z.number().int().min(1).max(20),
    baseDelayMs: z.number().min(0).max(60_000),
    maxDelayMs: z.number().min(0).max(600_000),
  })
  .partial()
  .strict();

const networkSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'network names are lower-case kebab-case'),
    baseUrl: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//.test(u), 'baseUrl must be http(s)')
      .refine((u) => !/[?#]/.test(u), 'baseUrl must not have a query or fragment'),
    chainwebVersion: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
    chainIds: z.array(z.number().int().min(0).max(0xffff)).min(1),
    networkId: z.string().min(1).max(64).optional(),
    versionCode: z.number().int().min(0).max(0xffffffff).optional(),
    timeoutMs: z.number().int().min(1).max(600_000).optional(),
    listenTimeoutMs: z.number().int().min(1).max(900_000).optional(),
    retry: retrySchema.optional(),
  })
  .strict()
  .refine((n) => new Set(n.chainIds).size === n.chainIds.length, {
    message: 'chainIds must be distinct',
    path: ['chainIds'],
  });

/** Validates one network configuration (throws ChainClientError invalid_argument). */
export function defineChainNetwork(config: ChainNetworkConfig): ChainNetwork {
  const parsed = networkSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ChainClientError(
      'invalid_argument',
      `network ${JSON.stringify((config as { name?: unknown })?.name)}: ${issue?.path.join('.') || 'config'}: ${issue?.message}`,
    );
  }
  const n = parsed.data;
  return Object.freeze({
    ...n,
    baseUrl: n.baseUrl.replace(/\/+$/, ''),
    chainIds: Object.freeze([...n.chainIds].sort((a, b) => a - b)),
    networkId: n.networkId ?? n.chainwebVersion,
    timeoutMs: n.timeoutMs ?? 15_000,
    listenTimeoutMs: n.listenTimeoutMs ?? 200_000,
  });
}

/** The configured networks, by name. */
export class ChainNetworks {
  private readonly byName: ReadonlyMap<string, ChainNetwork>;

  constructor(configs: readonly ChainNetworkConfig[]) {
    if (!isList(configs)) throw new ChainClientError('invalid_argument', 'networks: expected a list');
    const map = new Map<string, ChainNetwork>();
    for (const config of configs) {
      const network = defineChainNetwork(config);
      if (map.has(network.name))
        throw new ChainClientError('invalid_argument', `network ${network.name} is configured twice`);
      map.set(network.name, network);
    }
    this.byName = map;
  }

  get(name: string): ChainNetwork {
    const network = this.byName.get(name);
    if (!network)
      throw new ChainClientError(
        'unknown_network',
        `no network named ${JSON.stringify(name)} (configured: ${this.names().join(', ') || 'none'})`,
      );
    return network;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  all(): ChainNetwork[] {
    return [...this.byName.values()];
  }
}

/** Not a type guard: Array.isArray would narrow a readonly array to any[]. */
function isList(value: unknown): boolean {
  return Array.isArray(value);
}
