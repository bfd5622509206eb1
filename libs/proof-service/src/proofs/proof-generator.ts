import {
  assessSpvRoot,
  ChainwebError,
  createSpvProofDetailed,
  encodeSpvProofBase64Url,
  spvTargetHeight,
  verifySpvProof,
  type BlockHeader,
  type ChainwebVersion,
  type SpvProofCreation,
} from '@spv-cloud/chainweb';
import type { ChainAccess, ChainAccessRegistry } from '../chain/chain-access';
import type { Clock } from '../platform/clock';
import { ProofServiceError } from '../proof-service.errors';
import type { ProofCache } from '../storage/proof-cache';
import type { ProofStore } from '../storage/proof-store';
import { hotDaysTag } from '../storage/retention-policy';
import { buildEvidenceBundle, encodeEvidenceBundle, type GenerationFacts } from './evidence-bundle';
import type { ProofRepository, ReferenceWriter } from './proof.repository';
import type { ChainProofRecord } from './proof-records';

export interface ProofGeneratorOptions {
  /** Compare TXOUT proofs with the node's /pact/spv before serving them (a mismatch is never served). */
  readonly crossCheck: boolean;
  /** How long a proof may wait for its transaction to be mined before it fails (`tx_not_found`). */
  readonly inclusionTimeoutMs: number;
  /** Headers of the target chain put in the bundle above the root (the root's checkpoint depth). */
  readonly checkpointDepth: number;
  /** A refreshed proof roots this many blocks below the target chain's head (reorg margin). */
  readonly refreshConfirmations: number;
  /** Bounds of the wait before a waiting proof is looked at again (watches nudge it earlier). */
  readonly minWaitMs: number;
  readonly maxWaitMs: number;
}

export const DEFAULT_GENERATOR_OPTIONS: ProofGeneratorOptions = {
  crossCheck: true,
  inclusionTimeoutMs: 24 * 3_600_000,
  checkpointDepth: 6,
  refreshConfirmations: 6,
  minWaitMs: 500,
  maxWaitMs: 60_000,
};

/** A cross-check disagreement: operators are alerted, the proof is not served. */
export interface CrossCheckMismatch {
  readonly chainProofId: string;
  readonly network: string;
  readonly chainId: number;
  readonly requestKey: string;
  readonly targetChainId: number;
  readonly ours: string;
  readonly node: string;
}

export interface ProofGeneratorDeps {
  readonly repository: Pick<
    ProofRepository,
    | 'loadChainProof'
    | 'waitingTenants'
    | 'markWaiting'
    | 'failChainProof'
    | 'completeGeneration'
    | 'issueReadyProof'
  >;
  readonly chains: ChainAccessRegistry;
  readonly store: Pick<ProofStore, 'putBlob' | 'putReference'>;
  readonly cache: Pick<ProofCache, 'set'>;
  readonly clock: Clock;
  readonly service: { readonly version: string; readonly buildHash: string };
  readonly onCrossCheckMismatch: (mismatch: CrossCheckMismatch) => void;
  /** Counts generations actually run (a cached or deduplicated request costs none). */
  readonly onGenerated?: (chainProofId: string) => void;
  readonly options?: Partial<ProofGeneratorOptions>;
}

export type GenerationOutcome =
  | { readonly kind: 'ready'; readonly issued: number; readonly contentHash: Buffer }
  /** The proof was ready already: requests left pending (e.g. by a storage outage) were issued. */
  | { readonly kind: 'issued'; readonly issued: number }
  | {
      readonly kind: 'waiting';
      readonly phase: 'inclusion' | 'reachability';
      readonly retryInMs: number;
      readonly etaAt: Date;
    }
  | { readonly kind: 'failed'; readonly code: string; readonly message: string }
  | { readonly kind: 'skipped'; readonly reason: string };

/**
 * Generates one chain proof (the worker's use case): locates the transaction (`/poll`), waits until
 * it is mined and the target chain has reached the proof's target height, builds the proof with
 * @spv-cloud/chainweb from the node's headers and payloads (minimal, byte-identical to /pact/spv; a
 * refresh roots at a recent header instead), verifies it and authenticates its root, optionally
 * cross-checks it with the node's own answer, stores the evidence bundle once (content-addressed),
 * and issues it to every tenant waiting on it with a provenance entry each.
 *
 * Waiting is an outcome, not an error (the caller re-delays the job); node and storage outages are
 * thrown as retryable ProofServiceErrors; proofs that cannot exist fail their requests.
 */
export class ProofGenerator {
  private readonly options: ProofGeneratorOptions;

  constructor(private readonly deps: ProofGeneratorDeps) {
    this.options = { ...DEFAULT_GENERATOR_OPTIONS, ...deps.options };
  }

