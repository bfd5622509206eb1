import {
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { ProofServiceError } from '../proof-service.errors';
import { blobKey, checkTenantId, contentHashHex, sha256, tenantBundleKey, tenantPrefix } from './object-keys';
import type { ProofStore, PutBlobOptions, StoredBlob, TenantBundleReference } from './proof-store';

/** Object tag the bucket's lifecycle rules match to move a blob to the archive class (bucket-lifecycle.ts). */
export const HOT_DAYS_TAG = 'spv-hot-days';

export interface S3ProofStoreOptions {
  readonly client: S3Client;
  readonly bucket: string;
}

/**
 * ProofStore over the S3 API. Writes are check-then-put (HEAD before PUT) on content addresses, so
 * they are idempotent and a blob is uploaded once however many tenants are issued it; the hot-days
 * tag is written after the object (s3rver ignores tags sent with PUT) and only ever raised.
 */
export class S3ProofStore implements ProofStore {
  private readonly client: S3Client;
  readonly bucket: string;

  constructor(options: S3ProofStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
  }

  async putBlob(bytes: Buffer, options: PutBlobOptions): Promise<StoredBlob> {
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) {
      throw new ProofServiceError('invalid_argument', 'putBlob: expected non-empty bytes');
    }
    checkHotDays(options.hotDays);
    const contentHash = sha256(bytes);
    const key = blobKey(contentHash);
    const exists = await this.exists(key);
    if (!exists) {
      await this.call('PutObject', () =>
        this.client.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: key,
            Body: bytes,
            ContentType: options.contentType ?? 'application/json',
            Metadata: { sha256: contentHash.toString('hex') },
          }),
        ),
      );
    }
    await this.raiseHotDays(key, options.hotDays, exists);
    return { contentHash, key, byteSize: bytes.length, created: !exists };
  }

  async getBlob(contentHash: Uint8Array): Promise<Buffer | undefined> {
    const key = blobKey(contentHash);
    const bytes = await this.read(key);
    if (bytes === undefined) return undefined;
    if (!sha256(bytes).equals(Buffer.from(contentHash))) {
      throw new ProofServiceError('storage_corrupt', `object ${key} does not hash to its address`);
    }
    return bytes;
  }

  hasBlob(contentHash: Uint8Array): Promise<boolean> {
    return this.exists(blobKey(contentHash));
  }

  async deleteBlob(contentHash: Uint8Array): Promise<void> {
    await this.deleteKeys([blobKey(contentHash)]);
  }

  async putReference(reference: Omit<TenantBundleReference, 'version' | 'blobKey'>): Promise<string> {
    const contentHash = Buffer.from(reference.contentHash, 'hex');
    const key = tenantBundleKey(reference.tenantId, contentHash);
    const body: TenantBundleReference = {
      version: 1,
      tenantId: checkTenantId(reference.tenantId),
      contentHash: contentHashHex(contentHash),
      blobKey: blobKey(contentHash),
      byteSize: reference.byteSize,
      referencedAt: reference.referencedAt,
    };
    await this.call('PutObject', () =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: JSON.stringify(body),
          ContentType: 'application/json',
        }),
      ),
    );
    return key;
  }

  async getReference(tenantId: string, contentHash: Uint8Array): Promise<TenantBundleReference | undefined> {
    const key = tenantBundleKey(tenantId, contentHash);
    const bytes = await this.read(key);
    if (bytes === undefined) return undefined;
    try {
      return JSON.parse(bytes.toString('utf8')) as TenantBundleReference;
    } catch (error) {
      throw new ProofServiceError('storage_corrupt', `reference ${key} is not JSON`, { cause: error });
    }
  }

  async deleteKeys(keys: readonly string[]): Promise<void> {
    // One DeleteObject per key, in order: s3rver's multi-object delete removes keys concurrently and
    // races on cleaning up their directories (HTTP 500), and one code path must serve both stores.
    // Deleting a missing key succeeds, so a retried sweep converges.
    for (const key of keys) {
      await this.call('DeleteObject', () =>
        this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })),
      );
    }
  }

  async *listTenantKeys(tenantId: string): AsyncIterable<string> {
    const prefix = tenantPrefix(tenantId);
    try {
      for await (const page of paginateListObjectsV2(
        { client: this.client, pageSize: 1000 },
        { Bucket: this.bucket, Prefix: prefix },
      )) {
        for (const object of page.Contents ?? []) if (object.Key) yield object.Key;
      }
    } catch (error) {
      throw unavailable('ListObjectsV2', error);
    }
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw unavailable('HeadObject', error);
    }
  }

  private async read(key: string): Promise<Buffer | undefined> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const bytes = await object.Body?.transformToByteArray();
      return Buffer.from(bytes ?? new Uint8Array());
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw unavailable('GetObject', error);
    }
  }

  private async raiseHotDays(key: string, hotDays: number, existed: boolean): Promise<void> {
    if (existed) {
      const tagging = await this.call('GetObjectTagging', () =>
        this.client.send(new GetObjectTaggingCommand({ Bucket: this.bucket, Key: key })),
      );
      const current = Number(tagging.TagSet?.find((tag) => tag.Key === HOT_DAYS_TAG)?.Value ?? 0);
      if (Number.isFinite(current) && current >= hotDays) return;
    }
    await this.call('PutObjectTagging', () =>
      this.client.send(
        new PutObjectTaggingCommand({
          Bucket: this.bucket,
          Key: key,
          Tagging: { TagSet: [{ Key: HOT_DAYS_TAG, Value: String(hotDays) }] },
        }),
      ),
    );
  }

  private async call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw unavailable(operation, error);
    }
  }
}

function checkHotDays(days: number): void {
  if (!Number.isSafeInteger(days) || days < 1 || days > 36_500) {
    throw new ProofServiceError('invalid_argument', 'hotDays must be an integer in 1..36500');
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

function unavailable(operation: string, error: unknown): ProofServiceError {
  if (error instanceof ProofServiceError) return error;
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  return new ProofServiceError(
    'storage_unavailable',
    `S3 ${operation} failed: ${e?.name ?? 'Error'}${status ? ` (HTTP ${status})` : ''}`,
    { retryable: true, cause: error },
  );
}
