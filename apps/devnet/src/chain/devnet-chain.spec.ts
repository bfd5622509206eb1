import { requestKeyOf } from '@spv-cloud/chainweb';
import { Mempool } from '../pact/mempool';
import { withPayload } from '../pact/pact-command';
import { signedCommand } from '../../test/support/devnet-test-kit';
import type { BlockLogRepository, LoggedBlock } from './block-log.repository';
import { DevnetChain } from './devnet-chain';

/** The block log's two operations, in memory; `failNext` makes the next append fail like a full disk. */
class MemoryBlockLog {
  readonly cuts: Array<{ height: number; blocks: readonly LoggedBlock[] }> = [];
  failNext = false;

  readCuts(onCut: (height: number, blocks: LoggedBlock[]) => void): Promise<void> {
    for (const cut of this.cuts) onCut(cut.height, [...cut.blocks]);
    return Promise.resolve();
  }

  appendCut(height: number, blocks: readonly LoggedBlock[]): void {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('ENOSPC: no space left on device');
    }
    this.cuts.push({ height, blocks });
  }
}

async function openChain(log: MemoryBlockLog, mempool = new Mempool()): Promise<DevnetChain> {
  return DevnetChain.open(
    { chains: 10, blockDelay: 1_000_000n },
    log as unknown as BlockLogRepository,
    mempool,
  );
}

describe('DevnetChain', () => {
  it('logs the genesis cut, then one block per chain per cut, each on its chain’s head', async () => {
    const log = new MemoryBlockLog();
    const chain = await openChain(log);
    expect(chain.store.height).toBe(0);
    chain.mineCut(BigInt(Date.now()) * 1000n);
    chain.mineCut(BigInt(Date.now()) * 1000n);
    expect(log.cuts.map((c) => c.height)).toEqual([0, 1, 2]);
    for (const chainId of chain.version.chainIds) {
      expect(chain.store.at(chainId, 2)!.header.parent.equals(chain.store.at(chainId, 1)!.header.hash)).toBe(
        true,
      );
    }
    // Reopening from the same log gives the same heads.
    const reopened = await openChain(log);
    expect(reopened.store.cut().map((b) => b.header.hash)).toEqual(
      chain.store.cut().map((b) => b.header.hash),
    );
  });

  it('creation times strictly increase even when the clock does not', async () => {
    const chain = await openChain(new MemoryBlockLog());
    const frozen = BigInt(Date.now()) * 1000n;
    chain.mineCut(frozen);
    chain.mineCut(frozen);
    expect(chain.store.head(0).header.creationTime).toBe(frozen + 1n);
  });

  it('puts the commands of a cut that could not be logged back into the mempool', async () => {
    const log = new MemoryBlockLog();
    const mempool = new Mempool();
    const chain = await openChain(log, mempool);
    const first = withPayload(signedCommand({ code: '(+ 1 1)', chainId: 3 }));
    const second = withPayload(signedCommand({ code: '(+ 2 2)', chainId: 3 }));
    mempool.add(3, first);
    mempool.add(3, second);
    log.failNext = true;
    expect(() => chain.mineCut(BigInt(Date.now()) * 1000n)).toThrow(/ENOSPC/);
    expect(chain.store.height).toBe(0);
    expect(mempool.size(3)).toBe(2);
    const [block] = chain.mineCut(BigInt(Date.now()) * 1000n).filter((b) => b.header.chainId === 3);
    expect(block!.payload.transactions.map((tx) => requestKeyOf(tx))).toEqual([first.hash, second.hash]);
    expect(chain.store.locate(3, second.hash)).toMatchObject({ height: 1, txIndex: 1 });
  });
});
