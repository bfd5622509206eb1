/* eslint-disable @typescript-eslint/require-await -- in-memory fakes implement async ports synchronously */
import { randomBytes, randomUUID } from 'node:crypto';
import { ChainClientError, type SignedPactCommand } from '@spv-cloud/chain-client';
import { anchorRecordToJson } from '@spv-cloud/chainweb';
import { MetricsRegistry, type Logger } from '@spv-cloud/observability';
import type { JobProducer } from '@spv-cloud/queue';
import { workerTestSettings } from '../../test/support/worker-test-settings';
import type {
  AnchorChainGateway,
  AnchorInclusion,
  AnchorRecordInput,
  AnchorSubmission,
} from './anchor-chain.gateway';
import type { AnchoringBatch, BatchAnchoringRepository } from './batch-anchoring.repository';
import type { WebhookDeliveryService } from '../webhooks/webhook-delivery.service';
import { BatchAnchoringService, submissionNonce } from './batch-anchoring.service';

const settings = workerTestSettings();
const TENANT = randomUUID();

/** An in-memory batch row with the repository's conditional transitions. */
class MemoryBatches {
  batch: AnchoringBatch;
  constructor(overrides: Partial<AnchoringBatch> = {}) {
    this.batch = {
      id: randomUUID(),
      tenantId: TENANT,
      status: 'SEALED',
      network: 'development',
      chainId: 3,
      root: new Uint8Array(randomBytes(32)),
      leafCount: 7,
      requestKey: null,
      blockHash: null,
      blockHeight: null,
      attempts: 0,
      submittedAt: null,
      lastError: null,
      ...overrides,
    };
  }
  repository(): BatchAnchoringRepository {
    const self = this; // eslint-disable-line @typescript-eslint/no-this-alias -- the fake's methods read and replace the row
    return {
      find: async () => ({ ...self.batch }),
      markSubmitted: async (
        _t: string,
        _b: string,
        s: { attempt: number; requestKey: string; submittedAt: Date },
      ) => {
        if (self.batch.status !== 'SEALED' || self.batch.attempts !== s.attempt - 1) return false;
        self.batch = {
          ...self.batch,
          status: 'SUBMITTED',
          attempts: s.attempt,
          requestKey: s.requestKey,
          submittedAt: s.submittedAt,
        };
        return true;
      },
      reopen: async (_t: string, _b: string, requestKey: string, reason: string) => {
        if (self.batch.status !== 'SUBMITTED' || self.batch.requestKey !== requestKey) return false;
        self.batch = { ...self.batch, status: 'SEALED', lastError: reason };
        return true;
      },
      recordInclusion: async (
        _t: string,
        _b: string,
        _rk: string,
        block: { hash: string; height: number },
      ) => {
        self.batch = { ...self.batch, blockHash: block.hash, blockHeight: BigInt(block.height) };
      },
      markConfirmed: async (
        _t: string,
        _b: string,
        requestKey: string,
        block: { hash: string; height: number },
      ) => {
        if (self.batch.status !== 'SUBMITTED' || self.batch.requestKey !== requestKey) return false;
        self.batch = {
          ...self.batch,
          status: 'CONFIRMED',
          blockHash: block.hash,
          blockHeight: BigInt(block.height),
        };
        return true;
      },
      markFailed: async (_t: string, _b: string, reason: string) => {
        self.batch = { ...self.batch, status: 'FAILED', lastError: reason };
      },
    } as unknown as BatchAnchoringRepository;
  }
}

/** A chain whose answers the test scripts. */
class ScriptedChain {
  sent: SignedPactCommand[] = [];
  built: AnchorSubmission[] = [];
  height = 100;
  canonical = new Map<number, string>();
  inclusions = new Map<string, AnchorInclusion>();
  sendError: Error | undefined;

  gateway(): AnchorChainGateway {
    const self = this; // eslint-disable-line @typescript-eslint/no-this-alias -- the fake's methods read the script
    return {
      chainIds: async () => [0, 1, 2, 3],
      recordBatchCommand: async (
        _n: string,
        _c: number,
        record: AnchorRecordInput,
        submission: AnchorSubmission,
      ) => {
        self.built.push(submission);
        const hash = `rk-${record.batchId.slice(0, 8)}-${submission.nonce.split(':').pop()}-${submission.creationTime.getTime()}`;
        return {
          hash,
          sigs: [{ sig: 'x' }],
          cmd: JSON.stringify({ record: { ...record, root: record.root.toString('hex') }, submission }),
        };
      },
      send: async (_n: string, _c: number, command: SignedPactCommand) => {
        if (self.sendError) throw self.sendError;
        self.sent.push(command);
        return 'sent' as const;
      },
      poll: async (_n: string, _c: number, requestKey: string) => self.inclusions.get(requestKey),
      chainHeight: async () => self.height,
      canonicalBlockHash: async (_n: string, _c: number, height: number) => self.canonical.get(height),
    } as unknown as AnchorChainGateway;
  }

