import { type ChainwebVersion, DEVELOPMENT, requestKeyOf } from '@spv-cloud/chainweb';
import { DevnetError } from '../config/devnet.errors';
import { ChainContractState, type StateChange } from '../contracts/chain-contract-state';
import type { Mempool } from '../pact/mempool';
import type { ParsedPactCommand } from '../pact/pact-command';
import { TransactionExecutor } from '../pact/transaction-executor';
import { devnetSpvVerifier } from '../spv/devnet-spv-verifier';
import {
  blockPayload,
  genesisHeader,
  genesisPayload,
  type IncludedTransaction,
  nextBlockHeader,
} from './block-builder';
import type { BlockLogRepository, LoggedBlock } from './block-log.repository';
import { ChainStore, storedBlock, type StoredBlock } from './chain-store';
import { devnetChainwebVersion, type DevnetVersionParameters } from './devnet-version';

/** chainweb's default block gas limit (150,000) over the smallest transaction gas limit leaves room for this many. */
export const MAX_TRANSACTIONS_PER_BLOCK = 1000;

const requestKeysOf = (block: StoredBlock): string[] =>
  block.payload.transactions.map((tx) => requestKeyOf(tx));

/**
 * The devnet's chainweb: the version, the chains (headers, payloads, indexes), each chain's Pact
 * contract state and txId counter, and mining. `mineCut` builds one block on every chain at the next
 * height — parent = the chain's head, adjacent parents = the neighbours' heads — so the cut advances
 * as a whole, like chainweb's braid. Every cut is logged before it becomes visible.
 */
export class DevnetChain {
  readonly store: ChainStore;
  private readonly states = new Map<number, ChainContractState>();
  private readonly nextTxIds = new Map<number, number>();

  private constructor(
    readonly version: ChainwebVersion,
    private readonly log: BlockLogRepository,
    private readonly mempool: Mempool,
  ) {
    this.store = new ChainStore(version);
    for (const chainId of version.chainIds) {
      this.states.set(chainId, new ChainContractState());
      this.nextTxIds.set(chainId, 0);
    }
  }

  /** Opens the chain stored in the log, or creates and logs the genesis cut of a new one. */
  static async open(
    parameters: DevnetVersionParameters,
    log: BlockLogRepository,
    mempool: Mempool,
  ): Promise<DevnetChain> {
    const genesisPayloads = new Map(
      devnetChainIds(parameters).map(
        (chainId) => [chainId, genesisPayload(DEVELOPMENT.code, chainId)] as const,
      ),
    );
    const version = devnetChainwebVersion(
      parameters,
      Object.fromEntries([...genesisPayloads].map(([chainId, payload]) => [chainId, payload.payloadHash])),
    );
    const chain = new DevnetChain(version, log, mempool);
    await log.readCuts((_height, blocks) => chain.restoreCut(blocks));
    if (chain.store.height < 0) {
      const genesis = version.chainIds.map((chainId) => {
        const payload = genesisPayloads.get(chainId)!;
        return {
          block: storedBlock(genesisHeader(version, chainId, payload), payload),
          changes: [],
          nextTxId: 0,
        };
      });
      log.appendCut(0, genesis);
      chain.store.appendCut(
        genesis.map((g) => g.block),
        requestKeysOf,
      );
    }
    return chain;
  }

  state(chainId: number): ChainContractState {
    const state = this.states.get(chainId);
    if (state === undefined) throw new Error(`chain ${chainId} is not a chain of this devnet`);
    return state;
  }

  /**
   * Mines the next cut at `now` (µs) with up to MAX_TRANSACTIONS_PER_BLOCK pending commands per chain.
   * If the cut cannot be made or logged, the commands go back to the mempool for the next attempt.
   */
  mineCut(now: bigint): StoredBlock[] {
    const taken = new Map<number, ParsedPactCommand[]>();
    try {
      return this.buildAndCommitCut(now, taken);
    } catch (error) {
      for (const [chainId, commands] of taken) this.mempool.restore(chainId, commands);
      throw error;
    }
  }

