import type { PlanCodeName, ProofJobProducer } from '@spv-cloud/queue';
import type { Clock } from '../platform/clock';
import { ProofServiceError } from '../proof-service.errors';
import type { ProofCache } from '../storage/proof-cache';
import type { ProofStore } from '../storage/proof-store';
import { decodeEvidenceBundle, type EvidenceBundle } from './evidence-bundle';
import { checkChainProofKey, type ChainProofKey } from './proof-key';
import type { ProofRepository, ReferenceWriter } from './proof.repository';
import type { ChainProofRecord, ProofRequestModeName, ProofRequestRecord } from './proof-records';
import { isServable, proofStatus, type ProofStatusName } from './proof-status';

/** Which networks and chains proofs may be asked for (the API validates before storing anything). */
export interface NetworkCatalog {
  /** Throws ProofServiceError `unknown_network` / `unknown_chain`. */
  checkChains(network: string, chainIds: readonly number[]): Promise<void>;
}

export interface ProofRequestInput extends ChainProofKey {
  readonly mode: ProofRequestModeName;
}

/** What a tenant sees of its proof. */
export interface ProofView {
  readonly id: string;
  readonly status: ProofStatusName;
  /** When the next state is expected (waiting states), ISO-8601. */
  readonly eta: string | null;
  readonly network: string;
  readonly chainId: number;
  readonly requestKey: string;
  readonly targetChainId: number;
  readonly kind: 'TX' | 'TXOUT';
  readonly mode: ProofRequestModeName;
  readonly createdAt: string;
  readonly completedAt: string | null;
  /** When the proof's root leaves the SPV root window (null: never, on this network). */
  readonly expiresAt: string | null;
  readonly error: { readonly code: string; readonly message: string } | null;
  /** Present when the status carries a proof. */
  readonly proof?: {
    /** The `/pact/spv` answer's content: base64url of the proof JSON (a continuation's `proof`). */
    readonly encoded: string;
    readonly json: Readonly<Record<string, unknown>>;
    /** sha256 of the evidence bundle (hex): its address, and the `proofHash` of provenance entries. */
    readonly bundleHash: string;
  };
}

export type ProofRequestOutcome =
  { readonly ready: true; readonly view: ProofView } | { readonly ready: false; readonly view: ProofView };

export interface ProofRequestServiceDeps {
  readonly repository: Pick<ProofRepository, 'createRequest' | 'findRequest' | 'issueReadyProof'>;
  readonly jobs: Pick<ProofJobProducer, 'generateProof'>;
  readonly store: Pick<ProofStore, 'getBlob' | 'putReference'>;
  readonly cache: Pick<ProofCache, 'get' | 'set'>;
  readonly catalog: NetworkCatalog;
  readonly clock: Clock;
  /** A ready proof whose root leaves the window within this is `expiring`. Default one day. */
  readonly expiringLeadMs?: number;
  /** Told when a job could not be enqueued (Redis away): the sweep re-nudges pending proofs. */
  readonly onEnqueueFailed?: (chainProofId: string, error: unknown) => void;
}

/**
 * The API's use cases for transaction SPV proofs: ask for a proof (served at once when a ready
 * version exists — a cached proof costs no generation — otherwise queued, one job per proof however
 * many tenants ask, at the best waiting plan's priority), read its state, read its evidence bundle.
 * Another tenant's proof is `not_found`.
 */
export class ProofRequestService {
  private readonly expiringLeadMs: number;

  constructor(private readonly deps: ProofRequestServiceDeps) {
    this.expiringLeadMs = deps.expiringLeadMs ?? 86_400_000;
  }

  async request(
    tenantId: string,
    input: ProofRequestInput,
    requestedByKeyId: string | null,
  ): Promise<ProofRequestOutcome> {
    const key = checkChainProofKey({
      network: input.network,
      chainId: input.chainId,
      requestKey: input.requestKey,
      targetChainId: input.targetChainId,
      kind: input.kind,
    });
    await this.deps.catalog.checkChains(key.network, [key.chainId, key.targetChainId]);
    const now = this.deps.clock.now();
    const created = await this.deps.repository.createRequest(
      tenantId,
      { key, mode: input.mode, requestedByKeyId },
      now,
    );
    if (created.chainProof.status === 'ready') {
      try {
        const issued = await this.deps.repository.issueReadyProof(
          created.chainProof.id,
          this.referenceWriter(),
          now,
          [created.request.id],
        );
        if (issued.length > 0) return { ready: true, view: await this.view(tenantId, created.request.id) };
      } catch (error) {
        if (!(error instanceof ProofServiceError && error.retryable)) throw error;
        // Storage is away: the worker issues it once it is back (the request stays pending).
      }
    }
    await this.enqueue(created.chainProof.id, created.plan);
    return { ready: false, view: await this.view(tenantId, created.request.id) };
  }