  include(
    requestKey: string,
    batch: AnchoringBatch,
    at: { hash: string; height: number },
    data?: unknown,
  ): void {
    this.inclusions.set(requestKey, {
      status: 'success',
      data:
        data ??
        anchorRecordToJson({
          tenantId: batch.tenantId,
          batchId: batch.id,
          root: Buffer.from(batch.root!),
          leafCount: batch.leafCount,
        }),
      blockHash: at.hash,
      blockHeight: at.height,
    });
    this.canonical.set(at.height, at.hash);
  }
}

function setup(batchOverrides: Partial<AnchoringBatch> = {}) {
  const batches = new MemoryBatches(batchOverrides);
  const chain = new ScriptedChain();
  let now = new Date('2026-11-25T12:00:00.400Z').getTime();
  const producer = { buildBatchProofs: jest.fn(() => Promise.resolve()) };
  const webhooks = { notify: jest.fn(() => Promise.resolve(1)) };
  const logger = { warn: jest.fn(), error: jest.fn() };
  const metrics = new MetricsRegistry('worker-test', { collectProcessMetrics: false });
  const service = new BatchAnchoringService(
    batches.repository(),
    chain.gateway(),
    producer as unknown as JobProducer,
    webhooks as unknown as WebhookDeliveryService,
    settings,
    { now: () => new Date(now) },
    logger as unknown as Logger,
    metrics,
  );
  const advance = () => service.advance(TENANT, batches.batch.id);
  return { batches, chain, producer, webhooks, logger, metrics, advance, tick: (ms: number) => (now += ms) };
}

