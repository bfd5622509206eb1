import { Inject, Injectable } from '@nestjs/common';
import type { BatchStatus, Database, EventStatus, ScopedTransaction } from '@spv-cloud/db';
import { DATABASE } from '../../platform/database/database.providers';

/** One validated event ready to be stored (its id minted by the service). */
export interface NewEventRow {
  readonly id: string;
  readonly namespace: string;
  readonly routingKey: string | null;
  readonly idempotencyKey: string | null;
  readonly digest: Buffer;
  /** JSON text of the metadata object. */
  readonly metadataJson: string;
  readonly signature: {
    readonly keyId: string;
    readonly value: Buffer;
    readonly nonce: string;
    readonly signedAt: Date;
    /** When the nonce may be forgotten (the timestamp check refuses the signature by then). */
    readonly nonceExpiresAt: Date;
  } | null;
}

/** Where an event stands, with its batch's status while it is batched. */
export interface EventState {
  readonly id: string;
  readonly status: EventStatus;
  readonly batchStatus: BatchStatus | null;
}

export type InsertEventsOutcome =
  | { readonly kind: 'stored'; readonly events: readonly EventState[]; readonly insertedCount: number }
  /** Positions whose idempotency key names a stored event with another digest or namespace. */
  | { readonly kind: 'idempotency_conflict'; readonly positions: readonly number[] }
  /** Positions whose (submitter key, nonce) was used before. */
  | { readonly kind: 'nonce_replayed'; readonly positions: readonly number[] };

export interface EventRecord {
  readonly id: string;
  readonly namespace: string;
  readonly digestAlgorithm: string;
  readonly digest: Uint8Array;
  readonly status: EventStatus;
  readonly batchId: string | null;
  readonly createdAt: Date;
  readonly anchoredAt: Date | null;
  readonly batch: {
    readonly status: BatchStatus;
    readonly sealedAt: Date | null;
    readonly submittedAt: Date | null;
    readonly confirmedAt: Date | null;
  } | null;
}

export interface SubmitterKeyRecord {
  readonly id: string;
  readonly publicKey: Uint8Array;
  readonly revokedAt: Date | null;
}

/** Thrown inside the ingest transaction to roll it back; turned into an outcome outside. */
class IngestRollback extends Error {
  constructor(readonly outcome: Exclude<InsertEventsOutcome, { kind: 'stored' }>) {
    super(outcome.kind);
  }
}

interface InsertedRow {
  id: string;
}

interface ExistingRow {
  id: string;
  idempotency_key: string;
  digest: Uint8Array;
  namespace: string;
  status: EventStatus;
  batch_status: BatchStatus | null;
}

