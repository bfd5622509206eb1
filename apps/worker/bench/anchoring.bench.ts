/**
 * The worker's hot paths (`npm run bench -- anchoring`):
 * 1. ChainSelector: rendezvous choices per second over 10 and 20 chains (distinct keys; goal ≥ 200,000/s).
 * 2. planSeals over 50,000 pending events of one tenant.
 * 3. Sealing 10,000 received events in PostgreSQL into five 2,000-event batches (EventBatch roots,
 *    leaf indexes, one locked transaction) — goal < 2 s.
 * 4. Encoding every anchored event proof of a 2,000-event batch (inclusion proof + binary envelope
 *    around one TXOUT proof of realistic size) — goal < 200 ms.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  anchorEventProof,
  encodeAnchoredEventProofBinary,
  EventBatch,
  inputSubject,
  MerkleProofObject,
  spvProof,
} from '@spv-cloud/chainweb';
import { createDatabase } from '@spv-cloud/db';
import type { Logger } from '@spv-cloud/observability';
import { createTestDatabase, TestDataFactory } from '@spv-cloud/testing';
import { defineBench, measure } from '../../../tools/bench';
import type { AnchorChainGateway } from '../src/anchoring/anchor-chain.gateway';
import { BatchSealerRepository } from '../src/batching/batch-sealer.repository';
import { BatchSealer } from '../src/batching/batch-sealer.service';
import { ChainSelector } from '../src/batching/chain-selector';
import { planSeals, type PendingEvent } from '../src/batching/sealing-policy';
import { workerTestSettings } from '../test/support/worker-test-settings';

defineBench('worker/anchoring', async (bench) => {
  for (const chains of [10, 20]) {
    const keys = Array.from({ length: 20_000 }, (_, i) => `tenant\u0000rk\u0000customer-${i}-${chains}`);
    const run = await measure(() => {
      const selector = new ChainSelector(Array.from({ length: chains }, (_, i) => i));
      for (const key of keys) selector.select(key);
    });
    bench.report({
      metric: `ChainSelector choices over ${chains} chains`,
      value: keys.length / (run.medianMs / 1000),
      unit: 'keys/s',
      goal: { min: 200_000 },
    });
  }

  const now = new Date();
  const pending: PendingEvent[] = Array.from({ length: 50_000 }, (_, i) => ({
    id: `e${i}`,
    namespace: `ns${i % 3}`,
    routingKey: `k${i % 500}`,
    digestAlgorithm: 'sha256',
    createdAt: new Date(now.getTime() - 5_000 + i / 100),
  }));
  const selector = new ChainSelector([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const plan = await measure(() =>
    planSeals(
      pending,
      (event) => selector.select(event.routingKey!),
      { windowMs: 1_000, maxSize: 2_000 },
      now,
    ),
  );
  bench.report({
    metric: 'planSeals over 50,000 pending events',
    value: plan.medianMs,
    unit: 'ms',
    goal: { max: 100 },
  });

  const database = await createTestDatabase();
  const raw = new pg.Client({ connectionString: database.url });
  await raw.connect();
  const db = createDatabase(database.url, { poolSize: 2 });
  try {
    const tenant = await new TestDataFactory(db).tenant({ pinnedChainId: 3 });
    const sealer = new BatchSealer(
      new BatchSealerRepository(db),
      { chainIds: () => Promise.resolve([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) } as unknown as AnchorChainGateway,
      workerTestSettings({ batching: { windowMs: 1_000, maxSize: 2_000, scanLimit: 50_000 } }),
      { warn: () => undefined } as unknown as Logger,
    );
    const ids = Array.from({ length: 10_000 }, () => randomUUID()).sort();
    await raw.query(
      `INSERT INTO events (id, tenant_id, namespace, digest, created_at, updated_at)
       SELECT u.id, $1, 'default', u.digest, now() - interval '5 seconds', now() FROM unnest($2::uuid[], $3::bytea[]) AS u(id, digest)`,
      [tenant.id, ids, ids.map(() => randomBytes(32))],
    );
    const seal = await measure(() => sealer.seal(tenant.id), {
      warmup: 0,
      minRuns: 1,
      maxRuns: 1,
      minTimeMs: 0,
    });
    const { rows } = await raw.query(`SELECT count(*)::int AS n FROM batches WHERE tenant_id = $1`, [
      tenant.id,
    ]);
    bench.report({
      metric: `seal 10,000 events into ${rows[0].n} batches (PostgreSQL)`,
      value: seal.medianMs,
      unit: 'ms',
      goal: { max: 2_000 },
    });
  } finally {
    await raw.end();
    await db.close();
    await database.drop();
  }

  // A TXOUT proof of realistic size: a ~1 KB output and 20 steps.
  const tenantId = randomUUID();
  const batch = EventBatch.build({
    tenantId,
    namespace: 'default',
    digestAlgorithm: 'sha256',
    digests: Array.from({ length: 2_000 }, () => randomBytes(32)),
  });
  const subject = Buffer.concat([Buffer.from([0x00, 0x14]), randomBytes(1_000)]);
  const steps = Buffer.alloc(20 * 33);
  for (let i = 0; i < 20; i++) steps[i * 33] = i % 2;
  const anchor = spvProof(0, new MerkleProofObject(0n, steps), inputSubject(subject));
  const batchId = randomUUID();
  const encode = await measure(() => {
    for (let i = 0; i < batch.leafCount; i++)
      encodeAnchoredEventProofBinary(anchorEventProof(batch.eventProof(i), batchId, anchor));
  });
  bench.report({
    metric: 'encode every anchored proof of a 2,000-event batch',
    value: encode.medianMs,
    unit: 'ms',
    goal: { max: 200 },
  });
});
