/** A bundle blob as stored: its address and size. */
export interface StoredBlob {
  /** sha256 of the bytes: the blob's address. */
  readonly contentHash: Buffer;
  readonly key: string;
  readonly byteSize: number;
  /** false when the same bytes were already stored (another tenant, a retried job). */
  readonly created: boolean;
}

/** What a tenant's reference object says (JSON under the tenant's prefix). */
export interface TenantBundleReference {
  readonly version: 1;
  readonly tenantId: string;
  /** Hex sha256 of the blob. */
  readonly contentHash: string;
  readonly blobKey: string;
  readonly byteSize: number;
  /** ISO-8601: when the tenant was first issued this bundle. */
  readonly referencedAt: string;
}

export interface PutBlobOptions {
  /**
   * Days the blob stays in the hot storage class before the bucket's lifecycle moves it to the
   * archive class: the longest hot TTL of the tenants holding it (a shared blob is only ever raised).
   */
  readonly hotDays: number;
  readonly contentType?: string;
}

/**
 * Object storage for proof bundles (one code path over the S3 API: s3rver in tests and the quick
 * start, AWS S3 in production). Every method is idempotent, so a retried job converges; failures to
 * reach the store are ProofServiceError `storage_unavailable` (retryable).
 */
export interface ProofStore {
  /** Stores `bytes` at its content address unless already there; raises its hot-days tag if needed. */
  putBlob(bytes: Buffer, options: PutBlobOptions): Promise<StoredBlob>;
  /** The blob's bytes, checked against their address (`storage_corrupt` otherwise); undefined if absent. */
  getBlob(contentHash: Uint8Array): Promise<Buffer | undefined>;
  hasBlob(contentHash: Uint8Array): Promise<boolean>;
  /** Deletes the blob (no error if it is already gone). */
  deleteBlob(contentHash: Uint8Array): Promise<void>;
  /** Writes the tenant's reference to a stored blob; returns its key. */
  putReference(reference: Omit<TenantBundleReference, 'version' | 'blobKey'>): Promise<string>;
  getReference(tenantId: string, contentHash: Uint8Array): Promise<TenantBundleReference | undefined>;
  /** Deletes objects by key (references or blobs), in batches; missing keys are not an error. */
  deleteKeys(keys: readonly string[]): Promise<void>;
  /** Every key under the tenant's prefix. */
  listTenantKeys(tenantId: string): AsyncIterable<string>;
}
