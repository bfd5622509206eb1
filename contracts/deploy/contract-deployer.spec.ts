import { ChainwebNodeClient, KeypairCommandSigner, type Ed25519KeyPair } from '@spv-cloud/chain-client';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContractDeployError } from './contract-deploy.errors';
import { ContractDeployer } from './contract-deployer';
import { DEPLOY_UNITS, findContractsDir, loadContractSources, type ContractSource } from './contract-sources';
import { runDeployCli } from './deploy.cli';
import { parseDeployConfig, type DeployNetwork } from './deploy-config';
import { emptyManifest, readManifestFile, type DeployManifest } from './deploy-manifest';

function keyPair(): Ed25519KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex'),
    secretKey: privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32).toString('hex'),
  };
}

const admin = keyPair();
const gas = keyPair();
const operator = keyPair();
const contractsDir = findContractsDir(__dirname);
const sources = loadContractSources(contractsDir);

interface ChainState {
  keysets: boolean;
  modules: Map<string, string>;
}

/**
 * A chainweb node that answers the deploy tool's Pact calls with the semantics that matter here:
 * describe-keyset / describe-module, a module load that fails for `upgrade: false` on an existing
 * module (create-table of an existing table) and for `upgrade: true` on a new one, and send/listen.
 */
class FakePactNode {
  readonly chains = new Map<number, ChainState>();
  readonly sent: Array<{ chainId: number; code: string; data: Record<string, unknown> }> = [];
  failPreflightOn: string | undefined;
  private readonly pending = new Map<
    string,
    { chainId: number; code: string; data: Record<string, unknown> }
  >();
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const match = /\/chain\/(\d+)\/pact\/api\/v1\/(local|send|listen)/.exec(req.url ?? '');
        if (!match) return res.writeHead(404).end();
        const chainId = Number(match[1]);
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        const answer = (status: number, json: unknown): void => {
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        };
        const state = this.chain(chainId);
        if (match[2] === 'local' || match[2] === 'send') {
          const cmds =
            match[2] === 'send'
              ? (body['cmds'] as Array<{ hash: string; cmd: string }>)
              : [body as { hash: string; cmd: string }];
          if (match[2] === 'send') {
            for (const c of cmds) {
              const exec = (
                JSON.parse(c.cmd) as { payload: { exec: { code: string; data: Record<string, unknown> } } }
              ).payload.exec;
              this.pending.set(c.hash, { chainId, ...exec });
              this.sent.push({ chainId, ...exec });
            }
            return answer(200, { requestKeys: cmds.map((c) => c.hash) });
          }
          const cmd = cmds[0]!;
          const exec = (
            JSON.parse(cmd.cmd) as { payload: { exec: { code: string; data: Record<string, unknown> } } }
          ).payload.exec;
          return answer(
            200,
            this.result(
              cmd.hash,
              this.evaluate(state, exec.code, exec.data, false),
              req.url!.includes('preflight=true'),
            ),
          );
        }
        const key = body['listen'] as string;
        const tx = this.pending.get(key)!;
        return answer(
          200,
          this.result(key, this.evaluate(this.chain(tx.chainId), tx.code, tx.data, true), false),
        );
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  chain(chainId: number): ChainState {
    let state = this.chains.get(chainId);
    if (!state) {
      state = { keysets: false, modules: new Map() };
      this.chains.set(chainId, state);
    }
    return state;
  }

