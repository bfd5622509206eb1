import type { ChainwebVersion } from '@spv-cloud/chainweb';
import { BlockLogRepository, DEVNET_DATA_FORMAT } from './chain/block-log.repository';
import { DataDirLock } from './chain/data-dir-lock';
import { DevnetChain } from './chain/devnet-chain';
import type { DevnetChainCount } from './chain/devnet-version';
import { DEVNET_DEFAULTS, type DevnetOptions, resolveDevnetOptions } from './config/devnet-options';
import { DevnetError } from './config/devnet.errors';
import { DevnetHttpServer } from './http/devnet-http-server';
import { HttpRouter } from './http/http-router';
import { cutRoutes } from './http/routes/cut.routes';
import { headerRoutes } from './http/routes/header.routes';
import { nodeInfoRoutes } from './http/routes/node-info.routes';
import { pactRoutes } from './http/routes/pact.routes';
import { payloadRoutes } from './http/routes/payload.routes';
import { updateStreamRoutes } from './http/routes/update-stream.routes';
import { Mempool } from './pact/mempool';
import { PactApiService } from './pact/pact-api.service';
import { SpvProofService } from './spv/spv-proof.service';

export interface RunningDevnet {
  /** e.g. `http://127.0.0.1:1848`; the service API is under `${url}/chainweb/0.0/development`. */
  readonly url: string;
  /** The version it runs (its /info describes the same graph). */
  readonly version: ChainwebVersion;
  readonly dataDir: string;
  /** The current cut height (every chain's head height). */
  height(): number;
  /** Resolves once every chain has reached `height`. */
  waitForHeight(height: number): Promise<void>;
  /** Stops mining, ends open requests, closes the server and the data directory. */
  close(): Promise<void>;
}

/**
 * Starts a devnet: opens (or creates, or with `reset` recreates) the chain in the data directory,
 * serves chainweb-node's REST API and mines a cut every `blockTimeMs`.
 */
export async function startDevnet(options: DevnetOptions = {}): Promise<RunningDevnet> {
  const resolved = resolveDevnetOptions(options);
  const lock = DataDirLock.acquire(resolved.dataDir);
  const log = new BlockLogRepository(resolved.dataDir);
  let server: DevnetHttpServer | undefined;
  try {
    if (resolved.reset) log.reset();
    const meta = log.readMeta();
    if (meta !== undefined && resolved.chains !== undefined && meta.chains !== resolved.chains) {
      throw new DevnetError(
        'data_dir_mismatch',
        `${resolved.dataDir} holds a ${meta.chains}-chain devnet; start it with --chains ${meta.chains} or --reset`,
      );
    }
    const chains: DevnetChainCount = meta?.chains ?? resolved.chains ?? DEVNET_DEFAULTS.chains;
    // The block delay is part of the chain (the difficulty adjustment of every logged header used it).
    const blockDelay = meta !== undefined ? BigInt(meta.blockDelay) : BigInt(resolved.blockTimeMs) * 1000n;
    if (meta === undefined) {
      log.writeMeta({
        format: DEVNET_DATA_FORMAT,
        version: 'development',
        chains,
        blockDelay: blockDelay.toString(),
        createdAt: new Date().toISOString(),
      });
    }
    const mempool = new Mempool();
    const chain = await DevnetChain.open({ chains, blockDelay }, log, mempool);
    const base = `/chainweb/0.0/${chain.version.name}`;
    const router = new HttpRouter()
      .add(nodeInfoRoutes(chain.version))
      .add(cutRoutes(base, chain.store))
      .add(headerRoutes(base, chain.store))
      .add(updateStreamRoutes(base, chain.store))
      .add(payloadRoutes(base, chain.store))
      .add(
        pactRoutes(base, chain.store, new PactApiService(chain, mempool), new SpvProofService(chain), {
          listenTimeoutMs: resolved.listenTimeoutMs,
        }),
      );
    server = new DevnetHttpServer(router, {
      host: resolved.host,
      port: resolved.port,
      onError: (error) =>
        resolved.log(
          `devnet: request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        ),
    });
    const url = await server.listen().catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      throw new DevnetError(
        'port_in_use',
        `${resolved.host}:${resolved.port} is in use (--port picks another one)`,
      );
    });
    const miner = startMining(chain, resolved.blockTimeMs, resolved.log);
    resolved.log(
      `devnet: ${chain.version.name} with ${chains} chains at height ${chain.store.height}, ` +
        `a cut every ${resolved.blockTimeMs} ms, serving ${url}${base} (data: ${resolved.dataDir})`,
    );
    const running = server;
    let closing: Promise<void> | undefined;
    return {
      url,
      version: chain.version,
      dataDir: resolved.dataDir,
      height: () => chain.store.height,
      waitForHeight: (height) => waitForHeight(chain, height),
      close: () =>
        (closing ??= (async () => {
          miner.stop();
          await running.close();
          log.close();
          lock.release();
        })()),
    };
  } catch (error) {
    await server?.close();
    log.close();
    lock.release();
    throw error;
  }
}

function startMining(chain: DevnetChain, blockTimeMs: number, log: (line: string) => void): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = (): void => {
    if (stopped) return;
    try {
      chain.mineCut(BigInt(Date.now()) * 1000n);
    } catch (error) {
      log(
        `devnet: mining failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    timer = setTimeout(tick, blockTimeMs);
  };
  timer = setTimeout(tick, blockTimeMs);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

function waitForHeight(chain: DevnetChain, height: number): Promise<void> {
  if (chain.store.height >= height) return Promise.resolve();
  return new Promise((resolve) => {
    const onCut = (): void => {
      if (chain.store.height < height) return;
      chain.store.off('cut', onCut);
      resolve();
    };
    chain.store.on('cut', onCut);
  });
}
