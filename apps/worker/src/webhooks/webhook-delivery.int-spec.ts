import { createHmac, randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '@spv-cloud/db';
import type { Logger } from '@spv-cloud/observability';
import type { JobProducer } from '@spv-cloud/queue';
import { createTestDatabase, TestDataFactory, type TestDatabase } from '@spv-cloud/testing';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import {
  MAX_DELIVERY_ATTEMPTS,
  WebhookAttemptFailed,
  WebhookDeliveryService,
} from './webhook-delivery.service';
import type { WebhookHttpClient } from './webhook-http.client';

describe('webhooks: deliveries recorded in PostgreSQL, signed POSTs, retries, dead letters', () => {
  let testDb: TestDatabase;
  let db: Database;
  let factory: TestDataFactory;
  const NOW = new Date('2026-11-25T12:00:00.000Z');
  const posts: { url: string; body: string; headers: Record<string, string> }[] = [];
  let answer: () => Promise<{ status: number; bodyExcerpt: string }> = () =>
    Promise.resolve({ status: 200, bodyExcerpt: 'ok' });
  const producer = { deliverWebhook: jest.fn(() => Promise.resolve()) };
  let service: WebhookDeliveryService;

  const endpoint = (tenantId: string, eventTypes: string[] = [], url = 'https://hooks.example/in') =>
    db.tenant.run(tenantId, (tx) =>
      tx.webhookEndpoint.create({
        data: { tenantId, url, eventTypes, signingSecret: `whsec_${randomUUID()}` },
      }),
    );
  const notice = (batchId: string) => ({
    type: 'batch.confirmed' as const,
    dedupKey: `batch.confirmed:${batchId}:B`,
    payload: { batchId },
  });

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDatabase(testDb.url, { poolSize: 3 });
    factory = new TestDataFactory(db);
    const http: WebhookHttpClient = {
      post: (url, body, headers) => {
        posts.push({ url, body, headers: { ...headers } });
        return answer();
      },
    };
    service = new WebhookDeliveryService(
      new WebhookDeliveriesRepository(db),
      producer as unknown as JobProducer,
      http,
      { now: () => NOW },
      { warn: jest.fn() } as unknown as Logger,
    );
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('records one delivery per subscribed endpoint and notice, however often it is raised', async () => {
    const tenant = await factory.tenant();
    await endpoint(tenant.id);
    await endpoint(tenant.id, ['batch.confirmed']);
    await endpoint(tenant.id, ['event.proof_ready']);
    const batchId = randomUUID();
    await expect(service.notify(tenant.id, [notice(batchId)])).resolves.toBe(2);
    await expect(service.notify(tenant.id, [notice(batchId)])).resolves.toBe(0);
    expect(producer.deliverWebhook).toHaveBeenCalledTimes(2);
    const other = await factory.tenant();
    await expect(service.notify(other.id, [notice(batchId)])).resolves.toBe(0);
  });

  it('POSTs the delivery signed with the endpoint secret over timestamp and body', async () => {
    const tenant = await factory.tenant();
    const hook = await endpoint(tenant.id);
    await service.notify(tenant.id, [notice(randomUUID())]);
    const delivery = await db.tenant.run(tenant.id, (tx) =>
      tx.webhookDelivery.findFirstOrThrow({ where: { tenantId: tenant.id } }),
    );
    posts.length = 0;
    await expect(service.deliver(tenant.id, delivery.id)).resolves.toBe('delivered');
    const [post] = posts;
    const t = Math.floor(NOW.getTime() / 1000);
    expect(post!.headers['spv-signature']).toBe(
      `t=${t},v1=${createHmac('sha256', hook.signingSecret).update(`${t}.${post!.body}`).digest('hex')}`,
    );
    expect(JSON.parse(post!.body)).toMatchObject({
      id: delivery.id,
      type: 'batch.confirmed',
      data: { batchId: expect.any(String) },
    });
    const stored = await db.tenant.run(tenant.id, (tx) =>
      tx.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } }),
    );
    expect(stored).toMatchObject({ status: 'SUCCEEDED', attempts: 1, responseStatus: 200, deliveredAt: NOW });
    await expect(service.deliver(tenant.id, delivery.id)).resolves.toBe('skipped');
  });

  it('throws on a failed attempt (the job retries with backoff) and gives up after the last one', async () => {
    const tenant = await factory.tenant();
    await endpoint(tenant.id);
    await service.notify(tenant.id, [notice(randomUUID())]);
    const delivery = await db.tenant.run(tenant.id, (tx) =>
      tx.webhookDelivery.findFirstOrThrow({ where: { tenantId: tenant.id } }),
    );
    answer = () => Promise.resolve({ status: 503, bodyExcerpt: 'busy' });
    for (let attempt = 1; attempt < MAX_DELIVERY_ATTEMPTS; attempt++) {
      await expect(service.deliver(tenant.id, delivery.id)).rejects.toThrow(WebhookAttemptFailed);
    }
    answer = () => Promise.reject(new Error('connect ECONNREFUSED'));
    await expect(service.deliver(tenant.id, delivery.id)).resolves.toBe('dead');
    const stored = await db.tenant.run(tenant.id, (tx) =>
      tx.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } }),
    );
    expect(stored).toMatchObject({
      status: 'DEAD',
      attempts: MAX_DELIVERY_ATTEMPTS,
      lastError: 'connect ECONNREFUSED',
    });
    const hook = await db.tenant.run(tenant.id, (tx) =>
      tx.webhookEndpoint.findFirstOrThrow({ where: { tenantId: tenant.id } }),
    );
    expect(hook.failureCount).toBe(MAX_DELIVERY_ATTEMPTS);
    answer = () => Promise.resolve({ status: 200, bodyExcerpt: 'ok' });
  });
});