  private buildAndCommitCut(now: bigint, taken: Map<number, ParsedPactCommand[]>): StoredBlock[] {
    const parents = this.store.cut();
    const latest = parents.reduce((t, p) => (p.header.creationTime > t ? p.header.creationTime : t), 0n);
    const creationTime = now > latest ? now : latest + 1n;
    const height = this.store.height + 1;
    const logged: LoggedBlock[] = parents.map((parent) => {
      const chainId = parent.header.chainId;
      const commands = this.mempool.take(chainId, MAX_TRANSACTIONS_PER_BLOCK);
      taken.set(chainId, commands);
      const { transactions, changes, nextTxId } = this.runTransactions(chainId, parent, commands);
      const payload = blockPayload(parent.header.hash, transactions);
      const adjacentParents = this.version
        .graphAt(parent.header.height)
        .adjacents(chainId)
        .map((adjacent) => this.store.head(adjacent).header);
      const header = nextBlockHeader({
        version: this.version,
        parent: parent.header,
        adjacentParents,
        creationTime,
        payloadHash: payload.payloadHash,
      });
      return { block: storedBlock(header, payload), changes, nextTxId };
    });
    this.log.appendCut(height, logged);
    this.commit(logged);
    return logged.map((l) => l.block);
  }

  private runTransactions(
    chainId: number,
    parent: StoredBlock,
    commands: readonly ParsedPactCommand[],
  ): { transactions: IncludedTransaction[]; changes: StateChange[]; nextTxId: number } {
    const executor = new TransactionExecutor(this.state(chainId));
    const block = {
      chainId,
      blockHeight: parent.header.height + 1,
      blockTime: parent.header.creationTime,
      verifySpv: devnetSpvVerifier(this.store, chainId, parent.header.height),
    };
    const changes: StateChange[] = [];
    const transactions: IncludedTransaction[] = [];
    let txId = this.nextTxIds.get(chainId)!;
    for (const command of commands) {
      let outcome: ReturnType<TransactionExecutor['execute']>;
      try {
        outcome = executor.execute(command, block, changes, txId);
      } catch (error) {
        // A defect of the devnet must not stop the chain: the transaction fails like a Pact error would.
        outcome = executor.internalFailure(command, error);
      }
      if (outcome.succeeded) {
        txId++;
        changes.push(...outcome.changes);
      }
      transactions.push({
        transaction: command.transaction,
        output: Buffer.from(JSON.stringify(outcome.output)),
      });
    }
    return { transactions, changes, nextTxId: txId };
  }

  /** A logged cut must continue the chain: one block per chain, each on its chain's head. */
  private restoreCut(logged: readonly LoggedBlock[]): void {
    const height = this.store.height + 1;
    const chains = logged.map((l) => l.block.header.chainId);
    if (
      chains.length !== this.version.chainIds.length ||
      this.version.chainIds.some((c) => !chains.includes(c))
    ) {
      throw new DevnetError(
        'corrupt_data',
        `the logged cut at height ${height} does not have one block per chain`,
      );
    }
    if (height > 0) {
      for (const { block } of logged) {
        if (!block.header.parent.equals(this.store.head(block.header.chainId).header.hash)) {
          throw new DevnetError(
            'corrupt_data',
            `the logged block of chain ${block.header.chainId} at height ${height} does not extend its chain`,
          );
        }
      }
    }
    this.commit(logged);
  }

  private commit(logged: readonly LoggedBlock[]): void {
    for (const { block, changes, nextTxId } of logged) {
      this.state(block.header.chainId).apply(changes);
      this.nextTxIds.set(block.header.chainId, nextTxId);
    }
    this.store.appendCut(
      logged.map((l) => l.block),
      requestKeysOf,
    );
  }
}

function devnetChainIds(parameters: DevnetVersionParameters): number[] {
  return Array.from({ length: parameters.chains }, (_, i) => i);
}