describe('BatchAnchoringService', () => {
  it('submits a sealed batch signed for its record, in whole seconds, with a per-attempt nonce', async () => {
    const { batches, chain, advance } = setup();
    await expect(advance()).resolves.toEqual({
      kind: 'wait',
      delayMs: settings.anchoring.pollIntervalMs,
      reason: 'submitted',
    });
    expect(batches.batch).toMatchObject({
      status: 'SUBMITTED',
      attempts: 1,
      submittedAt: new Date('2026-11-25T12:00:00.000Z'),
    });
    expect(chain.built).toEqual([
      { creationTime: new Date('2026-11-25T12:00:00.000Z'), nonce: submissionNonce(batches.batch.id, 1) },
    ]);
    expect(chain.sent.map((command) => command.hash)).toEqual([batches.batch.requestKey]);
  });

  it('follows the transaction to the confirmation depth on a canonical block, then queues the proofs', async () => {
    const { batches, chain, producer, webhooks, metrics, advance } = setup();
    await advance();
    const requestKey = batches.batch.requestKey!;
    // Not in a block yet: the same command is sent again (idempotent on the node), then polled.
    await expect(advance()).resolves.toMatchObject({ kind: 'wait', reason: 'submitted' });
    expect(chain.sent.map((command) => command.hash)).toEqual([requestKey, requestKey]);

    chain.include(requestKey, batches.batch, { hash: 'B'.repeat(43), height: 100 });
    chain.height = 101;
    await expect(advance()).resolves.toEqual({
      kind: 'wait',
      delayMs: settings.anchoring.blockTimeMs,
      reason: '1 confirmations',
    });
    expect(batches.batch).toMatchObject({
      status: 'SUBMITTED',
      blockHash: 'B'.repeat(43),
      blockHeight: 100n,
    });

    chain.height = 102;
    await expect(advance()).resolves.toEqual({ kind: 'done', outcome: 'confirmed' });
    expect(batches.batch).toMatchObject({ status: 'CONFIRMED', blockHash: 'B'.repeat(43) });
    expect(producer.buildBatchProofs).toHaveBeenCalledWith({
      tenantId: TENANT,
      batchId: batches.batch.id,
      blockHash: 'B'.repeat(43),
    });
    expect(webhooks.notify).toHaveBeenCalledWith(TENANT, [
      expect.objectContaining({
        type: 'batch.confirmed',
        dedupKey: `batch.confirmed:${batches.batch.id}:${'B'.repeat(43)}`,
        payload: expect.objectContaining({
          batchId: batches.batch.id,
          chainId: 3,
          height: 100,
          leafCount: 7,
        }),
      }),
    ]);
    expect(await metrics.render()).toMatch(/anchor_batches_confirmed_total\{.*chain="3".*\} 1/);
  });

  it('waits while the inclusion block is not (yet) canonical', async () => {
    const { batches, chain, advance } = setup();
    await advance();
    chain.include(batches.batch.requestKey!, batches.batch, { hash: 'B'.repeat(43), height: 90 });
    chain.canonical.set(90, 'C'.repeat(43));
    await expect(advance()).resolves.toMatchObject({ kind: 'wait', reason: 'block not canonical yet' });
    expect(batches.batch.status).toBe('SUBMITTED');
  });

  it('resubmits with a new nonce once a command outlived its TTL without inclusion (dropped)', async () => {
    const { batches, chain, advance, tick } = setup();
    await advance();
    const first = batches.batch.requestKey;
    tick(settings.anchoring.commandTtlSeconds * 1000 + 31_000);
    const step = await advance();
    expect(step).toMatchObject({ kind: 'wait', reason: expect.stringContaining('dropped') });
    expect(step.kind === 'wait' && step.delayMs).toBeGreaterThanOrEqual(
      settings.anchoring.submissionPolicy.baseDelayMs / 2,
    );
    expect(batches.batch).toMatchObject({
      status: 'SEALED',
      attempts: 1,
      lastError: expect.stringContaining('dropped'),
    });
    await advance();
    expect(batches.batch).toMatchObject({ status: 'SUBMITTED', attempts: 2 });
    expect(batches.batch.requestKey).not.toBe(first);
    expect(chain.built[1]!.nonce).toBe(submissionNonce(batches.batch.id, 2));
  });

  it('rebuilds the stored command byte for byte when it re-sends (crash between storing and sending)', async () => {
    const { chain, advance, tick } = setup();
    await advance();
    tick(5_000);
    await advance();
    expect(chain.built[1]).toEqual(chain.built[0]);
    expect(chain.sent[1]).toEqual(chain.sent[0]);
  });

  it('retries a refused or failed submission with backoff and gives up after the policy’s attempts (alert)', async () => {
    const { batches, chain, logger, metrics, advance } = setup();
    chain.sendError = new ChainClientError('invalid_command', 'Invalid transaction sigs');
    for (let attempt = 1; attempt <= settings.anchoring.submissionPolicy.maxAttempts - 1; attempt++) {
      await expect(advance()).resolves.toMatchObject({
        kind: 'wait',
        reason: expect.stringContaining('invalid_command'),
      });
      expect(batches.batch).toMatchObject({ status: 'SEALED', attempts: attempt });
    }
    await expect(advance()).resolves.toEqual({ kind: 'done', outcome: 'failed' });
    expect(batches.batch).toMatchObject({
      status: 'FAILED',
      lastError: expect.stringContaining('gave up after 3 submissions'),
    });
    expect(logger.error).toHaveBeenCalled();
    expect(await metrics.render()).toMatch(/anchor_batches_failed_total\{.*\} 1/);
    await expect(advance()).resolves.toEqual({ kind: 'done', outcome: 'failed' });
  });

  it('lets a transient node failure throw (the job retries with backoff) without burning a submission', async () => {
    const { batches, chain, advance } = setup();
    chain.sendError = new ChainClientError('unavailable', 'connection refused');
    await expect(advance()).rejects.toMatchObject({ code: 'unavailable' });
    expect(batches.batch).toMatchObject({ status: 'SUBMITTED', attempts: 1 });
    chain.sendError = undefined;
    await expect(advance()).resolves.toMatchObject({ kind: 'wait' });
    expect(chain.sent).toHaveLength(1);
    expect(batches.batch.attempts).toBe(1);
  });

  it('treats a failed transaction as a refused submission, and a foreign record as fatal', async () => {
    const failed = setup();
    await failed.advance();
    failed.chain.inclusions.set(failed.batches.batch.requestKey!, {
      status: 'failure',
      error: 'Batch already anchored',
      blockHash: 'B'.repeat(43),
      blockHeight: 5,
    });
    await expect(failed.advance()).resolves.toMatchObject({
      kind: 'wait',
      reason: expect.stringContaining('Batch already anchored'),
    });

    const foreign = setup();
    await foreign.advance();
    foreign.chain.include(
      foreign.batches.batch.requestKey!,
      foreign.batches.batch,
      { hash: 'B'.repeat(43), height: 5 },
      { hello: 1 },
    );
    await expect(foreign.advance()).resolves.toEqual({ kind: 'done', outcome: 'failed' });
    expect(foreign.batches.batch.lastError).toMatch(/no anchor record/);
  });

  it('does nothing for batches that are not in flight', async () => {
    for (const status of ['FAILED', 'SUPERSEDED', 'OPEN'] as const) {
      const { chain, advance } = setup({ status });
      await expect(advance()).resolves.toMatchObject({ kind: 'done' });
      expect(chain.sent).toHaveLength(0);
    }
    const confirmed = setup({ status: 'CONFIRMED', blockHash: 'H'.repeat(43) });
    await expect(confirmed.advance()).resolves.toEqual({ kind: 'done', outcome: 'confirmed' });
    expect(confirmed.producer.buildBatchProofs).toHaveBeenCalled();
  });
});