@Injectable()
export class EventsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** The tenant's `eventDigestAlgorithm` setting (null when unset). */
  async digestAlgorithmSetting(tenantId: string): Promise<unknown> {
    const rows = await this.database.tenant.run(
      tenantId,
      (tx) =>
        tx.$queryRaw<{ algorithm: unknown }[]>`
        SELECT settings -> 'eventDigestAlgorithm' AS algorithm FROM tenants WHERE id = ${tenantId}::uuid`,
    );
    return rows[0]?.algorithm ?? null;
  }

  findSubmitterKeys(tenantId: string, ids: readonly string[]): Promise<SubmitterKeyRecord[]> {
    return this.database.tenant.run(tenantId, (tx) =>
      tx.submitterKey.findMany({
        where: { tenantId, id: { in: [...ids] } },
        select: { id: true, publicKey: true, revokedAt: true },
      }),
    );
  }

  /**
   * Stores the events in one transaction: one multi-row INSERT … ON CONFLICT (tenant, idempotency
   * key) DO NOTHING, then the stored events of the keys that conflicted, then the used nonces of the
   * new signed events. Concurrent retries of one request serialise on the unique index, so each
   * event is stored once and every caller gets its id. A conflict that is not a retry (another
   * digest under the same key, a reused nonce) rolls everything back.
   */
  async insertEvents(
    tenantId: string,
    digestAlgorithm: string,
    rows: readonly NewEventRow[],
    options: { timeoutMs: number },
  ): Promise<InsertEventsOutcome> {
    try {
      return await this.database.tenant.run(
        tenantId,
        (tx) => this.insertInTransaction(tx, tenantId, digestAlgorithm, rows),
        { timeoutMs: options.timeoutMs, maxWaitMs: 5_000 },
      );
    } catch (error) {
      if (error instanceof IngestRollback) return error.outcome;
      throw error;
    }
  }

  private async insertInTransaction(
    tx: ScopedTransaction,
    tenantId: string,
    digestAlgorithm: string,
    rows: readonly NewEventRow[],
  ): Promise<InsertEventsOutcome> {
    const inserted = await tx.$queryRaw<InsertedRow[]>`
      INSERT INTO events (id, tenant_id, namespace, routing_key, idempotency_key, digest, digest_algorithm,
                          metadata, submitter_key_id, submitter_signature, submitter_nonce, submitter_signed_at,
                          created_at, updated_at)
      SELECT u.id, ${tenantId}::uuid, u.namespace, u.routing_key, u.idempotency_key, decode(u.digest, 'hex'),
             ${digestAlgorithm}, u.metadata::jsonb, u.key_id, decode(u.signature, 'hex'), u.nonce, u.signed_at,
             now(), now()
        FROM unnest(${rows.map((row) => row.id)}::uuid[],
                    ${rows.map((row) => row.namespace)}::text[],
                    ${rows.map((row) => row.routingKey)}::text[],
                    ${rows.map((row) => row.idempotencyKey)}::text[],
                    ${rows.map((row) => row.digest.toString('hex'))}::text[],
                    ${rows.map((row) => row.metadataJson)}::text[],
                    ${rows.map((row) => row.signature?.keyId ?? null)}::uuid[],
                    ${rows.map((row) => row.signature?.value.toString('hex') ?? null)}::text[],
                    ${rows.map((row) => row.signature?.nonce ?? null)}::text[],
                    ${rows.map((row) => row.signature?.signedAt.toISOString() ?? null)}::timestamptz[])
             WITH ORDINALITY AS u(id, namespace, routing_key, idempotency_key, digest, metadata, key_id,
                                  signature, nonce, signed_at, position)
       ORDER BY u.position
      ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
      RETURNING id`;
    const insertedIds = new Set(inserted.map((row) => row.id));

    const states = new Array<EventState>(rows.length);
    const pendingKeys = new Map<string, number[]>();
    rows.forEach((row, position) => {
      if (insertedIds.has(row.id)) {
        states[position] = { id: row.id, status: 'RECEIVED', batchStatus: null };
      } else if (row.idempotencyKey !== null) {
        const positions = pendingKeys.get(row.idempotencyKey) ?? [];
        positions.push(position);
        pendingKeys.set(row.idempotencyKey, positions);
      } else {
        // Only an idempotency key can make the insert skip a row.
        throw new Error('event row without idempotency key was not inserted');
      }
    });

    if (pendingKeys.size > 0) {
      const existing = await tx.$queryRaw<ExistingRow[]>`
        SELECT e.id, e.idempotency_key, e.digest, e.namespace,
               upper(e.status::text) AS status, upper(b.status::text) AS batch_status
          FROM events e
          LEFT JOIN batches b ON b.tenant_id = e.tenant_id AND b.id = e.batch_id
         WHERE e.tenant_id = ${tenantId}::uuid AND e.idempotency_key = ANY(${[...pendingKeys.keys()]}::text[])`;
      const byKey = new Map(existing.map((row) => [row.idempotency_key, row]));
      const conflicts: number[] = [];
      for (const [key, positions] of pendingKeys) {
        const stored = byKey.get(key);
        if (!stored) throw new Error(`idempotency key ${key} conflicted but no event holds it`);
        for (const position of positions) {
          const row = rows[position]!;
          if (!Buffer.from(stored.digest).equals(row.digest) || stored.namespace !== row.namespace) {
            conflicts.push(position);
          } else {
            states[position] = { id: stored.id, status: stored.status, batchStatus: stored.batch_status };
          }
        }
      }
      if (conflicts.length > 0) {
        throw new IngestRollback({
          kind: 'idempotency_conflict',
          positions: conflicts.sort((a, b) => a - b),
        });
      }
    }

    const signed = rows
      .map((row, position) => ({ row, position }))
      .filter(({ row }) => row.signature !== null && insertedIds.has(row.id));
    if (signed.length > 0) {
      const recorded = await tx.$queryRaw<{ submitter_key_id: string; nonce: string }[]>`
        INSERT INTO used_nonces (id, tenant_id, submitter_key_id, nonce, expires_at, created_at)
        SELECT u.id, ${tenantId}::uuid, u.key_id, u.nonce, u.expires_at, now()
          FROM unnest(${signed.map(({ row }) => row.id)}::uuid[],
                      ${signed.map(({ row }) => row.signature!.keyId)}::uuid[],
                      ${signed.map(({ row }) => row.signature!.nonce)}::text[],
                      ${signed.map(({ row }) => row.signature!.nonceExpiresAt.toISOString())}::timestamptz[])
               AS u(id, key_id, nonce, expires_at)
        ON CONFLICT (submitter_key_id, nonce) DO NOTHING
        RETURNING submitter_key_id, nonce`;
      if (recorded.length !== signed.length) {
        const fresh = new Set(recorded.map((row) => `${row.submitter_key_id}\n${row.nonce}`));
        const replayed = signed
          .filter(({ row }) => !fresh.has(`${row.signature!.keyId}\n${row.signature!.nonce}`))
          .map(({ position }) => position);
        throw new IngestRollback({ kind: 'nonce_replayed', positions: replayed });
      }
      await tx.$executeRaw`
        UPDATE submitter_keys SET last_used_at = now()
         WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${[...new Set(signed.map(({ row }) => row.signature!.keyId))]}::uuid[])`;
    }
    return { kind: 'stored', events: states, insertedCount: insertedIds.size };
  }

  find(tenantId: string, eventId: string): Promise<EventRecord | null> {
    return this.database.tenant.run(tenantId, (tx) =>
      tx.event.findFirst({
        where: { tenantId, id: eventId },
        select: {
          id: true,
          namespace: true,
          digestAlgorithm: true,
          digest: true,
          status: true,
          batchId: true,
          createdAt: true,
          anchoredAt: true,
          batch: { select: { status: true, sealedAt: true, submittedAt: true, confirmedAt: true } },
        },
      }),
    );
  }

  /** The newest ready proof of an event: its stored bytes (binary envelope). */
  async latestProofBytes(tenantId: string, eventId: string): Promise<Buffer | null> {
    const rows = await this.database.tenant.run(
      tenantId,
      (tx) =>
        tx.$queryRaw<{ content: Uint8Array }[]>`
        SELECT pb.content
          FROM event_proofs ep
          JOIN proof_blobs pb ON pb.tenant_id = ep.tenant_id AND pb.key = ep.s3_key
         WHERE ep.tenant_id = ${tenantId}::uuid AND ep.event_id = ${eventId}::uuid AND ep.status = 'ready'
         ORDER BY ep.created_at DESC
         LIMIT 1`,
    );
    const content = rows[0]?.content;
    return content ? Buffer.from(content) : null;
  }
}
