import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineBench } from '../../../tools/bench';
import { type RunningDevnet, startDevnet } from '../src';
import {
  newKeyPair,
  pollUntil,
  send,
  signedCommand,
  type SignedCommand,
} from '../test/support/devnet-test-kit';

/**
 * The devnet's Pact intake and block production, over HTTP from the same process (the client side
 * only sends pre-signed commands and polls):
 * - commands accepted per second by /send (JSON shape, BLAKE2b hash, ED25519 signature, duplicate
 *   and metadata checks, mempool), one command per request and 50 per request, 8 requests in flight;
 * - the time from a successful /send until /poll returns the result, at 1 s and 250 ms block times,
 *   sending at phases spread over the block interval (expected: about half a block time in the
 *   mean, at most one block time plus polling).
 */
const COMMANDS = 1500;
const IN_FLIGHT = 8;
const BATCH = 50;

async function withDevnet<T>(
  blockTimeMs: number,
  run: (devnet: RunningDevnet, api: string) => Promise<T>,
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'spv-devnet-bench-'));
  const devnet = await startDevnet({ port: 0, dataDir, blockTimeMs });
  try {
    return await run(devnet, `${devnet.url}/chainweb/0.0/development`);
  } finally {
    await devnet.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Sends every command of `batches` (each batch one request, all for `chainId`), IN_FLIGHT at a time. */
async function sendAll(api: string, chainId: number, batches: readonly SignedCommand[][]): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < batches.length) {
        const answer = await send(api, chainId, batches[next++]!);
        if (answer.status !== 200) throw new Error(`send failed: ${answer.text}`);
      }
    }),
  );
  return performance.now() - started;
}

async function sendToPollable(
  devnet: RunningDevnet,
  api: string,
  blockTimeMs: number,
  samples: number,
  key: ReturnType<typeof newKeyPair>,
): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const command = signedCommand({ code: `(+ ${i} 1)`, chainId: 2, signers: [{ key }] });
    // Send at spread phases of the block interval (golden-ratio steps after a new cut), so the
    // samples cover the interval instead of all landing just after a block.
    await devnet.waitForHeight(devnet.height() + 1);
    await new Promise((r) => setTimeout(r, blockTimeMs * ((i * 0.618) % 1)));
    const answer = await send(api, 2, [command]);
    if (answer.status !== 200) throw new Error(`send failed: ${answer.text}`);
    const sentAt = performance.now();
    await pollUntil(api, 2, [command.hash], 10_000);
    latencies.push(performance.now() - sentAt);
  }
  return latencies.sort((a, b) => a - b);
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

defineBench('devnet', async (bench) => {
  const key = newKeyPair();
  const commands = (chainId: number) =>
    Array.from({ length: COMMANDS }, (_, i) =>
      signedCommand({ code: `(+ ${i} 0)`, chainId, signers: [{ key }] }),
    );
  const single = commands(0).map((c) => [c]);
  const batched = commands(1);
  const batches = Array.from({ length: COMMANDS / BATCH }, (_, i) =>
    batched.slice(i * BATCH, (i + 1) * BATCH),
  );
  const [singleMs, batchedMs] = await withDevnet(1000, async (_devnet, api) => [
    await sendAll(api, 0, single),
    await sendAll(api, 1, batches),
  ]);
  bench.report({
    metric: '/send commands accepted, 1 per request',
    value: (COMMANDS / singleMs) * 1000,
    unit: 'cmds/s',
    goal: { min: 200 },
    note: `${COMMANDS} signed commands, ${IN_FLIGHT} requests in flight; each validated (shape, BLAKE2b hash, ed25519, duplicates, metadata, TTL) and queued`,
  });
  bench.report({
    metric: `/send commands accepted, ${BATCH} per request`,
    value: (COMMANDS / batchedMs) * 1000,
    unit: 'cmds/s',
    goal: { min: 400 },
  });

  for (const [blockTimeMs, samples] of [
    [1000, 6],
    [250, 12],
  ] as const) {
    const latencies = await withDevnet(blockTimeMs, (devnet, api) =>
      sendToPollable(devnet, api, blockTimeMs, samples, key),
    );
    bench.report({
      metric: `send → pollable, mean (block time ${blockTimeMs} ms)`,
      value: mean(latencies),
      unit: 'ms',
      goal: { max: blockTimeMs * 0.75 },
      note: `${samples} commands sent at spread phases of the interval; /poll every 25 ms`,
    });
    bench.report({
      metric: `send → pollable, max (block time ${blockTimeMs} ms)`,
      value: latencies[latencies.length - 1]!,
      unit: 'ms',
      goal: { max: blockTimeMs + 200 },
    });
  }
});
