import { PutBucketLifecycleConfigurationCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { applyBucketLifecycle, bucketLifecycleRules } from './bucket-lifecycle';
import { HOT_TTL_DAY_CHOICES } from './retention-policy';

// s3rver answers lifecycle configuration with 501, so the call itself is checked against a mocked client.
describe('bucket lifecycle', () => {
  const s3 = mockClient(S3Client);
  afterEach(() => s3.reset());
  afterAll(() => s3.restore());

  it('moves tagged blobs to the archive class after their hot days and never expires anything', () => {
    const rules = bucketLifecycleRules({ archiveStorageClass: 'STANDARD_IA' });
    expect(rules.map((rule) => rule.ID)).toEqual([
      'abort-incomplete-multipart-uploads',
      ...HOT_TTL_DAY_CHOICES.map((days) => `archive-blobs-after-${days}-days`),
    ]);
    for (const days of HOT_TTL_DAY_CHOICES) {
      expect(rules).toContainEqual({
        ID: `archive-blobs-after-${days}-days`,
        Status: 'Enabled',
        Filter: { And: { Prefix: 'blobs/sha256/', Tags: [{ Key: 'spv-hot-days', Value: String(days) }] } },
        Transitions: [{ Days: days, StorageClass: 'STANDARD_IA' }],
      });
    }
    expect(rules.some((rule) => rule.Expiration !== undefined)).toBe(false);
    expect(bucketLifecycleRules()[1]?.Transitions?.[0]?.StorageClass).toBe('GLACIER_IR');
  });

  it('puts the whole configuration on the bucket', async () => {
    s3.on(PutBucketLifecycleConfigurationCommand).resolves({});
    const client = new S3Client({ region: 'us-east-1' });
    await expect(applyBucketLifecycle(client, 'spv-proofs')).resolves.toBe('applied');
    const calls = s3.commandCalls(PutBucketLifecycleConfigurationCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      Bucket: 'spv-proofs',
      LifecycleConfiguration: { Rules: bucketLifecycleRules() },
    });
  });

  it('reports a store without lifecycle support (501 NotImplemented) instead of failing start-up', async () => {
    s3.on(PutBucketLifecycleConfigurationCommand).rejects(
      new S3ServiceException({
        name: 'NotImplemented',
        $fault: 'server',
        $metadata: { httpStatusCode: 501 },
        message: 'A header you provided implies functionality that is not implemented',
      }),
    );
    await expect(applyBucketLifecycle(new S3Client({ region: 'us-east-1' }), 'spv-proofs')).resolves.toBe(
      'unsupported',
    );
  });

  it('fails with a retryable storage_unavailable for any other error', async () => {
    s3.on(PutBucketLifecycleConfigurationCommand).rejects(
      new S3ServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'no',
      }),
    );
    await expect(
      applyBucketLifecycle(new S3Client({ region: 'us-east-1' }), 'spv-proofs'),
    ).rejects.toMatchObject({
      code: 'storage_unavailable',
      retryable: true,
    });
  });
});
