import type { ProvenanceEntryInput } from '../provenance/provenance-entry';
import type { ChainProofKey } from '../proofs/proof-key';
import type { DeletionReceiptContent } from './deletion-receipt';
import type { RetentionPolicy } from './retention-policy';

/** A tenant as the sweeper sees it. */
export interface TenantRetention {
  readonly tenantId: string;
  readonly policy: RetentionPolicy;
}

/** A proof request past its retention. */
export interface ExpiredProofRequest {
  readonly id: string;
  readonly completed: boolean;
  readonly chainProofId: string | null;
  readonly bundleKey: string | null;
  /** completedAt, or createdAt for requests that never completed. */
  readonly issuedAt: Date;
}

/** One stored version of a proof (a chain proof row), with what its provenance entries need. */
export interface StoredProofVersion {
  readonly chainProofId: string;
  readonly key: ChainProofKey;
  readonly contentHash: Buffer | null;
  readonly s3Key: string | null;
  readonly nodeUrl: string | null;
  readonly chainwebVersion: string | null;
  readonly serviceVersion: string | null;
  readonly buildHash: string | null;
  readonly observedAt: Date | null;
}

/** A proof and its refresh lineage (every version refreshed from or into it). */
export interface ProofLineage {
  readonly key: ChainProofKey;
  /** Oldest first; the last is the version requests point at. */
  readonly versions: readonly StoredProofVersion[];
}

/** The database side of retention, one tenant at a time (RetentionRepository implements it over Prisma). */
export interface RetentionStore {
  /** Every tenant with its policy, held or not (the sweeper reports holds). */
  listTenants(): Promise<TenantRetention[]>;
  /**
   * Runs `work` in one transaction that holds the tenant's row lock (two sweepers never delete for
   * one tenant at once, and a legal hold set meanwhile waits for, then stops, the next batch).
   */
  inTenantTransaction<T>(tenantId: string, work: (tx: RetentionTransaction) => Promise<T>): Promise<T>;
}

export interface RetentionTransaction {
  /** The tenant's policy as of the lock (a hold set a moment ago counts). */
  currentPolicy(): Promise<RetentionPolicy>;
  /** Completed or failed requests issued before `cutoff`, oldest first. */
  expiredRequests(cutoff: Date, limit: number): Promise<ExpiredProofRequest[]>;
  /** Which of `bundleKeys` other requests of the tenant (not in `excluding`) still hold. */
  bundleKeysStillHeld(bundleKeys: readonly string[], excluding: readonly string[]): Promise<Set<string>>;
  /** The lineages of these chain proofs. */
  lineages(chainProofIds: readonly string[]): Promise<ProofLineage[]>;
  /** Takes the proof's advisory lock (the API's find-or-create takes it too). */
  lockProof(key: ChainProofKey): Promise<void>;
  /** Whether any request of any tenant, other than `excluding`, points into the lineage. */
  lineageStillHeld(lineage: ProofLineage, excluding: readonly string[]): Promise<boolean>;
  deleteRequests(ids: readonly string[]): Promise<number>;
  /** Marks versions as gone from storage (status expired, no key); they are regenerated if asked again. */
  markVersionsDeleted(chainProofIds: readonly string[]): Promise<void>;
  insertReceipt(receipt: DeletionReceiptContent, signature: Buffer, signingKeyId: string): Promise<void>;
  appendProvenance(entries: readonly ProvenanceEntryInput[], recordedAt: Date): Promise<void>;
}
