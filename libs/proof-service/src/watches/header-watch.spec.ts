import type { BlockHeader } from '@spv-cloud/chainweb';
import { MemoryChainweb } from '@spv-cloud/testing';
import type { ChainAccess, ChainAccessRegistry } from '../chain/chain-access';
import { HeaderWatch } from './header-watch';

describe('HeaderWatch', () => {
  it('follows each network’s header updates, nudges what they unblock, and reconnects after a failure', async () => {
    const chain = new MemoryChainweb({ height: 2 });
    let connections = 0;
    const access = Object.assign(Object.create(chain) as ChainAccess, {
      network: 'development',
      headerUpdates: async function* (signal: AbortSignal): AsyncIterable<BlockHeader> {
        connections++;
        if (connections === 1) {
          yield chain.at(4, 1);
          throw new Error('stream dropped');
        }
        yield chain.at(5, 2);
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      },
    });
    const registry: ChainAccessRegistry = { names: () => ['development'], get: () => access };
    const looked: [string, number, number][] = [];
    const nudged: string[] = [];
    const errors: unknown[] = [];
    const watch = new HeaderWatch({
      chains: registry,
      repository: {
        pendingOnChain: (network, chainId, height) => {
          looked.push([network, chainId, height]);
          return Promise.resolve(chainId === 5 ? ['cp-a', 'cp-b'] : []);
        },
      },
      jobs: {
        nudgeGeneration: (id) => {
          nudged.push(id);
          return Promise.resolve(id === 'cp-a');
        },
      },
      onError: (_network, error) => errors.push(error),
      reconnectDelayMs: 1,
    });
    watch.start();
    for (let i = 0; i < 200 && watch.seen < 2; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    await watch.stop();
    expect(looked).toEqual([
      ['development', 4, 1],
      ['development', 5, 2],
    ]);
    expect(nudged).toEqual(['cp-a', 'cp-b']);
    expect(watch.nudged).toBe(1);
    expect(connections).toBe(2);
    expect(errors).toHaveLength(1);
  });
});
