import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ChainwebError,
  createSpvProofDetailed,
  encodeSpvProofBinary,
  encodeSpvProofJson,
  encodeSpvResponse,
  hashFromBase64Url,
  type SpvProofCreation,
  type SpvProofKind,
} from '@spv-cloud/chainweb';
import { writeLine, writeText } from '../cli-io';
import { CliError, ExitCode, usageError } from '../cli.errors';
import {
  choiceOption,
  integerOption,
  parseCommandArgs,
  requiredOption,
  secondsOption,
  type Command,
} from '../command';
import { describeFsError } from '../input-reader';
import { connectNode, type NodeConnection } from '../node-source';

const NAME = 'prove';
const FORMATS = ['node', 'json', 'binary'] as const;
type ProofFormat = (typeof FORMATS)[number];
const KINDS = ['TXOUT', 'TX'] as const;

const USAGE = `Usage: spv prove --node <url> --chain <id> --request-key <key> --target-chain <id>
                 [--kind TXOUT|TX] [--format node|json|binary] [--out <file>]
                 [--network <name>] [--timeout <s>] [--poll-interval <s>] [--quiet]

Builds an SPV proof from a node's headers and payloads, the way chainweb-node's /pact/spv does:
waits until the transaction is in a block (/poll), then until the target chain has the header the
proof ends at, and runs the finished proof before printing it.

  --node <url>           chainweb-node base URL, e.g. http://127.0.0.1:1848
  --chain <id>           the chain the transaction ran on
  --request-key <key>    the transaction's request key (base64url)
  --target-chain <id>    the chain the proof is for (the one that will redeem it)
  --kind TXOUT|TX        prove the transaction's output (default) or the transaction itself
  --format <f>           node: the body /pact/spv returns, a JSON string of base64url (default)
                         json: the proof JSON {chain, object, subject, algorithm}
                         binary: SPV Cloud's compact binary form (needs --out or a pipe)
  --out <file>           write the proof there instead of stdout
  --network <name>       chainweb version (default: read from the node's /info)
  --timeout <s>          give up after this many seconds of waiting (default 300)
  --poll-interval <s>    seconds between polls (default 2)
  --quiet                no progress notes on stderr
  -h, --help             show this help

Exit status: 0 proof written, 2 bad usage, unreachable node or timeout.`;

