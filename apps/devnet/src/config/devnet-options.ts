import { resolve } from 'node:path';
import type { DevnetChainCount } from '../chain/devnet-version';
import { DevnetError } from './devnet.errors';

export interface DevnetOptions {
  /** TCP port; 0 picks a free one. Default 1848 (chainweb-node's service port). */
  readonly port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  readonly host?: string;
  /** Where the chain is kept. Default `.data/devnet` (relative to the working directory). */
  readonly dataDir?: string;
  /** Time between cuts. Default 1000 ms. */
  readonly blockTimeMs?: number;
  /** 10 (Petersen graph) or 20 (twenty graph). Default: the stored chain's, else 10. */
  readonly chains?: DevnetChainCount;
  /** Delete the stored chain and start a new one. */
  readonly reset?: boolean;
  /** How long /listen waits before answering 504. Default 180 s (chainweb-node's). */
  readonly listenTimeoutMs?: number;
  /** Log lines (start, errors); default: nothing. */
  readonly log?: (line: string) => void;
}

export interface ResolvedDevnetOptions {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly blockTimeMs: number;
  readonly chains: DevnetChainCount | undefined;
  readonly reset: boolean;
  readonly listenTimeoutMs: number;
  readonly log: (line: string) => void;
}

export const DEVNET_DEFAULTS = {
  port: 1848,
  host: '127.0.0.1',
  dataDir: '.data/devnet',
  blockTimeMs: 1000,
  chains: 10,
  listenTimeoutMs: 180_000,
} as const;

/** The smallest block time: the mining loop must leave the event loop time to answer requests. */
export const MIN_BLOCK_TIME_MS = 10;

export function resolveDevnetOptions(options: DevnetOptions = {}): ResolvedDevnetOptions {
  const invalid = (message: string): never => {
    throw new DevnetError('invalid_option', message);
  };
  const port = options.port ?? DEVNET_DEFAULTS.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    invalid(`port must be 0..65535, got ${String(port)}`);
  const blockTimeMs = options.blockTimeMs ?? DEVNET_DEFAULTS.blockTimeMs;
  if (!Number.isInteger(blockTimeMs) || blockTimeMs < MIN_BLOCK_TIME_MS || blockTimeMs > 3_600_000) {
    invalid(`block time must be ${MIN_BLOCK_TIME_MS}..3600000 ms, got ${String(blockTimeMs)}`);
  }
  if (options.chains !== undefined && options.chains !== 10 && options.chains !== 20) {
    invalid(`chains must be 10 or 20, got ${String(options.chains)}`);
  }
  const listenTimeoutMs = options.listenTimeoutMs ?? DEVNET_DEFAULTS.listenTimeoutMs;
  if (!Number.isInteger(listenTimeoutMs) || listenTimeoutMs <= 0)
    invalid('listen timeout must be a positive integer (ms)');
  const host = options.host ?? DEVNET_DEFAULTS.host;
  if (typeof host !== 'string' || host.length === 0) invalid('host must be a non-empty string');
  const dataDir = options.dataDir ?? DEVNET_DEFAULTS.dataDir;
  if (typeof dataDir !== 'string' || dataDir.length === 0) invalid('data dir must be a non-empty path');
  return {
    port,
    host,
    dataDir: resolve(dataDir),
    blockTimeMs,
    chains: options.chains,
    reset: options.reset ?? false,
    listenTimeoutMs,
    log: options.log ?? (() => undefined),
  };
}
