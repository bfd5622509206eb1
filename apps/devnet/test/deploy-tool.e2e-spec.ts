import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  newKeyPair,
  pollUntil,
  postJson,
  send,
  signedCommand,
  startTestDevnet,
  type TestDevnet,
} from './support/devnet-test-kit';

const run = promisify(execFile);
const ROOT = join(__dirname, '../../..');
const DEPLOY_CLI = join(ROOT, 'contracts/dist/deploy/deploy.cli.js');

describe('the contracts deploy tool (npm run contracts:deploy) against the devnet', () => {
  let net: TestDevnet;
  const gas = newKeyPair();
  const admin = newKeyPair();
  const operator = newKeyPair();

  beforeAll(async () => {
    net = await startTestDevnet({ blockTimeMs: 60 });
  });
  afterAll(() => net.stop());

  it('deploys keysets and modules, finds them with describe-keyset/describe-module, and is idempotent', async () => {
    const config = join(net.dataDir, 'networks.json');
    const keys = join(net.dataDir, 'keys.json');
    const manifest = join(net.dataDir, 'manifest.json');
    writeFileSync(
      config,
      JSON.stringify({
        networks: [
          {
            name: 'devnet',
            baseUrl: net.devnet.url,
            chainwebVersion: 'development',
            networkId: 'development',
            chainIds: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
            namespace: 'spv',
            gasPayer: { account: 'sender00', publicKey: gas.publicKey },
            adminPublicKey: admin.publicKey,
            keysets: {
              'spv-cloud-admin': { keys: [admin.publicKey], pred: 'keys-all' },
              'spv-cloud-operator': { keys: [operator.publicKey], pred: 'keys-all' },
            },
          },
        ],
      }),
    );
    writeFileSync(
      keys,
      JSON.stringify([gas, admin].map(({ publicKey, secretKey }) => ({ publicKey, secretKey }))),
    );
    const args = [
      '--network',
      'devnet',
      '--config',
      config,
      '--keys',
      keys,
      '--manifest',
      manifest,
      '--chains',
      '0,1',
    ];

    const first = await run(process.execPath, [DEPLOY_CLI, ...args], { cwd: ROOT });
    expect(first.stdout).toMatch(/chain 1 spv-forwarder: deploy done \(module hash [A-Za-z0-9_-]{43}\)/);
    const recorded = JSON.parse(readFileSync(manifest, 'utf8')) as {
      chains: Record<string, Record<string, { moduleHash?: string }>>;
    };
    expect(Object.keys(recorded.chains['0']!).sort()).toEqual([
      'keysets',
      'provenance-log',
      'spv-anchor',
      'spv-forwarder',
    ]);

    const second = await run(process.execPath, [DEPLOY_CLI, ...args], { cwd: ROOT });
    expect(second.stdout).toMatch(/chain 0 spv-anchor: up to date/);
    expect(second.stdout).not.toMatch(/sent/);

    // The deployment is usable: the operator records a batch in the `spv` namespace.
    const root = Buffer.alloc(32, 4).toString('base64url');
    const command = signedCommand({
      code: `(spv.spv-anchor.record-batch "t" "b" "${root}" 1 "SHA512t_256")`,
      chainId: 1,
      signers: [{ key: operator, caps: [{ name: 'spv.spv-anchor.OPERATOR', args: [] }] }],
    });
    await send(net.api, 1, [command]);
    const result = (await pollUntil(net.api, 1, [command.hash]))[command.hash];
    expect(result.result.status).toBe('success');
    expect(result.events[0].moduleHash).toBe(recorded.chains['1']!['spv-anchor']!.moduleHash);

    const describe = signedCommand({ code: '(describe-module "spv.spv-anchor")', chainId: 1 });
    const described = (await postJson(`${net.api}/chain/1/pact/api/v1/local`, describe)).json<{
      result: { data: { hash: string } };
    }>();
    expect(described.result.data.hash).toBe(recorded.chains['1']!['spv-anchor']!.moduleHash);
    const inBlock = signedCommand({ code: '(describe-module "spv.spv-anchor")', chainId: 1 });
    await send(net.api, 1, [inBlock]);
    expect((await pollUntil(net.api, 1, [inBlock.hash]))[inBlock.hash].result.error.message).toBe(
      'Operation only allowed in local: describe-module',
    );
  }, 60_000);
});
