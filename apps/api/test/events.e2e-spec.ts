import { generateKeyPairSync, hash, randomBytes, randomUUID, sign } from 'node:crypto';
import pg from 'pg';
import { submitterSignedMessage } from '../src/modules/events/submitter-signature';
import { ApiTestEnvironment, type ApiUnderTest } from './support/api-test-app';
import { createKey, expectProblem, signUp, type Session } from './support/fixtures';

const digestHex = () => randomBytes(32).toString('hex');

describe('events API (REST + GraphQL) over real PostgreSQL and Redis', () => {
  let env: ApiTestEnvironment;
  let api: ApiUnderTest;
  let raw: pg.Client;
  let owner: Session;
  let writer: string;
  let reader: string;
  let otherTenantKey: string;

  const eventCount = async (tenantId: string) =>
    Number((await raw.query('SELECT count(*) FROM events WHERE tenant_id = $1', [tenantId])).rows[0].count);
  const submit = (token: string, events: unknown[]) =>
    api.request('POST', '/v1/events', { token, body: { events } });

  beforeAll(async () => {
    env = await ApiTestEnvironment.create();
    api = await env.start({ bodyLimitBytes: 2 * 1024 * 1024 });
    raw = new pg.Client({ connectionString: env.database.url });
    await raw.connect();
    owner = await signUp(api, 'events-owner');
    writer = (await createKey(api, owner, ['events:write', 'proofs:read'], 'writer')).key;
    reader = (await createKey(api, owner, ['proofs:read'], 'reader')).key;
    const other = await signUp(api, 'events-other');
    otherTenantKey = (await createKey(api, other, ['events:write', 'proofs:read'], 'other')).key;
  });

  afterAll(async () => {
    await raw?.end();
    await env?.close();
  });

  describe('accepted', () => {
    it('answers 202 with {id, status} in request order and stores the events durably', async () => {
      const digests = [digestHex(), digestHex(), digestHex()];
      const response = await submit(writer, [
        { digest: digests[0] },
        { digest: digests[1], namespace: 'orders', routingKey: 'eu-1', metadata: { order: 7 } },
        { data: 'hello world' },
      ]);
      expect(response.status).toBe(202);
      expect(response.body.events).toHaveLength(3);
      expect(response.body.events.every((event: { status: string }) => event.status === 'received')).toBe(
        true,
      );
      const ids = response.body.events.map((event: { id: string }) => event.id);
      const rows = (
        await raw.query(
          'SELECT id, digest, namespace, routing_key, metadata FROM events WHERE id = ANY($1) ORDER BY id',
          [ids],
        )
      ).rows;
      expect(rows.map((row) => row.id)).toEqual(ids);
      expect(rows.map((row) => row.digest.toString('hex'))).toEqual([
        digests[0],
        digests[1],
        hash('sha256', 'hello world', 'hex'),
      ]);
      expect(rows[1]).toMatchObject({ namespace: 'orders', routing_key: 'eu-1', metadata: { order: 7 } });
    });

    it('shows an event with its status and ETA; another tenant gets 404', async () => {
      const [event] = (await submit(writer, [{ digest: digestHex() }])).body.events;
      const view = await api.request('GET', `/v1/events/${event.id}`, { token: reader });
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({
        id: event.id,
        status: 'received',
        batchId: null,
        namespace: 'default',
        digestAlgorithm: 'sha256',
      });
      expect(Date.parse(view.body.eta)).toBeGreaterThan(Date.now());
      expectProblem(
        await api.request('GET', `/v1/events/${event.id}`, { token: otherTenantKey }),
        404,
        'event_not_found',
      );
      expectProblem(
        await api.request('GET', `/v1/events/${event.id}/proof`, { token: otherTenantKey }),
        404,
        'event_not_found',
      );
      expectProblem(
        await api.request('GET', `/v1/events/${event.id}/proof`, { token: reader }),
        409,
        'proof_not_ready',
      );
    });

    it('takes 10,000 events as JSON and larger uploads as NDJSON', async () => {
      const json = await submit(
        writer,
        Array.from({ length: 10_000 }, () => ({ digest: digestHex() })),
      );
      expect(json.status).toBe(202);
      expect(json.body.events).toHaveLength(10_000);
      const lines = Array.from({ length: 12_000 }, (_, i) =>
        JSON.stringify({ digest: digestHex(), routingKey: `k${i % 7}` }),
      ).join('\n');
      const ndjson = await api.request('POST', '/v1/events', {
        token: writer,
        rawBody: `${lines}\n`,
        contentType: 'application/x-ndjson',
      });
      expect(ndjson.status).toBe(202);
      expect(ndjson.body.events).toHaveLength(12_000);
      expect(new Set(ndjson.body.events.map((event: { id: string }) => event.id)).size).toBe(12_000);
    });

    it('stores each event once when the same request is sent three times at once', async () => {
      const events = Array.from({ length: 20 }, (_, i) => ({
        digest: digestHex(),
        idempotencyKey: `retry-${randomUUID()}-${i}`,
      }));
      const before = await eventCount(owner.tenantId);
      const responses = await Promise.all([
        submit(writer, events),
        submit(writer, events),
        submit(writer, events),
      ]);
      expect(responses.map((response) => response.status)).toEqual([202, 202, 202]);
      expect(await eventCount(owner.tenantId)).toBe(before + 20);
      expect(responses[1].body).toEqual(responses[0].body);
      expect(responses[2].body).toEqual(responses[0].body);
    });

    it('submits and reads events through GraphQL with the same service', async () => {
      const digest = digestHex();
      const submitted = await api.graphql(
        'mutation($events: [EventSubmissionInput!]!) { submitEvents(events: $events) { id status } }',
        { events: [{ digest, namespace: 'gql', metadataJson: '{"via":"graphql"}' }] },
        writer,
      );
      const [event] = submitted.body.data.submitEvents;
      expect(event.status).toBe('received');
      const read = await api.graphql(
        `{ event(id: "${event.id}") { id status namespace digest batchId } }`,
        {},
        reader,
      );
      expect(read.body.data.event).toEqual({
        id: event.id,
        status: 'received',
        namespace: 'gql',
        digest,
        batchId: null,
      });
      const wrong = await api.graphql(
        'mutation($events: [EventSubmissionInput!]!) { submitEvents(events: $events) { id } }',
        { events: [{ digest: 'abcd' }] },
        writer,
      );
      expect(wrong.body.errors[0].extensions).toMatchObject({
        code: 'digest_length_mismatch',
        invalidParams: [{ name: 'args.events.0.digest' }],
      });
    });
  });

  describe('refused with a 4xx naming the field, and nothing stored', () => {
    let before: number;
    beforeEach(async () => {
      before = await eventCount(owner.tenantId);
    });
    afterEach(async () => {
      expect(await eventCount(owner.tenantId)).toBe(before);
    });

    it('wrong digest length', async () => {
      const response = await submit(writer, [{ digest: digestHex() }, { digest: 'ab'.repeat(20) }]);
      expectProblem(response, 400, 'digest_length_mismatch');
      expect(response.body.invalidParams).toEqual([
        { name: 'body.events.1.digest', reason: expect.stringContaining('sha256 digests are 32 bytes') },
      ]);
    });

    it('too many events', async () => {
      expectProblem(
        await submit(
          writer,
          Array.from({ length: 10_001 }, () => ({ digest: '00'.repeat(32) })),
        ),
        413,
        'too_many_events',
      );
    });

    it('oversized body', async () => {
      expectProblem(
        await submit(writer, [{ digest: digestHex(), data: 'x'.repeat(3 * 1024 * 1024) }]),
        413,
        'payload_too_large',
      );
    });

    it('malformed events and NDJSON', async () => {
      const bad = await submit(writer, [
        { digest: digestHex(), namespace: '' },
        { digest: digestHex(), data: 'both' },
      ]);
      expectProblem(bad, 400, 'validation_failed');
      expect(bad.body.invalidParams.map((param: { name: string }) => param.name)).toEqual([
        'body.events.0.namespace',
        'body.events.1.digest',
      ]);
      const ndjson = await api.request('POST', '/v1/events', {
        token: writer,
        rawBody: `{"digest":"${digestHex()}"}\nnot json\n`,
        contentType: 'application/x-ndjson',
      });
      expectProblem(ndjson, 400, 'malformed_ndjson');
      expect(ndjson.body.invalidParams).toEqual([{ name: 'line 2', reason: 'is not valid JSON' }]);
      expectProblem(
        await api.request('POST', '/v1/events', { token: writer, body: { events: 'x' } }),
        400,
        'validation_failed',
      );
    });

    it('NDJSON to any other route is still 415', async () => {
      expectProblem(
        await api.request('POST', '/v1/api-keys', {
          token: owner.accessToken,
          rawBody: '{}\n',
          contentType: 'application/x-ndjson',
        }),
        415,
        'unsupported_media_type',
      );
    });

    it('a key without events:write', async () => {
      expectProblem(await submit(reader, [{ digest: digestHex() }]), 403, 'insufficient_scope');
    });

    it('an idempotency key reused for another digest', async () => {
      const key = `reuse-${randomUUID()}`;
      await submit(writer, [{ digest: digestHex(), idempotencyKey: key }]);
      before += 1;
      const response = await submit(writer, [
        { digest: digestHex() },
        { digest: digestHex(), idempotencyKey: key },
      ]);
      expectProblem(response, 409, 'idempotency_key_conflict');
      expect(response.body.invalidParams).toEqual([
        expect.objectContaining({ name: 'body.events.1.idempotencyKey' }),
      ]);
    });

    describe('submitter signatures', () => {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const publicHex = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
      let keyId: string;
      const signedEvent = (nonce: string, overrides: { timestamp?: number; digest?: string } = {}) => {
        const digest = overrides.digest ?? digestHex();
        const timestamp = overrides.timestamp ?? Date.now();
        const value = sign(
          null,
          submitterSignedMessage(Buffer.from(digest, 'hex'), timestamp, nonce),
          privateKey,
        ).toString('hex');
        return { digest, signature: { keyId, timestamp, nonce, value } };
      };

      beforeAll(async () => {
        const registered = await api.request('POST', '/v1/submitter-keys', {
          token: owner.accessToken,
          body: { name: 'pos terminal', publicKey: publicHex },
        });
        expect(registered.status).toBe(201);
        keyId = registered.body.id;
        expectProblem(
          await api.request('POST', '/v1/submitter-keys', {
            token: owner.accessToken,
            body: { name: 'again', publicKey: publicHex },
          }),
          409,
          'submitter_key_exists',
        );
      });

      it('bad signature', async () => {
        const event = signedEvent(`n-${randomUUID()}`);
        const response = await submit(writer, [{ ...event, digest: digestHex() }]);
        expectProblem(response, 400, 'signature_invalid');
        expect(response.body.invalidParams).toEqual([
          expect.objectContaining({ name: 'body.events.0.signature.value' }),
        ]);
      });

      it('replayed nonce (a valid signed event is stored once; its nonce cannot sign again)', async () => {
        const nonce = `n-${randomUUID()}`;
        expect((await submit(writer, [signedEvent(nonce)])).status).toBe(202);
        before += 1;
        const replay = await submit(writer, [signedEvent(`n-${randomUUID()}`), signedEvent(nonce)]);
        expectProblem(replay, 409, 'nonce_replayed');
        expect(replay.body.invalidParams).toEqual([
          expect.objectContaining({ name: 'body.events.1.signature.nonce' }),
        ]);
      });

      it('stale timestamp and unknown or revoked key', async () => {
        expectProblem(
          await submit(writer, [signedEvent(`n-${randomUUID()}`, { timestamp: Date.now() - 3_600_000 })]),
          400,
          'signature_expired',
        );
        const foreign = {
          ...signedEvent(`n-${randomUUID()}`),
          signature: { ...signedEvent('n-0000000').signature, keyId: randomUUID() },
        };
        expectProblem(await submit(writer, [foreign]), 400, 'submitter_key_unknown');
        const revoked = await api.request('POST', `/v1/submitter-keys/${keyId}/revoke`, {
          token: owner.accessToken,
        });
        expect(revoked.body.status).toBe('revoked');
        expectProblem(await submit(writer, [signedEvent(`n-${randomUUID()}`)]), 400, 'submitter_key_unknown');
      });
    });
  });
});
