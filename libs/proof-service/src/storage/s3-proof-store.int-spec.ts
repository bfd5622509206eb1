import { GetObjectTaggingCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startS3Server, type S3Server } from '@spv-cloud/testing';
import { ProofServiceError } from '../proof-service.errors';
import { blobKey, sha256, tenantBundleKey } from './object-keys';
import { applyBucketLifecycle } from './bucket-lifecycle';
import { HOT_DAYS_TAG, S3ProofStore } from './s3-proof-store';

const TENANT_A = '018f0000-0000-7000-8000-00000000000a';
const TENANT_B = '018f0000-0000-7000-8000-00000000000b';

describe('S3ProofStore (s3rver over HTTP)', () => {
  let server: S3Server;
  let client: S3Client;
  let store: S3ProofStore;

  beforeAll(async () => {
    server = await startS3Server({ bucket: 'spv-proofs' });
    client = new S3Client({ ...server.clientConfig, maxAttempts: 1 });
    store = new S3ProofStore({ client, bucket: server.bucket });
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  const hotTag = async (key: string) =>
    (await client.send(new GetObjectTaggingCommand({ Bucket: server.bucket, Key: key }))).TagSet?.find(
      (tag) => tag.Key === HOT_DAYS_TAG,
    )?.Value;

  it('stores a blob at its sha256 address once, however often it is put', async () => {
    const bytes = Buffer.from('{"proof":"one"}');
    const first = await store.putBlob(bytes, { hotDays: 30 });
    expect(first).toMatchObject({ created: true, byteSize: bytes.length, key: blobKey(sha256(bytes)) });
    expect(first.contentHash).toEqual(sha256(bytes));
    expect(first.key).toMatch(/^blobs\/sha256\/[0-9a-f]{2}\/[0-9a-f]{64}$/);
    const second = await store.putBlob(bytes, { hotDays: 30 });
    expect(second.created).toBe(false);
    await expect(store.getBlob(first.contentHash)).resolves.toEqual(bytes);
    await expect(store.hasBlob(first.contentHash)).resolves.toBe(true);
  });

  it('tags a blob with its hot days and only ever raises the tag', async () => {
    const bytes = Buffer.from('{"proof":"tagged"}');
    const { key } = await store.putBlob(bytes, { hotDays: 30 });
    await expect(hotTag(key)).resolves.toBe('30');
    await store.putBlob(bytes, { hotDays: 7 });
    await expect(hotTag(key)).resolves.toBe('30');
    await store.putBlob(bytes, { hotDays: 90 });
    await expect(hotTag(key)).resolves.toBe('90');
  });

  it('keeps one blob for several tenants, each with its own reference under its prefix', async () => {
    const bytes = Buffer.from('{"proof":"shared"}');
    const blob = await store.putBlob(bytes, { hotDays: 7 });
    const at = '2026-01-01T00:00:00.000Z';
    const hex = blob.contentHash.toString('hex');
    const keyA = await store.putReference({
      tenantId: TENANT_A,
      contentHash: hex,
      byteSize: bytes.length,
      referencedAt: at,
    });
    const keyB = await store.putReference({
      tenantId: TENANT_B,
      contentHash: hex,
      byteSize: bytes.length,
      referencedAt: at,
    });
    expect(keyA).toBe(tenantBundleKey(TENANT_A, blob.contentHash));
    expect(keyA.startsWith(`tenants/${TENANT_A}/bundles/`)).toBe(true);
    expect(keyB.startsWith(`tenants/${TENANT_B}/bundles/`)).toBe(true);
    await expect(store.getReference(TENANT_A, blob.contentHash)).resolves.toEqual({
      version: 1,
      tenantId: TENANT_A,
      contentHash: hex,
      blobKey: blob.key,
      byteSize: bytes.length,
      referencedAt: at,
    });
    const listed: string[] = [];
    for await (const key of store.listTenantKeys(TENANT_B)) listed.push(key);
    expect(listed).toEqual([keyB]);
    const ofA: string[] = [];
    for await (const key of store.listTenantKeys(TENANT_A)) ofA.push(key);
    expect(ofA).toEqual([keyA]);
  });

  it('lists every key of a tenant and deletes them, missing keys included', async () => {
    const tenant = '018f0000-0000-7000-8000-0000000000cc';
    const keys: string[] = [];
    for (let i = 0; i < 7; i++) {
      const bytes = Buffer.from(`{"proof":"page ${i}"}`);
      const blob = await store.putBlob(bytes, { hotDays: 1 });
      keys.push(
        await store.putReference({
          tenantId: tenant,
          contentHash: blob.contentHash.toString('hex'),
          byteSize: bytes.length,
          referencedAt: '2026-01-01T00:00:00.000Z',
        }),
      );
    }
    const listed: string[] = [];
    for await (const key of store.listTenantKeys(tenant)) listed.push(key);
    expect(listed.sort()).toEqual([...keys].sort());
    await store.deleteKeys([...keys, `tenants/${tenant}/bundles/${'0'.repeat(64)}.json`]);
    const after: string[] = [];
    for await (const key of store.listTenantKeys(tenant)) after.push(key);
    expect(after).toEqual([]);
  });

  it('answers undefined for absent objects and deletes idempotently', async () => {
    const missing = sha256(Buffer.from('never stored'));
    await expect(store.getBlob(missing)).resolves.toBeUndefined();
    await expect(store.hasBlob(missing)).resolves.toBe(false);
    await expect(store.getReference(TENANT_A, missing)).resolves.toBeUndefined();
    const blob = await store.putBlob(Buffer.from('{"proof":"doomed"}'), { hotDays: 1 });
    await store.deleteBlob(blob.contentHash);
    await store.deleteBlob(blob.contentHash);
    await expect(store.hasBlob(blob.contentHash)).resolves.toBe(false);
  });

  it('refuses bytes that do not hash to their address (storage_corrupt)', async () => {
    const address = sha256(Buffer.from('the real content'));
    await client.send(
      new PutObjectCommand({ Bucket: server.bucket, Key: blobKey(address), Body: 'swapped content' }),
    );
    await expect(store.getBlob(address)).rejects.toMatchObject({ code: 'storage_corrupt' });
  });

  it('rejects bad arguments before any request', async () => {
    await expect(store.putBlob(Buffer.alloc(0), { hotDays: 1 })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    await expect(store.putBlob(Buffer.from('x'), { hotDays: 0 })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    await expect(store.getBlob(Buffer.alloc(31))).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(store.listTenantKeys('not-a-uuid')[Symbol.asyncIterator]().next()).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });

  it('reports that s3rver has no lifecycle configuration (501) instead of failing', async () => {
    await expect(applyBucketLifecycle(client, server.bucket)).resolves.toBe('unsupported');
  });

  it('reports an unreachable store as retryable storage_unavailable', async () => {
    const dead = new S3Client({ ...server.clientConfig, endpoint: 'http://127.0.0.1:1', maxAttempts: 1 });
    const offline = new S3ProofStore({ client: dead, bucket: server.bucket });
    try {
      for (const call of [
        () => offline.putBlob(Buffer.from('x'), { hotDays: 1 }),
        () => offline.getBlob(sha256(Buffer.from('x'))),
        () => offline.deleteKeys(['a']),
      ]) {
        const error = await call().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ProofServiceError);
        expect(error).toMatchObject({ code: 'storage_unavailable', retryable: true });
      }
    } finally {
      dead.destroy();
    }
  });
});