  async generate(chainProofId: string): Promise<GenerationOutcome> {
    const row = await this.deps.repository.loadChainProof(chainProofId);
    if (!row) return { kind: 'skipped', reason: 'no such chain proof' };
    if (row.status === 'ready') {
      const issued = await this.deps.repository.issueReadyProof(
        row.id,
        this.referenceWriter(),
        this.deps.clock.now(),
      );
      return { kind: 'issued', issued: issued.length };
    }
    if (row.status !== 'pending') return { kind: 'skipped', reason: `chain proof is ${row.status}` };

    let access: ChainAccess;
    try {
      access = this.deps.chains.get(row.key.network);
    } catch (error) {
      return this.fail(
        row,
        error instanceof ProofServiceError ? error.code : 'unknown_network',
        (error as Error).message,
      );
    }
    const version = await access.version();
    for (const chain of [row.key.chainId, row.key.targetChainId]) {
      if (!version.hasChain(chain))
        return this.fail(row, 'unknown_chain', `chain ${chain} is not a chain of ${row.key.network}`);
    }
    const now = this.deps.clock.now();
    const blockMs = blockDelayMs(version);

    const location = await access.locate(row.key.chainId, row.key.requestKey);
    if (!location) {
      if (now.getTime() - row.createdAt.getTime() > this.options.inclusionTimeoutMs) {
        return this.fail(
          row,
          'tx_not_found',
          `transaction ${row.key.requestKey} was not mined on chain ${row.key.chainId}`,
        );
      }
      return this.wait(row, 'inclusion', new Date(now.getTime() + blockMs), {});
    }

    const targetHead = await access.headHeight(row.key.targetChainId);
    const minimal = spvTargetHeight(version, row.key.chainId, row.key.targetChainId, location.height, {
      targetHeadHeight: targetHead,
    });
    const refresh = row.refreshedFromId !== null;
    const targetHeight = refresh
      ? Math.max(minimal, targetHead - this.options.refreshConfirmations)
      : minimal;
    const located = {
      blockHash: location.blockHash.toString('base64url'),
      blockHeight: location.height,
      targetHeight,
    };
    if (targetHead < targetHeight) {
      const etaAt = new Date(now.getTime() + (targetHeight - targetHead) * blockMs);
      return this.wait(row, 'reachability', etaAt, located);
    }

    let creation: SpvProofCreation;
    try {
      const target = refresh
        ? await access.headers.canonicalHeaderAt(row.key.targetChainId, targetHeight)
        : undefined;
      creation = await createSpvProofDetailed({
        version,
        kind: row.key.kind,
        sourceChain: row.key.chainId,
        blockHash: location.blockHash,
        requestKey: row.key.requestKey,
        targetChain: row.key.targetChainId,
        ...(target ? { targetBlockHash: target.hash } : { targetHeadHeight: targetHead }),
        headers: access.headers,
        payloads: access.payloads,
      });
    } catch (error) {
      if (!(error instanceof ChainwebError)) throw error;
      if (error.code === 'tx_not_found') {
        // The block /poll named does not hold it (any more): a reorg; look for the transaction again.
        return this.wait(row, 'inclusion', new Date(now.getTime() + blockMs), {});
      }
      if (
        ['header_missing', 'payload_missing', 'root_mismatch', 'not_reachable', 'not_found'].includes(
          error.code,
        )
      ) {
        throw new ProofServiceError(
          'chain_unavailable',
          `chain data changed or is incomplete: ${error.code}: ${error.message}`,
          {
            retryable: true,
            cause: error,
          },
        );
      }
      return this.fail(row, 'proof_failed', `${error.code}: ${error.message}`);
    }

    const verified = verifySpvProof(creation.proof, {
      expectedChain: row.key.targetChainId,
      expectedKind: row.key.kind,
    });
    if (!verified.valid)
      return this.fail(row, 'proof_failed', `our proof does not verify: ${verified.reason}`);
    const trust = await assessSpvRoot(row.key.targetChainId, verified.root, access.headers, {
      currentHeight: targetHead,
      version,
    });
    if (!trust.trusted) {
      throw new ProofServiceError('chain_unavailable', `the proof root is not trusted yet: ${trust.reason}`, {
        retryable: true,
      });
    }

    let crossCheck: GenerationFacts['crossCheck'] = 'skipped';
    if (this.options.crossCheck && row.key.kind === 'TXOUT' && !refresh) {
      const node = await access.nodeSpvProof(row.key.chainId, row.key.requestKey, row.key.targetChainId);
      const ours = encodeSpvProofBase64Url(creation.proof);
      if (node === undefined) crossCheck = 'unavailable';
      else if (node === ours) crossCheck = 'match';
      else {
        this.deps.onCrossCheckMismatch({
          chainProofId: row.id,
          network: row.key.network,
          chainId: row.key.chainId,
          requestKey: row.key.requestKey,
          targetChainId: row.key.targetChainId,
          ours,
          node,
        });
        return this.fail(
          row,
          'cross_check_mismatch',
          'our proof and the node’s /pact/spv disagree; not served',
        );
      }
    }

    const headerChain = await this.headerChain(access, creation.targetHeader, targetHead);
    const facts: GenerationFacts = {
      nodeUrl: access.nodeUrl,
      chainwebVersion: version.name,
      serviceVersion: this.deps.service.version,
      buildHash: this.deps.service.buildHash,
      observedAt: now,
      crossCheck,
    };
    const bundle = buildEvidenceBundle({
      network: row.key.network,
      kind: row.key.kind,
      requestKey: creation.requestKey,
      proof: creation.proof,
      txIndex: creation.txIndex,
      sourceHeader: creation.sourceHeader,
      targetHeader: creation.targetHeader,
      subjectBytes: verified.subject,
      headerChain,
      facts,
    });
    const bytes = encodeEvidenceBundle(bundle);
    const waiting = await this.deps.repository.waitingTenants(row.id);
    const hotDays = hotDaysTag(Math.max(1, ...waiting.map((tenant) => tenant.hotTtlDays)));
    const blob = await this.deps.store.putBlob(bytes, { hotDays });
    await this.deps.cache.set(blob.contentHash, bytes);

    const window = version.spvProofRootWindowAt(targetHead);
    const expiresAt =
      window === undefined
        ? null
        : new Date(now.getTime() + Math.max(0, creation.targetHeader.height + window - targetHead) * blockMs);
    const issued = await this.deps.repository.completeGeneration(
      row.id,
      {
        contentHash: blob.contentHash,
        s3Key: blob.key,
        byteSize: blob.byteSize,
        blockHash: creation.sourceHeader.hash.toString('base64url'),
        blockHeight: creation.sourceHeader.height,
        targetHeight: creation.targetHeader.height,
        rootBlockHash: creation.targetHeader.hash.toString('base64url'),
        expiresAt,
        facts,
      },
      this.referenceWriter(),
      now,
    );
    this.deps.onGenerated?.(row.id);
    return { kind: 'ready', issued: issued.length, contentHash: blob.contentHash };
  }