  /** The tenant's proof: its state, and the proof itself when it has one. */
  view(tenantId: string, requestId: string): Promise<ProofView> {
    return this.load(tenantId, requestId).then(({ request, chainProof }) => this.toView(request, chainProof));
  }

  /** The proof's evidence bundle, when the proof has one. */
  async bundle(
    tenantId: string,
    requestId: string,
  ): Promise<{ bundle: EvidenceBundle; bytes: Buffer; contentHash: Buffer; request: ProofRequestRecord }> {
    const { request, chainProof } = await this.load(tenantId, requestId);
    const status = proofStatus(request, chainProof, this.deps.clock.now(), this.expiringLeadMs);
    if (request.status !== 'completed' || !chainProof?.contentHash || !chainProof.s3Key) {
      throw new ProofServiceError('not_ready', `proof ${requestId} has no bundle (status ${status})`);
    }
    const bytes = await this.bundleBytes(chainProof);
    return {
      bundle: decodeEvidenceBundle(bytes).bundle,
      bytes,
      contentHash: chainProof.contentHash,
      request,
    };
  }

  private async load(tenantId: string, requestId: string) {
    const found = await this.deps.repository.findRequest(tenantId, requestId);
    if (!found) throw new ProofServiceError('not_found', `no proof ${requestId}`);
    return found;
  }

  private async toView(request: ProofRequestRecord, chainProof: ChainProofRecord | null): Promise<ProofView> {
    const now = this.deps.clock.now();
    const status = proofStatus(request, chainProof, now, this.expiringLeadMs);
    const waiting = status === 'waiting_inclusion' || status === 'waiting_reachability';
    const view: ProofView = {
      id: request.id,
      status,
      eta: waiting && chainProof?.etaAt ? chainProof.etaAt.toISOString() : null,
      network: request.key.network,
      chainId: request.key.chainId,
      requestKey: request.key.requestKey,
      targetChainId: request.key.targetChainId,
      kind: request.key.kind,
      mode: request.mode,
      createdAt: request.createdAt.toISOString(),
      completedAt: request.completedAt?.toISOString() ?? null,
      expiresAt: chainProof?.expiresAt?.toISOString() ?? null,
      error:
        status === 'failed' ? errorOf(request.lastError ?? chainProof?.lastError ?? 'proof_failed') : null,
    };
    if (!isServable(status) || !chainProof?.contentHash || !chainProof.s3Key) return view;
    const { bundle } = decodeEvidenceBundle(await this.bundleBytes(chainProof));
    return {
      ...view,
      proof: {
        encoded: bundle.proof.encoded,
        json: bundle.proof.json,
        bundleHash: chainProof.contentHash.toString('hex'),
      },
    };
  }

  /** Hot path: Redis; then object storage (re-warming the cache). */
  private async bundleBytes(chainProof: ChainProofRecord): Promise<Buffer> {
    const contentHash = chainProof.contentHash as Buffer;
    const cached = await this.deps.cache.get(contentHash);
    if (cached) return cached;
    const stored = await this.deps.store.getBlob(contentHash);
    if (!stored)
      throw new ProofServiceError(
        'not_ready',
        `the bundle of chain proof ${chainProof.id} is not in storage`,
      );
    await this.deps.cache.set(contentHash, stored);
    return stored;
  }

  private referenceWriter(): ReferenceWriter {
    return async (targets, chainProof) => {
      const keys = new Map<string, string>();
      for (const target of targets) {
        keys.set(
          target.requestId,
          await this.deps.store.putReference({
            tenantId: target.tenantId,
            contentHash: (chainProof.contentHash as Buffer).toString('hex'),
            byteSize: chainProof.byteSize ?? 0,
            referencedAt: this.deps.clock.now().toISOString(),
          }),
        );
      }
      return keys;
    };
  }

  private async enqueue(chainProofId: string, plan: PlanCodeName): Promise<void> {
    try {
      await this.deps.jobs.generateProof({ chainProofId }, plan);
    } catch (error) {
      // The request is stored: the proof sweep finds pending proofs without a job and re-nudges them.
      this.deps.onEnqueueFailed?.(chainProofId, error);
    }
  }
}

function errorOf(lastError: string): { code: string; message: string } {
  const match = /^([a-z_]+): (.*)$/s.exec(lastError);
  return match
    ? { code: match[1] as string, message: match[2] as string }
    : { code: 'proof_failed', message: lastError };
}
