import { existsSync } from 'node:fs';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { startS3Server, type S3Server } from './s3-server';

describe('startS3Server', () => {
  let server: S3Server;
  let s3: S3Client;

  beforeAll(async () => {
    server = await startS3Server({ bucket: 'spv-proofs' });
    s3 = new S3Client(server.clientConfig);
  });
  afterAll(async () => {
    s3?.destroy();
    await server?.stop();
  });

  it('stores and returns objects in its bucket', async () => {
    await s3.send(new PutObjectCommand({ Bucket: server.bucket, Key: 'a/proof.json', Body: '{"ok":true}' }));
    const object = await s3.send(new GetObjectCommand({ Bucket: server.bucket, Key: 'a/proof.json' }));
    await expect(object.Body?.transformToString()).resolves.toBe('{"ok":true}');
  });

  it('pages through ListObjectsV2 (needs the legacy OpenSSL provider)', async () => {
    for (let i = 0; i < 5; i++) {
      await s3.send(new PutObjectCommand({ Bucket: server.bucket, Key: `page/${i}`, Body: String(i) }));
    }
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2(
      { client: s3, pageSize: 2 },
      { Bucket: server.bucket, Prefix: 'page/' },
    )) {
      keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
    }
    expect(keys).toEqual(['page/0', 'page/1', 'page/2', 'page/3', 'page/4']);
    const first = await s3.send(
      new ListObjectsV2Command({ Bucket: server.bucket, Prefix: 'page/', MaxKeys: 2 }),
    );
    expect(first.IsTruncated).toBe(true);
  });

  it('stops and removes its temporary directory', async () => {
    const other = await startS3Server();
    expect(existsSync(other.directory)).toBe(true);
    await other.stop();
    await other.stop();
    expect(existsSync(other.directory)).toBe(false);
    await expect(fetch(other.endpoint)).rejects.toThrow();
  });

  it('refuses a bucket name s3rver would reject', async () => {
    await expect(startS3Server({ bucket: 'ab' })).rejects.toThrow(/invalid bucket/);
  });
});
