import { ChainClientError, ChainwebNodeClient, KeypairCommandSigner } from '@spv-cloud/chain-client';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ContractDeployError } from './contract-deploy.errors';
import { ContractDeployer } from './contract-deployer';
import { DEPLOY_UNITS, findContractsDir, loadContractSources, type DeployUnit } from './contract-sources';
import { parseDeployConfig, parseDeployKeys } from './deploy-config';
import { readManifestFile, writeManifestFile } from './deploy-manifest';

const USAGE = `Deploys the SPV Cloud Pact modules to every chain of a network.

npm run contracts:deploy -- --network <name> [options]

  --network <name>     a network of the config file (required)
  --config <path>      deploy config (default contracts/deploy/networks.json)
  --keys <path>        secret keys file [{"publicKey","secretKey"}] (or SPV_DEPLOY_KEYS_FILE)
  --manifest <path>    deployment manifest (default contracts/deploy/manifests/<network>.json)
  --chains 0,1         only these chains
  --only spv-anchor    only these units (comma-separated; keysets are always checked first)
  --rotate-keysets     run keysets.pact again where the keysets exist
  --dry-run            print the commands, send nothing (needs no keys)
`;

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly cwd: string;
}

interface CliArgs {
  network?: string;
  config?: string;
  keys?: string;
  manifest?: string;
  chains?: number[];
  only?: DeployUnit['name'][];
  rotateKeysets: boolean;
  dryRun: boolean;
  help: boolean;
}

function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { rotateKeysets: false, dryRun: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--'))
        throw new ContractDeployError('usage', `${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--network':
        args.network = value();
        break;
      case '--config':
        args.config = value();
        break;
      case '--keys':
        args.keys = value();
        break;
      case '--manifest':
        args.manifest = value();
        break;
      case '--chains':
        args.chains = value()
          .split(',')
          .map((c) => {
            if (!/^\d+$/.test(c)) throw new ContractDeployError('usage', `--chains: ${c} is not a chain id`);
            return Number(c);
          });
        break;
      case '--only':
        args.only = value()
          .split(',')
          .map((u) => {
            const unit = DEPLOY_UNITS.find((d) => d.name === u);
            if (!unit)
              throw new ContractDeployError(
                'usage',
                `--only: ${u} is not one of ${DEPLOY_UNITS.map((d) => d.name).join(', ')}`,
              );
            return unit.name;
          });
        break;
      case '--rotate-keysets':
        args.rotateKeysets = true;
        break;
      case '--dry-run':
        args.dryRun = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new ContractDeployError('usage', `unknown argument ${arg}`);
    }
  }
  return args;
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new ContractDeployError(
      what === 'keys' ? 'keys_invalid' : 'config_invalid',
      `${what} ${path}: ${(error as Error).message}`,
    );
  }
}

/** The CLI; returns the exit code (0 done, 1 failed, 2 usage). */
export async function runDeployCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.out(USAGE);
      return 0;
    }
    if (!args.network) throw new ContractDeployError('usage', '--network is required');
    const contractsDir = findContractsDir(__dirname);
    const configPath = args.config
      ? resolve(io.cwd, args.config)
      : join(contractsDir, 'deploy', 'networks.json');
    const targets = parseDeployConfig(readJson(configPath, 'config'));
    const target = targets.get(args.network);
    if (!target)
      throw new ContractDeployError(
        'usage',
        `network ${args.network} is not in ${configPath} (${[...targets.keys()].join(', ')})`,
      );
    const manifestPath = args.manifest
      ? resolve(io.cwd, args.manifest)
      : join(contractsDir, 'deploy', 'manifests', `${target.network.name}.json`);
    const manifest = readManifestFile(manifestPath, {
      network: target.network.name,
      chainwebVersion: target.network.chainwebVersion,
      namespace: target.namespace,
    });
    const sources = loadContractSources(contractsDir);
    const common = {
      target,
      sources,
      manifest,
      saveManifest: (m: typeof manifest) => writeManifestFile(manifestPath, m),
      log: io.out,
      ...(args.chains ? { chains: args.chains } : {}),
      ...(args.only ? { only: args.only } : {}),
      rotateKeysets: args.rotateKeysets,
    };

    if (args.dryRun) {
      const planned = new ContractDeployer(common).printPlan();
      io.out(
        `dry run: ${planned.filter((p) => p.action !== 'skip').length} command(s) on ${target.network.name}, nothing sent`,
      );
      return 0;
    }

    const keysPath = args.keys ?? env['SPV_DEPLOY_KEYS_FILE'];
    if (!keysPath)
      throw new ContractDeployError(
        'keys_missing',
        'pass --keys <file> or set SPV_DEPLOY_KEYS_FILE (or use --dry-run)',
      );
    const signer = new KeypairCommandSigner(parseDeployKeys(readJson(resolve(io.cwd, keysPath), 'keys')));
    const client = new ChainwebNodeClient(target.network);
    const outcomes = await new ContractDeployer({ ...common, client, signer }).deploy();
    const changed = outcomes.filter((o) => o.action !== 'skip').length;
    io.out(
      `${target.network.name}: ${changed} unit(s) deployed, ${outcomes.length - changed} up to date; manifest ${manifestPath}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ContractDeployError) {
      io.err(`contracts:deploy: ${error.code}: ${error.message}`);
      if (error.code === 'usage') io.err(USAGE);
      return error.code === 'usage' ? 2 : 1;
    }
    if (error instanceof ChainClientError) {
      io.err(`contracts:deploy: node error ${error.code}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  runDeployCli(process.argv.slice(2), process.env, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    cwd: process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `contracts:deploy: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