export const proveCommand: Command = {
  name: NAME,
  summary: "build a TX/TXOUT SPV proof from a node's headers and payloads",
  usage: USAGE,
  async run(argv, io) {
    const args = parseCommandArgs(
      NAME,
      argv,
      {
        node: { type: 'string' },
        chain: { type: 'string' },
        'request-key': { type: 'string' },
        'target-chain': { type: 'string' },
        kind: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        network: { type: 'string' },
        timeout: { type: 'string' },
        'poll-interval': { type: 'string' },
        quiet: { type: 'boolean' },
      },
      { min: 0, max: 0, names: '' },
    );
    if (args.help) {
      await writeLine(io.stdout, USAGE);
      return ExitCode.ok;
    }
    const { values } = args;
    const node = requiredOption(NAME, 'node', values.node);
    const sourceChain = integerOption(
      NAME,
      'chain',
      requiredOption(NAME, 'chain', values.chain),
      0xffffffff,
    ) as number;
    const targetChain = integerOption(
      NAME,
      'target-chain',
      requiredOption(NAME, 'target-chain', values['target-chain']),
      0xffffffff,
    ) as number;
    const requestKey = requestKeyOption(requiredOption(NAME, 'request-key', values['request-key']));
    const kind: SpvProofKind = choiceOption(NAME, 'kind', values.kind, KINDS, 'TXOUT');
    const format: ProofFormat = choiceOption(NAME, 'format', values.format, FORMATS, 'node');
    const timeoutMs = (secondsOption(NAME, 'timeout', values.timeout) ?? 300) * 1000;
    const intervalMs = (secondsOption(NAME, 'poll-interval', values['poll-interval']) ?? 2) * 1000;
    if (format === 'binary' && values.out === undefined && io.stdout.isTTY === true) {
      throw usageError(
        'prove: refusing to write the binary form to a terminal; use --out <file> or a pipe',
        NAME,
      );
    }
    const notes = values.quiet !== true && io.stderr.isTTY === true;
    const note = (text: string) => (notes ? writeLine(io.stderr, text) : Promise.resolve());

    const connection = await connectNode(node, values.network, NAME);
    for (const [option, chain] of [
      ['chain', sourceChain],
      ['target-chain', targetChain],
    ] as const) {
      if (!connection.version.hasChain(chain))
        throw usageError(`prove: --${option} ${chain} is not a chain of ${connection.version.name}`, NAME);
    }
    const deadline = Date.now() + timeoutMs;
    const waitFor = async <T>(what: () => string, attempt: () => Promise<T | undefined>): Promise<T> => {
      let noted = false;
      for (;;) {
        const found = await attempt();
        if (found !== undefined) return found;
        if (Date.now() + intervalMs > deadline)
          throw new CliError('timeout', `${what()} after waiting ${timeoutMs / 1000} s`);
        if (!noted) await note(`waiting: ${what()}...`);
        noted = true;
        await sleep(intervalMs);
      }
    };

    const polled = await waitFor(
      () => `transaction ${requestKey} is not in a block of chain ${sourceChain}`,
      () => connection.client.poll(sourceChain, requestKey),
    );
    const blockHash = hashFromBase64Url(polled.blockHash, 'poll blockHash');
    let lastReason = '';
    const created = await waitFor(
      () => `chain ${targetChain} is not yet high enough for the proof (${lastReason})`,
      async () => {
        try {
          return await createProof(connection, { kind, sourceChain, targetChain, blockHash, requestKey });
        } catch (error) {
          if (error instanceof ChainwebError && error.code === 'not_reachable') {
            lastReason = error.message;
            connection.headers.refresh();
            return undefined;
          }
          throw error;
        }
      },
    );

    const encoded = encode(created, format);
    if (values.out !== undefined) {
      try {
        await writeFile(resolve(io.cwd, values.out), encoded);
      } catch (error) {
        throw new CliError('output', `cannot write ${JSON.stringify(values.out)}: ${describeFsError(error)}`);
      }
      const { sourceHeader, targetHeader } = created;
      await note(
        `wrote ${kind} proof of ${requestKey}: chain ${sourceHeader.chainId} @${sourceHeader.height} -> chain ${targetHeader.chainId} @${targetHeader.height}, root ${targetHeader.hash.toString('base64url')}, to ${values.out}`,
      );
    } else {
      await writeText(io.stdout, typeof encoded === 'string' ? `${encoded}\n` : encoded);
    }
    return ExitCode.ok;
  },
};

interface ProofRequest {
  readonly kind: SpvProofKind;
  readonly sourceChain: number;
  readonly targetChain: number;
  readonly blockHash: Buffer;
  readonly requestKey: string;
}

async function createProof(connection: NodeConnection, request: ProofRequest): Promise<SpvProofCreation> {
  // Like current nodes, an old transaction's proof is raised into the target chain's SPV root window.
  const targetHead = (await connection.headers.cut()).get(request.targetChain);
  try {
    return await createSpvProofDetailed({
      version: connection.version,
      kind: request.kind,
      sourceChain: request.sourceChain,
      blockHash: request.blockHash,
      requestKey: request.requestKey,
      targetChain: request.targetChain,
      ...(targetHead !== undefined && { targetHeadHeight: targetHead.height }),
      headers: connection.headers,
      payloads: connection.payloads,
    });
  } catch (error) {
    if (!(error instanceof ChainwebError) || error.code === 'not_reachable') throw error;
    // Missing or inconsistent chain data: the node's fault, not a verdict on a proof.
    throw new CliError(
      'node',
      `node ${connection.client.baseUrl}: cannot build the proof: ${error.message} (${error.code})`,
    );
  }
}

function encode(created: SpvProofCreation, format: ProofFormat): string | Buffer {
  switch (format) {
    case 'node':
      return encodeSpvResponse(created.proof);
    case 'json':
      return encodeSpvProofJson(created.proof);
    case 'binary':
      return encodeSpvProofBinary(created.proof);
  }
}

function requestKeyOption(text: string): string {
  try {
    hashFromBase64Url(text, '--request-key');
  } catch (error) {
    if (error instanceof ChainwebError)
      throw usageError(`prove: --request-key must be a base64url request key (${error.message})`, NAME);
    throw error;
  }
  return text;
}
