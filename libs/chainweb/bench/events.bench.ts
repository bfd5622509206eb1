/**
 * Event batches and proof envelopes (`npm run bench -- events`).
 *
 * 1. A 2,048-event batch: build (leaf encoding + tree), every event's proof, and both together
 *    (goal: all 2,048 proofs of a 2,048-event batch in < 20 ms).
 * 2. Verification throughput on that batch, one core: single `verifyEventProof` calls (12 SHA-512/256
 *    hashes each: the leaf and 11 levels) and `EventBatchVerifier` checking every proof of the batch
 *    against one root (goal ≥ 100,000 verifications/s). The raw hash rate is reported beside them:
 *    single verification cannot beat hashes/s ÷ 12.
 * 3. A real anchored event proof (TXOUT proof across 3 chains): full verification, and decoding from
 *    the JSON and binary forms.
 */
import { hash, randomFillSync } from 'node:crypto';
import { defineBench, measure } from '../../../tools/bench';
import { anchoredEventFixture } from '../test/anchored-event-fixtures';
import {
  buildEventBatch,
  decodeAnyProof,
  encodeAnchoredEventProofBinary,
  encodeAnchoredEventProofJson,
  EventBatchVerifier,
  verifyAnchoredEventProof,
  verifyEventProof,
  type EventInclusionProof,
  type EventScope,
} from '../src/index';

const EVENTS = 2048;
const SCOPE: EventScope = {
  tenantId: 'tenant-0f9c2a7e-4b1d-4e55-9a3c-6d2e8f1b7c40',
  namespace: 'orders',
  digestAlgorithm: 'sha256',
};

/** Runs `fn` (which performs `count` operations) repeatedly and returns operations per second. */
async function rate(count: number, fn: () => void): Promise<number> {
  const m = await measure(fn, { warmup: 2, minRuns: 10, minTimeMs: 1000 });
  return count / (m.medianMs / 1000);
}

defineBench('chainweb/events', async (bench) => {
  const digests = randomFillSync(Buffer.allocUnsafe(EVENTS * 32));

  const build = await measure(() => buildEventBatch({ ...SCOPE, digests }), { minRuns: 20 });
  bench.report({ metric: 'build 2,048-event batch (leaves + tree)', value: build.medianMs, unit: 'ms' });

  const batch = buildEventBatch({ ...SCOPE, digests });
  const proofs = await measure(() => batch.inclusionProofs(), { minRuns: 20 });
  bench.report({ metric: 'all 2,048 proofs of a built batch', value: proofs.medianMs, unit: 'ms' });

  const both = await measure(() => buildEventBatch({ ...SCOPE, digests }).inclusionProofs(), { minRuns: 20 });
  bench.report({
    metric: 'build + all 2,048 proofs of a 2,048-event batch',
    value: both.medianMs,
    unit: 'ms',
    goal: { max: 20 },
  });

  const input = randomFillSync(Buffer.allocUnsafe(65));
  const hashes = await rate(100_000, () => {
    for (let i = 0; i < 100_000; i++) hash('sha512-256', input, 'buffer');
  });
  bench.report({ metric: 'raw SHA-512/256, 65-byte input (ceiling)', value: hashes, unit: 'hashes/s' });

  const eventProofs: EventInclusionProof[] = batch.inclusionProofs().map((inclusion, i) => ({
    event: batch.event(i),
    batch: { root: batch.root, leafCount: EVENTS },
    inclusion,
  }));
  const single = await rate(EVENTS, () => {
    for (const proof of eventProofs) if (!verifyEventProof(proof).valid) throw new Error('a proof failed');
  });
  bench.report({
    metric: 'verifyEventProof, one proof at a time (2,048 batch)',
    value: single,
    unit: 'proofs/s',
    note: `12 hashes per proof: ceiling ≈ ${Math.round(hashes / 12).toLocaleString('en-US')}/s`,
  });

  const eventDigests = eventProofs.map((p) => p.event.digest);
  const inclusions = eventProofs.map((p) => p.inclusion);
  const batched = await rate(EVENTS, () => {
    const verifier = new EventBatchVerifier(SCOPE, { root: batch.root, leafCount: EVENTS });
    for (let i = 0; i < EVENTS; i++) {
      if (!verifier.verify(i, eventDigests[i]!, inclusions[i]!)) throw new Error('a proof failed');
    }
  });
  bench.report({
    metric: 'EventBatchVerifier, every proof of a 2,048 batch',
    value: batched,
    unit: 'proofs/s',
    goal: { min: 100_000 },
  });

  const fixture = await anchoredEventFixture({ eventCount: EVENTS, sourceChain: 0, targetChain: 1 });
  const anchored = fixture.proof(1234);
  const anchoredRate = await rate(1000, () => {
    for (let i = 0; i < 1000; i++)
      if (!verifyAnchoredEventProof(anchored).valid) throw new Error('anchored proof failed');
  });
  bench.report({
    metric: 'verifyAnchoredEventProof (2,048 batch, 3-hop TXOUT proof)',
    value: anchoredRate,
    unit: 'proofs/s',
  });

  const json = encodeAnchoredEventProofJson(anchored);
  const binary = encodeAnchoredEventProofBinary(anchored);
  const fromJson = await rate(1000, () => {
    for (let i = 0; i < 1000; i++) decodeAnyProof(json);
  });
  bench.report({
    metric: 'decodeAnyProof, anchored JSON',
    value: fromJson,
    unit: 'proofs/s',
    note: `${json.length} bytes`,
  });
  const fromBinary = await rate(1000, () => {
    for (let i = 0; i < 1000; i++) decodeAnyProof(binary);
  });
  bench.report({
    metric: 'decodeAnyProof, anchored binary',
    value: fromBinary,
    unit: 'proofs/s',
    note: `${binary.length} bytes`,
  });
});
