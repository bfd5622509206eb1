import { generateKeyPairSync, hash, randomUUID, sign } from 'node:crypto';
import type { JobProducer } from '@spv-cloud/queue';
import type { AppLogger } from '../../platform/logging/logger.provider';
import type { EventsRepository, InsertEventsOutcome, NewEventRow } from './events.repository';
import { EventsService } from './events.service';
import { DEFAULT_EVENTS_SETTINGS, type EventsSettings } from './events.settings';
import { submitterSignedMessage } from './submitter-signature';
import { UuidV7Generator } from './uuid-v7.generator';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const TENANT = randomUUID();
const settings: EventsSettings = {
  ...DEFAULT_EVENTS_SETTINGS,
  queue: { redisUrl: 'redis://127.0.0.1:6379', prefix: 'x' },
};
const JSON_LIMITS = { maxEvents: 10_000, location: 'body.events' };
const hex = (bytes: number, fill = 0xab) => Buffer.alloc(bytes, fill).toString('hex');

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  return { raw, privateKey };
}

function setup(
  overrides: { algorithm?: unknown; outcome?: (rows: readonly NewEventRow[]) => InsertEventsOutcome } = {},
) {
  let stored: readonly NewEventRow[] = [];
  const repository = {
    digestAlgorithmSetting: jest.fn(() => Promise.resolve(overrides.algorithm ?? null)),
    findSubmitterKeys: jest.fn(() =>
      Promise.resolve([] as { id: string; publicKey: Uint8Array; revokedAt: Date | null }[]),
    ),
    insertEvents: jest.fn((_tenant: string, _algorithm: string, rows: readonly NewEventRow[]) => {
      stored = rows;
      return Promise.resolve<InsertEventsOutcome>(
        overrides.outcome?.(rows) ?? {
          kind: 'stored',
          events: rows.map((row) => ({ id: row.id, status: 'RECEIVED' as const, batchStatus: null })),
          insertedCount: rows.length,
        },
      );
    }),
  };
  const producer = { eventsReceived: jest.fn(() => Promise.resolve()) };
  const logger = { warn: jest.fn() };
  const service = new EventsService(
    repository as unknown as EventsRepository,
    new UuidV7Generator(() => NOW.getTime()),
    { now: () => NOW },
    producer as unknown as JobProducer,
    settings,
    logger as unknown as AppLogger,
  );
  return { service, repository, producer, logger, stored: () => stored };
}