  /** Writes each tenant's reference object to the bundle (idempotent), before the rows complete. */
  private referenceWriter(): ReferenceWriter {
    return async (targets, chainProof) => {
      const keys = new Map<string, string>();
      const contentHash = chainProof.contentHash as Buffer;
      const byTenant = new Map<string, string>();
      for (const target of targets) {
        let key = byTenant.get(target.tenantId);
        if (!key) {
          key = await this.deps.store.putReference({
            tenantId: target.tenantId,
            contentHash: contentHash.toString('hex'),
            byteSize: chainProof.byteSize ?? 0,
            referencedAt: this.deps.clock.now().toISOString(),
          });
          byTenant.set(target.tenantId, key);
        }
        keys.set(target.requestId, key);
      }
      return keys;
    };
  }

  /** The root header and its canonical descendants up to `checkpointDepth` above it (bounded by the head). */
  private async headerChain(access: ChainAccess, root: BlockHeader, head: number): Promise<BlockHeader[]> {
    const chain: BlockHeader[] = [root];
    const top = Math.min(head, root.height + this.options.checkpointDepth);
    for (let height = root.height + 1; height <= top; height++) {
      const header = await access.headers.canonicalHeaderAt(root.chainId, height);
      const previous = chain[chain.length - 1] as BlockHeader;
      if (!header || !header.parent.equals(previous.hash)) {
        throw new ProofServiceError(
          'chain_unavailable',
          `the canonical chain moved under the root at height ${height}`,
          {
            retryable: true,
          },
        );
      }
      chain.push(header);
    }
    return chain;
  }

  private async wait(
    row: ChainProofRecord,
    phase: 'inclusion' | 'reachability',
    etaAt: Date,
    located: { blockHash?: string; blockHeight?: number; targetHeight?: number },
  ): Promise<GenerationOutcome> {
    await this.deps.repository.markWaiting(row.id, { phase, etaAt, ...located });
    const now = this.deps.clock.now().getTime();
    const retryInMs = Math.min(
      this.options.maxWaitMs,
      Math.max(this.options.minWaitMs, etaAt.getTime() - now),
    );
    return { kind: 'waiting', phase, retryInMs, etaAt };
  }

  private async fail(row: ChainProofRecord, code: string, message: string): Promise<GenerationOutcome> {
    await this.deps.repository.failChainProof(row.id, `${code}: ${message}`, this.deps.clock.now());
    return { kind: 'failed', code, message };
  }
}

/** The chain's target block interval in milliseconds (at least 1). */
export function blockDelayMs(version: ChainwebVersion): number {
  return Math.max(1, Number(version.blockDelay / 1000n));
}
