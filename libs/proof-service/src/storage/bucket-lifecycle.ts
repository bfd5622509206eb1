import {
  PutBucketLifecycleConfigurationCommand,
  type LifecycleRule,
  type S3Client,
  type TransitionStorageClass,
} from '@aws-sdk/client-s3';
import { ProofServiceError } from '../proof-service.errors';
import { BLOB_PREFIX } from './object-keys';
import { HOT_TTL_DAY_CHOICES } from './retention-policy';
import { HOT_DAYS_TAG } from './s3-proof-store';

export interface BucketLifecycleOptions {
  /**
   * Where blobs go after their hot days. Instant-retrieval classes keep GET working (bundles stay
   * servable from the archive); GLACIER / DEEP_ARCHIVE would need a restore first.
   */
  readonly archiveStorageClass?: TransitionStorageClass;
}

/**
 * The bucket's lifecycle rules: move blobs tagged `spv-hot-days=<d>` to the archive class after d
 * days (one rule per hot TTL choice), and abort abandoned multipart uploads. There is deliberately
 * no expiration rule: deletion is the application's (legal holds, deletion receipts, provenance).
 */
export function bucketLifecycleRules(options: BucketLifecycleOptions = {}): LifecycleRule[] {
  const storageClass = options.archiveStorageClass ?? 'GLACIER_IR';
  return [
    {
      ID: 'abort-incomplete-multipart-uploads',
      Status: 'Enabled',
      Filter: { Prefix: '' },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
    },
    ...HOT_TTL_DAY_CHOICES.map((days): LifecycleRule => ({
      ID: `archive-blobs-after-${days}-days`,
      Status: 'Enabled',
      Filter: { And: { Prefix: BLOB_PREFIX, Tags: [{ Key: HOT_DAYS_TAG, Value: String(days) }] } },
      Transitions: [{ Days: days, StorageClass: storageClass }],
    })),
  ];
}

export type LifecycleOutcome = 'applied' | 'unsupported';

/**
 * Applies the rules at start (idempotent: PUT replaces the whole configuration). A store that does
 * not implement lifecycle configuration (s3rver answers 501) is reported, not fatal: retention is
 * enforced by the application's sweeper either way; only the storage-class transitions are lost.
 */
export async function applyBucketLifecycle(
  client: S3Client,
  bucket: string,
  options: BucketLifecycleOptions = {},
): Promise<LifecycleOutcome> {
  try {
    await client.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: bucket,
        LifecycleConfiguration: { Rules: bucketLifecycleRules(options) },
      }),
    );
    return 'applied';
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e?.name === 'NotImplemented' || e?.$metadata?.httpStatusCode === 501) return 'unsupported';
    throw new ProofServiceError(
      'storage_unavailable',
      `S3 PutBucketLifecycleConfiguration failed: ${e?.name ?? 'Error'}`,
      {
        retryable: true,
        cause: error,
      },
    );
  }
}
