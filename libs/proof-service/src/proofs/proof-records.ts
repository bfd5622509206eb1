import type { PlanCodeName } from '@spv-cloud/queue';
import type { GenerationFacts } from './evidence-bundle';
import type { ChainProofKey } from './proof-key';

export type ChainProofStatus = 'pending' | 'ready' | 'failed' | 'expired';
export type ProofRequestStatusName = 'pending' | 'completed' | 'failed';
export type ProofRequestModeName = 'on_demand' | 'precompute';

/** A chain proof row: one SPV proof (one version of it), shared by every tenant that asked. */
export interface ChainProofRecord {
  readonly id: string;
  readonly key: ChainProofKey;
  readonly status: ChainProofStatus;
  readonly contentHash: Buffer | null;
  readonly s3Key: string | null;
  readonly byteSize: number | null;
  /** The block holding the transaction, once located. */
  readonly blockHash: string | null;
  readonly blockHeight: number | null;
  /** Height of the root header, once the transaction is located. */
  readonly targetHeight: number | null;
  readonly rootBlockHash: string | null;
  readonly etaAt: Date | null;
  readonly expiresAt: Date | null;
  readonly refreshedFromId: string | null;
  readonly lastError: string | null;
  /** Set once generated. */
  readonly facts: (Omit<GenerationFacts, 'crossCheck'> & { readonly crossCheck: string }) | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A tenant's request for a proof. */
export interface ProofRequestRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly key: ChainProofKey;
  readonly status: ProofRequestStatusName;
  readonly mode: ProofRequestModeName;
  readonly chainProofId: string | null;
  readonly bundleKey: string | null;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
}

/** A tenant waiting for a proof: what its priority and its bundle's hot tag depend on. */
export interface WaitingTenant {
  readonly tenantId: string;
  readonly requestId: string;
  readonly plan: PlanCodeName;
  readonly hotTtlDays: number;
}

/** Where a pending proof stands, as the worker last saw it. */
export interface WaitingState {
  readonly phase: 'inclusion' | 'reachability';
  readonly blockHash?: string;
  readonly blockHeight?: number;
  readonly targetHeight?: number;
  readonly etaAt: Date;
}

/** What a successful generation stores on its chain proof row. */
export interface GeneratedProof {
  readonly contentHash: Buffer;
  readonly s3Key: string;
  readonly byteSize: number;
  readonly blockHash: string;
  readonly blockHeight: number;
  readonly targetHeight: number;
  readonly rootBlockHash: string;
  readonly expiresAt: Date | null;
  readonly facts: GenerationFacts;
}

/** A request to hand the ready proof to: its tenant reference key is written before it completes. */
export interface IssueTarget {
  readonly requestId: string;
  readonly tenantId: string;
  /** `issued` for a new request, `refreshed` for one moved from the proof's previous version. */
  readonly action: 'issued' | 'refreshed';
}
