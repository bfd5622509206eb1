import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import pg from 'pg';
import { JobIds, QueueName } from '@spv-cloud/queue';
import { ApiTestEnvironment, TEST_REDIS_URL, type ApiUnderTest } from './support/api-test-app';
import { addMember, createKey, expectProblem, signUp, type Session } from './support/fixtures';

describe('webhook endpoints, deliveries and replays', () => {
  let env: ApiTestEnvironment;
  let api: ApiUnderTest;
  let raw: pg.Client;
  let owner: Session;

  beforeAll(async () => {
    env = await ApiTestEnvironment.create();
    api = await env.start();
    raw = new pg.Client({ connectionString: env.database.url });
    await raw.connect();
    owner = await signUp(api, 'hooks-owner');
  });

  afterAll(async () => {
    await raw?.end();
    await env?.close();
  });

  it('registers an endpoint, shows its secret once, lists it, deletes it', async () => {
    const created = await api.request('POST', '/v1/webhooks', {
      token: owner.accessToken,
      body: { url: 'https://hooks.example/spv', eventTypes: ['batch.confirmed'], description: 'ops' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      url: 'https://hooks.example/spv',
      eventTypes: ['batch.confirmed'],
      enabled: true,
    });
    expect(created.body.signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const list = await api.request('GET', '/v1/webhooks', { token: owner.accessToken });
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
    expect(list.text).not.toContain(created.body.signingSecret);
    expect(
      (await api.request('DELETE', `/v1/webhooks/${created.body.id}`, { token: owner.accessToken })).status,
    ).toBe(204);
    expectProblem(
      await api.request('DELETE', `/v1/webhooks/${created.body.id}`, { token: owner.accessToken }),
      404,
      'webhook_not_found',
    );
  });

  it('refuses bad URLs, unknown types, developers and API keys', async () => {
    expectProblem(
      await api.request('POST', '/v1/webhooks', {
        token: owner.accessToken,
        body: { url: 'ftp://x', eventTypes: [] },
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await api.request('POST', '/v1/webhooks', {
        token: owner.accessToken,
        body: { url: 'https://x.example', eventTypes: ['nope'] },
      }),
      400,
      'validation_failed',
    );
    const developer = await addMember(api, owner, 'developer');
    expectProblem(
      await api.request('POST', '/v1/webhooks', {
        token: developer.accessToken,
        body: { url: 'https://x.example' },
      }),
      403,
      'forbidden',
    );
    const key = await createKey(api, owner, ['proofs:read']);
    expectProblem(await api.request('GET', '/v1/webhooks', { token: key.key }), 403, 'forbidden');
  });

  it('lists deliveries and replays one: pending again, fresh attempts, queued under its deterministic id', async () => {
    const endpoint = await api.request('POST', '/v1/webhooks', {
      token: owner.accessToken,
      body: { url: 'https://hooks.example/r' },
    });
    const deliveryId = randomUUID();
    await raw.query(
      `INSERT INTO webhook_deliveries (id, tenant_id, endpoint_id, event_type, dedup_key, payload, status, attempts, last_error)
       VALUES ($1, $2, $3, 'batch.confirmed', $4, '{"batchId":"b"}', 'dead', 12, 'HTTP 503')`,
      [deliveryId, owner.tenantId, endpoint.body.id, `batch.confirmed:${randomUUID()}:B`],
    );
    const page = await api.request('GET', `/v1/webhooks/${endpoint.body.id}/deliveries`, {
      token: owner.accessToken,
    });
    expect(page.body.items).toEqual([
      expect.objectContaining({ id: deliveryId, status: 'dead', attempts: 12, lastError: 'HTTP 503' }),
    ]);
    const replay = await api.request('POST', `/v1/webhooks/deliveries/${deliveryId}/replay`, {
      token: owner.accessToken,
    });
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ id: deliveryId, status: 'pending', attempts: 0 });
    const queue = new Queue(QueueName.WebhookDelivery, {
      connection: { url: TEST_REDIS_URL },
      prefix: `${env.redisKeyPrefix.replace(/:+$/, '')}:bull`,
    });
    try {
      const job = await queue.getJob(JobIds.deliverWebhook(deliveryId));
      expect(job?.data).toEqual({ tenantId: owner.tenantId, deliveryId });
    } finally {
      await queue.close();
    }
    const other = await signUp(api, 'hooks-other');
    expectProblem(
      await api.request('POST', `/v1/webhooks/deliveries/${deliveryId}/replay`, { token: other.accessToken }),
      404,
      'webhook_delivery_not_found',
    );
    expectProblem(
      await api.request('GET', `/v1/webhooks/${endpoint.body.id}/deliveries`, { token: other.accessToken }),
      404,
      'webhook_not_found',
    );
  });
});