describe('EventsService.ingest', () => {
  it('stores valid events and answers {id, status} in request order, then nudges the batcher once', async () => {
    const { service, repository, producer, stored } = setup();
    const response = await service.ingest(
      TENANT,
      [
        { digest: hex(32, 1) },
        {
          digest: hex(32, 2),
          namespace: 'orders',
          routingKey: 'eu',
          idempotencyKey: 'k-1',
          metadata: { a: 1 },
        },
      ],
      JSON_LIMITS,
    );
    expect(response.events).toHaveLength(2);
    expect(response.events.map((event) => event.status)).toEqual(['received', 'received']);
    expect(response.events.map((event) => event.id)).toEqual(stored().map((row) => row.id));
    expect(stored()[0]).toMatchObject({
      namespace: 'default',
      routingKey: null,
      idempotencyKey: null,
      metadataJson: '{}',
    });
    expect(stored()[1]).toMatchObject({
      namespace: 'orders',
      routingKey: 'eu',
      idempotencyKey: 'k-1',
      metadataJson: '{"a":1}',
    });
    expect(stored()[1]!.digest).toEqual(Buffer.alloc(32, 2));
    // ids count up in request order (UUIDv7 with a monotonic counter).
    expect([...stored().map((row) => row.id)].sort()).toEqual(stored().map((row) => row.id));
    expect(repository.insertEvents).toHaveBeenCalledWith(TENANT, 'sha256', expect.any(Array), {
      timeoutMs: settings.ingestTimeoutMs,
    });
    expect(producer.eventsReceived).toHaveBeenCalledTimes(1);
  });

  it("hashes `data` server-side with the tenant's algorithm", async () => {
    const { service, stored } = setup({ algorithm: 'sha3-256' });
    await service.ingest(TENANT, [{ data: 'hello' }, { data: 'hello', namespace: 'x' }], JSON_LIMITS);
    expect(stored()[0]!.digest).toEqual(hash('sha3-256', Buffer.from('hello'), 'buffer'));
    const sha512 = setup({ algorithm: 'sha512' });
    await sha512.service.ingest(TENANT, [{ data: 'hello', digest: undefined }], JSON_LIMITS);
    expect(sha512.stored()[0]!.digest).toHaveLength(64);
  });

  it('refuses a digest of the wrong length for the tenant algorithm, naming each field, and stores nothing', async () => {
    const { service, repository } = setup({ algorithm: 'sha512' });
    await expect(
      service.ingest(TENANT, [{ digest: hex(64) }, { digest: hex(32) }, { digest: hex(33) }], JSON_LIMITS),
    ).rejects.toMatchObject({
      code: 'digest_length_mismatch',
      status: 400,
      invalidParams: [
        { name: 'body.events.1.digest', reason: expect.stringContaining('sha512 digests are 64 bytes') },
        { name: 'body.events.2.digest', reason: expect.any(String) },
      ],
    });
    expect(repository.insertEvents).not.toHaveBeenCalled();
  });

  it('refuses malformed events with validation_failed naming the fields', async () => {
    const { service, repository } = setup();
    await expect(
      service.ingest(
        TENANT,
        [
          { digest: 'xyz' },
          { digest: hex(32), data: 'both' },
          {},
          { digest: hex(32), namespace: '../x' },
          { digest: hex(32), surprise: 1 },
        ],
        JSON_LIMITS,
      ),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      invalidParams: expect.arrayContaining([
        expect.objectContaining({ name: 'body.events.0.digest' }),
        expect.objectContaining({
          name: 'body.events.1.digest',
          reason: 'give exactly one of digest or data',
        }),
        expect.objectContaining({ name: 'body.events.2.digest' }),
        expect.objectContaining({ name: 'body.events.3.namespace' }),
        expect.objectContaining({ name: 'body.events.4' }),
      ]),
    });
    expect(repository.insertEvents).not.toHaveBeenCalled();
  });

  it('refuses too many events with 413 too_many_events and an empty list with validation_failed', async () => {
    const { service } = setup();
    const events = Array.from({ length: 3 }, () => ({ digest: hex(32) }));
    await expect(
      service.ingest(TENANT, events, { maxEvents: 2, location: 'body.events' }),
    ).rejects.toMatchObject({
      code: 'too_many_events',
      status: 413,
    });
    await expect(service.ingest(TENANT, [], JSON_LIMITS)).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('refuses an unusable tenant algorithm setting', async () => {
    const { service } = setup({ algorithm: 'md5' });
    await expect(service.ingest(TENANT, [{ digest: hex(16) }], JSON_LIMITS)).rejects.toMatchObject({
      code: 'digest_algorithm_unsupported',
    });
  });

  describe('submitter signatures', () => {
    const { raw, privateKey } = keyPair();
    const keyId = randomUUID();
    const digest = Buffer.alloc(32, 7);
    const signed = (
      overrides: { timestamp?: number; nonce?: string; digest?: Buffer; key?: typeof privateKey } = {},
    ) => {
      const timestamp = overrides.timestamp ?? NOW.getTime() - 1_000;
      const nonce = overrides.nonce ?? `nonce-${randomUUID()}`;
      const value = sign(
        null,
        submitterSignedMessage(overrides.digest ?? digest, timestamp, nonce),
        overrides.key ?? privateKey,
      ).toString('hex');
      return { digest: digest.toString('hex'), signature: { keyId, timestamp, nonce, value } };
    };
    const withKey = (revokedAt: Date | null = null) => {
      const context = setup();
      context.repository.findSubmitterKeys.mockResolvedValue([{ id: keyId, publicKey: raw, revokedAt }]);
      return context;
    };

    it('accepts a valid signature and stores it with its nonce expiry', async () => {
      const { service, stored } = withKey();
      const event = signed({ nonce: 'nonce-000001' });
      await service.ingest(TENANT, [event], JSON_LIMITS);
      expect(stored()[0]!.signature).toEqual({
        keyId,
        value: Buffer.from(event.signature.value, 'hex'),
        nonce: 'nonce-000001',
        signedAt: new Date(event.signature.timestamp),
        nonceExpiresAt: new Date(event.signature.timestamp + settings.signatureMaxSkewMs),
      });
    });

    it('refuses a signature over another digest, by another key, or with a flipped bit', async () => {
      const { service, repository } = withKey();
      const other = keyPair();
      const flipped = signed();
      flipped.signature.value =
        (flipped.signature.value.startsWith('0') ? '1' : '0') + flipped.signature.value.slice(1);
      await expect(
        service.ingest(
          TENANT,
          [signed({ digest: Buffer.alloc(32, 8) }), signed({ key: other.privateKey }), flipped],
          JSON_LIMITS,
        ),
      ).rejects.toMatchObject({
        code: 'signature_invalid',
        invalidParams: [0, 1, 2].map((i) =>
          expect.objectContaining({ name: `body.events.${i}.signature.value` }),
        ),
      });
      expect(repository.insertEvents).not.toHaveBeenCalled();
    });

    it('refuses unknown and revoked keys', async () => {
      const revoked = withKey(new Date(NOW.getTime() - 1));
      await expect(revoked.service.ingest(TENANT, [signed()], JSON_LIMITS)).rejects.toMatchObject({
        code: 'submitter_key_unknown',
        invalidParams: [expect.objectContaining({ name: 'body.events.0.signature.keyId' })],
      });
      const none = setup();
      await expect(none.service.ingest(TENANT, [signed()], JSON_LIMITS)).rejects.toMatchObject({
        code: 'submitter_key_unknown',
      });
    });

    it('refuses timestamps outside the skew window', async () => {
      const { service } = withKey();
      await expect(
        service.ingest(
          TENANT,
          [signed({ timestamp: NOW.getTime() - settings.signatureMaxSkewMs - 1 })],
          JSON_LIMITS,
        ),
      ).rejects.toMatchObject({
        code: 'signature_expired',
        invalidParams: [expect.objectContaining({ name: 'body.events.0.signature.timestamp' })],
      });
      await expect(
        service.ingest(
          TENANT,
          [signed({ timestamp: NOW.getTime() + settings.signatureMaxSkewMs + 1 })],
          JSON_LIMITS,
        ),
      ).rejects.toMatchObject({ code: 'signature_expired' });
    });

    it('refuses a nonce used twice in one request, and maps a stored replay to nonce_replayed', async () => {
      const { service } = withKey();
      await expect(
        service.ingest(
          TENANT,
          [signed({ nonce: 'same-nonce' }), signed({ nonce: 'same-nonce' })],
          JSON_LIMITS,
        ),
      ).rejects.toMatchObject({
        code: 'nonce_replayed',
        status: 409,
        invalidParams: [expect.objectContaining({ name: 'body.events.1.signature.nonce' })],
      });
      const replay = setup({ outcome: () => ({ kind: 'nonce_replayed', positions: [0] }) });
      replay.repository.findSubmitterKeys.mockResolvedValue([{ id: keyId, publicKey: raw, revokedAt: null }]);
      await expect(replay.service.ingest(TENANT, [signed()], JSON_LIMITS)).rejects.toMatchObject({
        code: 'nonce_replayed',
        invalidParams: [expect.objectContaining({ name: 'body.events.0.signature.nonce' })],
      });
      expect(replay.producer.eventsReceived).not.toHaveBeenCalled();
    });
  });

  it('maps an idempotency conflict to 409 naming the key field', async () => {
    const { service } = setup({ outcome: () => ({ kind: 'idempotency_conflict', positions: [1] }) });
    await expect(
      service.ingest(TENANT, [{ digest: hex(32) }, { digest: hex(32, 3), idempotencyKey: 'k' }], JSON_LIMITS),
    ).rejects.toMatchObject({
      code: 'idempotency_key_conflict',
      status: 409,
      invalidParams: [expect.objectContaining({ name: 'body.events.1.idempotencyKey' })],
    });
  });

  it('reports stored events of a retried request with their current status, and does not nudge', async () => {
    const { service, producer } = setup({
      outcome: (rows) => ({
        kind: 'stored',
        events: rows.map((row) => ({
          id: `old-${row.idempotencyKey}`,
          status: 'BATCHED',
          batchStatus: 'SUBMITTED',
        })),
        insertedCount: 0,
      }),
    });
    const response = await service.ingest(TENANT, [{ digest: hex(32), idempotencyKey: 'a' }], JSON_LIMITS);
    expect(response.events).toEqual([{ id: 'old-a', status: 'submitted' }]);
    expect(producer.eventsReceived).not.toHaveBeenCalled();
  });

  it('keeps the events when the batcher cannot be nudged (they are durable; the sweep finds them)', async () => {
    const { service, producer, logger } = setup();
    producer.eventsReceived.mockRejectedValue(new Error('redis down'));
    await expect(service.ingest(TENANT, [{ digest: hex(32) }], JSON_LIMITS)).resolves.toMatchObject({
      events: [{ status: 'received' }],
    });
    expect(logger.warn).toHaveBeenCalled();
  });
});
