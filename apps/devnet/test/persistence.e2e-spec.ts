import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBlockHeaderBase64Url } from '@spv-cloud/chainweb';
import { DevnetError, startDevnet } from '../src';
import { http, pollUntil, postJson, send, signedCommand } from './support/devnet-test-kit';

const api = (url: string) => `${url}/chainweb/0.0/development`;

async function headerHashesAt(url: string, height: number): Promise<string[]> {
  const hashes: string[] = [];
  for (let chainId = 0; chainId < 10; chainId++) {
    const page = (
      await http(`${api(url)}/chain/${chainId}/hash?minheight=${height}&maxheight=${height}`)
    ).json<{ items: string[] }>();
    hashes.push(page.items[0]!);
  }
  return hashes;
}

describe('devnet data directory', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'spv-devnet-persist-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('continues the same chain after a restart, with its transactions, and --reset starts a new one', async () => {
    const first = await startDevnet({ port: 0, dataDir, blockTimeMs: 40 });
    const command = signedCommand({ code: '(+ 1 1)', chainId: 5 });
    await send(api(first.url), 5, [command]);
    const result = (await pollUntil(api(first.url), 5, [command.hash]))[command.hash];
    await first.waitForHeight(result.metaData.blockHeight + 2);
    await first.close();
    const stoppedAt = first.height();
    const before = await (async () => {
      const again = await startDevnet({ port: 0, dataDir, blockTimeMs: 40 });
      try {
        expect(again.height()).toBe(stoppedAt);
        const hashes = await headerHashesAt(again.url, stoppedAt);
        // Same transaction result, same block.
        const polled = (
          await postJson(`${api(again.url)}/chain/5/pact/api/v1/poll`, { requestKeys: [command.hash] })
        ).json<Record<string, any>>();
        expect(polled[command.hash]).toEqual(result);
        // A duplicate of a logged transaction is still a duplicate.
        expect((await send(api(again.url), 5, [command])).status).toBe(400);
        // And it keeps mining on top of the restored heads.
        await again.waitForHeight(stoppedAt + 2);
        const next = decodeBlockHeaderBase64Url(
          (
            await http(
              `${api(again.url)}/chain/0/header?minheight=${stoppedAt + 1}&maxheight=${stoppedAt + 1}`,
            )
          ).json<{ items: string[] }>().items[0]!,
        );
        expect(next.parent.toString('base64url')).toBe(hashes[0]);
        return { hashes, height: again.height() };
      } finally {
        await again.close();
      }
    })();

    const reset = await startDevnet({ port: 0, dataDir, blockTimeMs: 40, reset: true });
    try {
      expect(reset.height()).toBe(0);
      await reset.waitForHeight(2);
      const fresh = await headerHashesAt(reset.url, 1);
      const old = before.hashes;
      expect(fresh).not.toEqual(old);
      expect(
        (
          await postJson(`${api(reset.url)}/chain/5/pact/api/v1/poll`, { requestKeys: [command.hash] })
        ).json(),
      ).toEqual({});
    } finally {
      await reset.close();
    }
  });

  it('drops a torn last line, refuses a chain of another size and a second devnet on the same directory', async () => {
    const first = await startDevnet({ port: 0, dataDir, blockTimeMs: 30 });
    await first.waitForHeight(3);
    await expect(startDevnet({ port: 0, dataDir })).rejects.toMatchObject({ code: 'data_dir_locked' });
    const otherDir = mkdtempSync(join(tmpdir(), 'spv-devnet-port-'));
    try {
      await expect(
        startDevnet({ port: Number(new URL(first.url).port), dataDir: otherDir }),
      ).rejects.toMatchObject({
        code: 'port_in_use',
      });
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
    await first.close();
    const height = first.height();
    appendFileSync(join(dataDir, 'blocks.ndjson'), '{"height":99,"blocks":[{"hea');

    await expect(startDevnet({ port: 0, dataDir, chains: 20 })).rejects.toBeInstanceOf(DevnetError);
    const again = await startDevnet({ port: 0, dataDir, blockTimeMs: 30 });
    try {
      expect(again.height()).toBe(height);
      await again.waitForHeight(height + 1);
    } finally {
      await again.close();
    }
    const lines = readFileSync(join(dataDir, 'blocks.ndjson'), 'utf8').split('\n');
    expect(lines[lines.length - 1]).toBe('');
    expect(lines.slice(0, -1).every((line) => JSON.parse(line).height >= 0)).toBe(true);
  });

  it('refuses a damaged block log with corrupt_data instead of serving it', async () => {
    const first = await startDevnet({ port: 0, dataDir, blockTimeMs: 30 });
    await first.waitForHeight(2);
    await first.close();
    const path = join(dataDir, 'blocks.ndjson');
    const lines = readFileSync(path, 'utf8').split('\n');
    const cut = JSON.parse(lines[1]!);
    cut.blocks[0].header = cut.blocks[1].header;
    lines[1] = JSON.stringify(cut);
    writeFileSync(path, lines.join('\n'));
    await expect(startDevnet({ port: 0, dataDir })).rejects.toMatchObject({ code: 'corrupt_data' });
  });
});