  private evaluate(
    state: ChainState,
    code: string,
    data: Record<string, unknown>,
    commit: boolean,
  ): { ok: true; data: unknown } | { ok: false; message: string } {
    const describe = /^\(describe-(keyset|module) "spv\.([a-z-]+)"\)$/.exec(code);
    if (describe) {
      if (describe[1] === 'keyset')
        return state.keysets
          ? { ok: true, data: { pred: 'keys-all', keys: [] } }
          : { ok: false, message: 'No such keyset' };
      const hash = state.modules.get(describe[2]!);
      return hash
        ? { ok: true, data: { name: `spv.${describe[2]}`, hash, code: '…' } }
        : { ok: false, message: `Cannot find module: spv.${describe[2]}` };
    }
    const module = /\(module ([a-z-]+) GOVERNANCE/.exec(code)?.[1];
    if (module && module === this.failPreflightOn)
      return { ok: false, message: 'Keyset failure (keys-all): [ad…]' };
    if (module) {
      if (data['ns'] !== 'spv') return { ok: false, message: 'Namespace not found' };
      const exists = state.modules.has(module);
      if (exists && data['upgrade'] !== true) return { ok: false, message: 'Table already exists' };
      if (!exists && data['upgrade'] === true) return { ok: false, message: 'No such table' };
      if (commit)
        state.modules.set(module, createHash('sha256').update(code).digest('base64url').slice(0, 43));
      return { ok: true, data: `Loaded module spv.${module}` };
    }
    if (code.includes('(define-keyset')) {
      if (commit) state.keysets = true;
      return { ok: true, data: 'Keyset write success' };
    }
    return { ok: false, message: `unexpected code ${code.slice(0, 40)}` };
  }

  private result(
    reqKey: string,
    outcome: { ok: true; data: unknown } | { ok: false; message: string },
    preflight: boolean,
  ): unknown {
    const result = {
      reqKey,
      txId: 1,
      gas: 1000,
      logs: null,
      continuation: null,
      events: [],
      metaData: { blockHash: 'h', blockHeight: 42, blockTime: 1, prevBlockHash: 'p' },
      result: outcome.ok
        ? { status: 'success', data: outcome.data }
        : { status: 'failure', error: { type: 'TxFailure', message: outcome.message } },
    };
    return preflight ? { preflightResult: result, preflightWarnings: [] } : result;
  }
}

let node: FakePactNode;
let baseUrl: string;

beforeAll(async () => {
  node = new FakePactNode();
  baseUrl = await node.start();
});
afterAll(async () => {
  await node.stop();
});
beforeEach(() => {
  node.chains.clear();
  node.sent.length = 0;
  node.failPreflightOn = undefined;
});

function configJson(url: string): unknown {
  return {
    networks: [
      {
        name: 'devnet',
        baseUrl: url,
        chainwebVersion: 'development',
        chainIds: [0, 1],
        namespace: 'spv',
        gasPayer: { account: 'sender00', publicKey: gas.publicKey },
        adminPublicKey: admin.publicKey,
        keysets: {
          'spv-cloud-admin': { keys: [admin.publicKey], pred: 'keys-all' },
          'spv-cloud-operator': { keys: [operator.publicKey], pred: 'keys-all' },
        },
      },
    ],
  };
}

function target(): DeployNetwork {
  return parseDeployConfig(configJson(baseUrl)).get('devnet')!;
}

function deployer(
  manifest: DeployManifest,
  options: { sources?: readonly ContractSource[]; saved?: DeployManifest[]; log?: string[] } = {},
): ContractDeployer {
  const t = target();
  return new ContractDeployer({
    target: t,
    sources: options.sources ?? sources,
    manifest,
    saveManifest: (m) => options.saved?.push(m),
    log: (line) => options.log?.push(line),
    client: new ChainwebNodeClient(t.network, { sleep: () => Promise.resolve() }),
    signer: new KeypairCommandSigner([admin, gas]),
    clock: () => new Date('2025-06-01T12:00:00Z'),
  });
}

describe('ContractDeployer', () => {
  it('deploys keysets then every module to every chain and records the module hashes', async () => {
    const saved: DeployManifest[] = [];
    const outcomes = await deployer(emptyManifest('devnet', 'development', 'spv'), { saved }).deploy();
    expect(outcomes.map((o) => `${o.chainId}:${o.unit}:${o.action}`)).toEqual([
      '0:keysets:define-keysets',
      '0:spv-anchor:deploy',
      '0:provenance-log:deploy',
      '0:spv-forwarder:deploy',
      '1:keysets:define-keysets',
      '1:spv-anchor:deploy',
      '1:provenance-log:deploy',
      '1:spv-forwarder:deploy',
    ]);
    expect(node.sent.map((s) => [s.chainId, s.data['upgrade']])).toEqual([
      [0, undefined],
      [0, false],
      [0, false],
      [0, false],
      [1, undefined],
      [1, false],
      [1, false],
      [1, false],
    ]);
    expect(node.sent[0]!.data).toMatchObject({
      ns: 'spv',
      'spv-cloud-operator': { keys: [operator.publicKey], pred: 'keys-all' },
    });
    const manifest = saved[saved.length - 1]!;
    expect(saved).toHaveLength(8);
    for (const chainId of [0, 1]) {
      for (const unit of ['spv-anchor', 'provenance-log', 'spv-forwarder'] as const) {
        expect(manifest.chains[String(chainId)]![unit]).toMatchObject({
          moduleHash: node.chains.get(chainId)!.modules.get(unit),
          sourceHash: sources.find((s) => s.unit.name === unit)!.sourceHash,
          blockHeight: 42,
          deployedAt: '2025-06-01T12:00:00.000Z',
        });
      }
    }
  });

  it('skips what already runs this source, and upgrades a changed module only', async () => {
    const saved: DeployManifest[] = [];
    await deployer(emptyManifest('devnet', 'development', 'spv'), { saved }).deploy();
    const manifest = saved[saved.length - 1]!;
    node.sent.length = 0;
    const again = await deployer(manifest).deploy();
    expect(again.every((o) => o.action === 'skip')).toBe(true);
    expect(node.sent).toHaveLength(0);

    const changed = sources.map((s) =>
      s.unit.name === 'spv-anchor' ? { ...s, code: `${s.code}\n;; v2\n`, sourceHash: 'f'.repeat(64) } : s,
    );
    const upgraded = await deployer(manifest, { sources: changed }).deploy();
    expect(
      upgraded.filter((o) => o.action !== 'skip').map((o) => `${o.chainId}:${o.unit}:${o.action}`),
    ).toEqual(['0:spv-anchor:upgrade', '1:spv-anchor:upgrade']);
    expect(node.sent.map((s) => s.data['upgrade'])).toEqual([true, true]);
  });

  it('stops at a failed preflight without sending or recording it', async () => {
    node.failPreflightOn = 'provenance-log';
    const saved: DeployManifest[] = [];
    await expect(
      deployer(emptyManifest('devnet', 'development', 'spv'), { saved }).deploy(),
    ).rejects.toMatchObject({ code: 'preflight_failed', message: expect.stringContaining('Keyset failure') });
    expect(node.sent.map((s) => /\(module ([a-z-]+)/.exec(s.code)?.[1] ?? 'keysets')).toEqual([
      'keysets',
      'spv-anchor',
    ]);
    expect(Object.keys(saved[saved.length - 1]!.chains['0']!)).toEqual(['keysets', 'spv-anchor']);
  });

  it('plans from the manifest alone', () => {
    const plan = deployer(emptyManifest('devnet', 'development', 'spv')).plan();
    expect(plan.map((p) => p.action)).toEqual([
      'define-keysets',
      'deploy',
      'deploy',
      'deploy',
      'define-keysets',
      'deploy',
      'deploy',
      'deploy',
    ]);
    const code = (JSON.parse(plan[1]!.command!.cmd) as { payload: { exec: { code: string } } }).payload.exec
      .code;
    expect(code).toBe(sources[1]!.code);
  });
});

describe('sources and configuration', () => {
  it('loads the four units in deployment order with their source hashes', () => {
    expect(sources.map((s) => s.unit.name)).toEqual(DEPLOY_UNITS.map((u) => u.name));
    expect(sources[1]!.sourceHash).toBe(
      createHash('sha256')
        .update(readFileSync(join(contractsDir, 'spv-anchor/spv-anchor.pact'), 'utf8'))
        .digest('hex'),
    );
  });

  it('refuses to deploy a module that does not parse', () => {
    const copy = mkdtempSync(join(tmpdir(), 'contracts-'));
    try {
      for (const unit of DEPLOY_UNITS)
        cpSync(join(contractsDir, unit.path), join(copy, unit.path), { recursive: true });
      const broken = readFileSync(join(copy, 'spv-forwarder/spv-forwarder.pact'), 'utf8').replace(
        '(defun cancel-forward',
        '(defun cancel-forward (',
      );
      writeFileSync(join(copy, 'spv-forwarder/spv-forwarder.pact'), broken);
      expect(() => loadContractSources(copy)).toThrow(expect.objectContaining({ code: 'source_invalid' }));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('validates the deploy configuration', () => {
    expect(() => parseDeployConfig({ networks: [] })).toThrow(ContractDeployError);
    const bad = configJson('http://x') as { networks: Array<Record<string, unknown>> };
    bad.networks[0]!['adminPublicKey'] = 'nothex';
    expect(() => parseDeployConfig(bad)).toThrow(/adminPublicKey/);
    const badUrl = configJson('not a url');
    expect(() => parseDeployConfig(badUrl)).toThrow(expect.objectContaining({ code: 'config_invalid' }));
  });
});

describe('the CLI', () => {
  function io(): { out: string[]; err: string[]; io: Parameters<typeof runDeployCli>[2] } {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (l) => out.push(l), err: (l) => err.push(l), cwd: '/' } };
  }

  it('--dry-run prints the commands and sends nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-cli-'));
    try {
      writeFileSync(join(dir, 'networks.json'), JSON.stringify(configJson(baseUrl)));
      const { out, io: cliIo } = io();
      const code = await runDeployCli(
        [
          '--network',
          'devnet',
          '--config',
          join(dir, 'networks.json'),
          '--manifest',
          join(dir, 'm.json'),
          '--dry-run',
          '--chains',
          '1',
          '--only',
          'spv-anchor',
        ],
        {},
        cliIo,
      );
      expect(code).toBe(0);
      expect(out.filter((l) => l.startsWith('#'))).toEqual([
        '# chain 1 keysets: define-keysets',
        '# chain 1 spv-anchor: deploy',
      ]);
      expect(out[out.length - 1]).toBe('dry run: 2 command(s) on devnet, nothing sent');
      expect(node.sent).toHaveLength(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('deploys with a keys file and writes the manifest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-cli-'));
    try {
      writeFileSync(join(dir, 'networks.json'), JSON.stringify(configJson(baseUrl)));
      writeFileSync(join(dir, 'keys.json'), JSON.stringify([admin, gas]));
      const { out, io: cliIo } = io();
      const args = [
        '--network',
        'devnet',
        '--config',
        join(dir, 'networks.json'),
        '--manifest',
        join(dir, 'm.json'),
        '--chains',
        '0',
      ];
      expect(await runDeployCli(args, { SPV_DEPLOY_KEYS_FILE: join(dir, 'keys.json') }, cliIo)).toBe(0);
      expect(out[out.length - 1]).toMatch(/^devnet: 4 unit\(s\) deployed, 0 up to date/);
      const manifest = readManifestFile(join(dir, 'm.json'), {
        network: 'devnet',
        chainwebVersion: 'development',
        namespace: 'spv',
      });
      expect(manifest.chains['0']!['spv-forwarder']!.moduleHash).toBe(
        node.chains.get(0)!.modules.get('spv-forwarder'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [['--dry-run'], 2, 'usage: --network is required'],
    [['--network', 'devnet', '--bogus'], 2, 'usage: unknown argument --bogus'],
    [['--network', 'devnet', '--only', 'coin'], 2, 'usage: --only: coin is not one of'],
    [['--network', 'mainnet', '--config', '/nonexistent.json'], 1, 'config_invalid'],
  ])('%j exits %i (%s)', async (argv, exit, message) => {
    const { err, io: cliIo } = io();
    expect(await runDeployCli(argv, {}, cliIo)).toBe(exit);
    expect(err[0]).toContain(message);
  });

  it('needs keys unless it is a dry run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-cli-'));
    try {
      writeFileSync(join(dir, 'networks.json'), JSON.stringify(configJson(baseUrl)));
      const { err, io: cliIo } = io();
      expect(
        await runDeployCli(
          ['--network', 'devnet', '--config', join(dir, 'networks.json'), '--manifest', join(dir, 'm.json')],
          {},
          cliIo,
        ),
      ).toBe(1);
      expect(err[0]).toContain('keys_missing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
