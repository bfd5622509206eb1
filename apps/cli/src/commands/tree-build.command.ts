import { createWriteStream, writeFileSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import {
  ANCHOR_HASH_ALGORITHM,
  buildEventBatch,
  ChainwebError,
  digestLengthOf,
  encodeEventProofJson,
  EVENT_DIGEST_ALGORITHMS,
  isEventDigestAlgorithm,
  type EventBatch,
  type EventDigestAlgorithm,
} from '@spv-cloud/chainweb';
import { writeLine } from '../cli-io';
import { CliError, ExitCode, usageError } from '../cli.errors';
import { parseCommandArgs, type Command } from '../command';
import { describeFsError, readInput, utf8Text } from '../input-reader';
import { progressFor, type Progress } from '../progress-bar';

const NAME = 'tree build';
const DEFAULT_TENANT = 'local';
/** Proof files written between two progress updates. */
const WRITE_SLICE = 1024;
/** index.json entries per write. */
const INDEX_CHUNK = 4096;

const USAGE = `Usage: spv tree build <digests-file | -> --out <dir> [--tenant <id>] [--namespace <ns>]
                      [--algorithm <name>] [--force] [--quiet] [--json]

Builds an SPV Cloud event tree (the batch tree the service anchors on chain) from event digests and
writes its root and one inclusion proof per event, each verifiable with \`spv verify\`.

Input: one hex digest per line, or NDJSON with one {"digest": "<hex or base64url>"} object (or a
JSON string) per line. Blank lines are skipped.

  --out <dir>          output directory (created; must be empty unless --force):
                         root.json          {"root","leafCount","depth","tenantId","namespace",
                                             "digestAlgorithm","hashAlgorithm"}
                         index.json         the same plus "proofs": [{"index","digest","file"}...]
                         proofs/<index>.json the event proof JSON of each event
  --tenant <id>        tenant the events belong to, bound into every leaf (default "${DEFAULT_TENANT}")
  --namespace <ns>     namespace bound into every leaf (default "")
  --algorithm <name>   the digests' algorithm (default sha256): ${Object.keys(EVENT_DIGEST_ALGORITHMS).join(', ')}
  --force              write into a non-empty directory
  --quiet              no progress bar (one is shown on a terminal for large inputs)
  --json               print root.json instead of a summary
  -h, --help           show this help

Exit status: 0 written, 2 bad usage, unreadable input or unwritable output.`;

export interface TreeSummary {
  readonly root: string;
  readonly leafCount: number;
  readonly depth: number;
  readonly tenantId: string;
  readonly namespace: string;
  readonly digestAlgorithm: EventDigestAlgorithm;
  readonly hashAlgorithm: string;
}

export const treeBuildCommand: Command = {
  name: NAME,
  summary: 'build an event tree from digests and write its root and every inclusion proof',
  usage: USAGE,
  async run(argv, io) {
    const args = parseCommandArgs(
      NAME,
      argv,
      {
        out: { type: 'string' },
        tenant: { type: 'string' },
        namespace: { type: 'string' },
        algorithm: { type: 'string' },
        force: { type: 'boolean' },
        quiet: { type: 'boolean' },
        json: { type: 'boolean' },
      },
      { min: 1, max: 1, names: 'the digests file (or - for stdin)' },
    );
    if (args.help) {
      await writeLine(io.stdout, USAGE);
      return ExitCode.ok;
    }
    const { values } = args;
    if (values.out === undefined || values.out === '')
      throw usageError('tree build: --out <dir> is required', NAME);
    const algorithm = values.algorithm ?? 'sha256';
    if (!isEventDigestAlgorithm(algorithm)) {
      throw usageError(
        `tree build: unknown --algorithm ${JSON.stringify(algorithm)} (one of ${Object.keys(EVENT_DIGEST_ALGORITHMS).join(', ')})`,
        NAME,
      );
    }
    const tenantId = values.tenant ?? DEFAULT_TENANT;
    const namespace = values.namespace ?? '';
    const path = args.positionals[0] as string;
    const outDir = resolve(io.cwd, values.out);

    const text = utf8Text(await readInput(path, io, 'digests file'), path, 'digests file');
    await prepareOutDir(outDir, values.out, values.force === true);
    const lines = text.split('\n');
    const progress = progressFor(io.stderr, lines.length, values.quiet === true);
    try {
      const digests = parseDigests(lines, path, algorithm, progress);
      let batch: EventBatch;
      try {
        batch = buildEventBatch({ tenantId, namespace, digestAlgorithm: algorithm, digests });
      } catch (error) {
        if (error instanceof ChainwebError) throw usageError(`tree build: ${error.message}`, NAME);
        throw error;
      }
      const summary: TreeSummary = {
        root: batch.root.toString('base64url'),
        leafCount: batch.leafCount,
        depth: batch.depth,
        tenantId,
        namespace,
        digestAlgorithm: algorithm,
        hashAlgorithm: ANCHOR_HASH_ALGORITHM,
      };
      await writeTree(batch, summary, outDir, values.out, progress);
      progress.stop();
      await writeLine(
        io.stdout,
        values.json === true
          ? JSON.stringify(summary)
          : [
              `root        ${summary.root} (hex ${batch.root.toString('hex')})`,
              `events      ${summary.leafCount} (tree depth ${summary.depth})`,
              `scope       tenant ${JSON.stringify(tenantId)}, namespace ${JSON.stringify(namespace)}, ${algorithm} digests`,
              `written to  ${values.out}: root.json, index.json, proofs/0.json … proofs/${summary.leafCount - 1}.json`,
            ].join('\n'),
      );
    } finally {
      progress.stop();
    }
    return ExitCode.ok;
  },
};

async function prepareOutDir(dir: string, shown: string, force: boolean): Promise<void> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw new CliError(
      'output',
      `cannot use output directory ${JSON.stringify(shown)}: ${describeFsError(error)}`,
    );
  });
  if (entries.length > 0 && !force) {
    throw new CliError(
      'output',
      `output directory ${JSON.stringify(shown)} is not empty (pass --force to write into it)`,
    );
  }
  try {
    await mkdir(join(dir, 'proofs'), { recursive: true });
  } catch (error) {
    throw new CliError('output', `cannot create ${JSON.stringify(shown)}: ${describeFsError(error)}`);
  }
}

const HEX = /^(?:0x)?([0-9a-fA-F]+)$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Every digest into one flat buffer (n × digest length), checking each line's form and length. */
export function parseDigests(
  lines: readonly string[],
  path: string,
  algorithm: EventDigestAlgorithm,
  progress: Progress,
): Buffer {
  const length = digestLengthOf(algorithm);
  const flat = Buffer.allocUnsafe(lines.length * length);
  let count = 0;
  progress.start('reading', lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (i % 4096 === 0) progress.update(i);
    if (line === '') continue;
    const at = `${JSON.stringify(path)} line ${i + 1}`;
    const digest =
      line.startsWith('{') || line.startsWith('"') ? ndjsonDigest(line, at) : hexDigest(line, at);
    if (digest.length !== length) {
      throw new CliError(
        'input',
        `${at}: a ${digest.length}-byte digest, but ${algorithm} digests have ${length} bytes (see --algorithm)`,
      );
    }
    digest.copy(flat, count * length);
    count++;
  }
  progress.update(lines.length);
  if (count === 0) throw new CliError('input', `${JSON.stringify(path)} holds no digests`);
  return flat.subarray(0, count * length);
}

function hexDigest(text: string, at: string): Buffer {
  const match = HEX.exec(text);
  if (match === null || (match[1] as string).length % 2 !== 0)
    throw new CliError('input', `${at}: not a hex digest`);
  return Buffer.from(match[1] as string, 'hex');
}

function ndjsonDigest(line: string, at: string): Buffer {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new CliError('input', `${at}: not valid JSON`);
  }
  const digest =
    typeof value === 'string'
      ? value
      : typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)['digest']
        : undefined;
  if (typeof digest !== 'string')
    throw new CliError('input', `${at}: expected {"digest": "<hex or base64url>"} or a JSON string`);
  if (HEX.test(digest)) return hexDigest(digest, at);
  if (BASE64URL.test(digest)) {
    const bytes = Buffer.from(digest, 'base64url');
    if (bytes.toString('base64url') === digest) return bytes;
  }
  throw new CliError('input', `${at}: the digest is neither hex nor canonical base64url`);
}

async function writeTree(
  batch: EventBatch,
  summary: TreeSummary,
  dir: string,
  shown: string,
  progress: Progress,
): Promise<void> {
  const fail = (error: unknown): never => {
    throw new CliError('output', `cannot write to ${JSON.stringify(shown)}: ${describeFsError(error)}`);
  };
  await writeFile(join(dir, 'root.json'), `${JSON.stringify(summary)}\n`).catch(fail);

  const count = batch.leafCount;
  progress.start('proofs', count);
  // Synchronous writes in slices: for many small files they beat the async thread pool several
  // times over, and yielding between slices lets the progress bar redraw.
  const proofsDir = join(dir, 'proofs');
  try {
    for (let start = 0; start < count; start += WRITE_SLICE) {
      for (let index = start; index < Math.min(count, start + WRITE_SLICE); index++) {
        writeFileSync(join(proofsDir, `${index}.json`), `${encodeEventProofJson(batch.eventProof(index))}\n`);
      }
      progress.update(Math.min(count, start + WRITE_SLICE));
      await new Promise(setImmediate);
    }
  } catch (error) {
    fail(error);
  }
  progress.update(count);

  // The index lists every proof; streamed, since it grows with the batch. `once` rejects on a stream error.
  const index = createWriteStream(join(dir, 'index.json'));
  try {
    const write = async (text: string): Promise<void> => {
      if (!index.write(text)) await once(index, 'drain');
    };
    const head = JSON.stringify(summary);
    await write(`${head.slice(0, -1)},"proofs":[`);
    // Entries go out in chunks: one write per entry would cost more than the entries themselves.
    for (let start = 0; start < count; start += INDEX_CHUNK) {
      const entries: string[] = [];
      for (let i = start; i < Math.min(count, start + INDEX_CHUNK); i++) {
        entries.push(
          `${i === 0 ? '' : ','}\n{"index":${i},"digest":"${batch.digest(i).toString('hex')}","file":"proofs/${i}.json"}`,
        );
      }
      await write(entries.join(''));
    }
    index.end('\n]}\n');
    await once(index, 'finish');
  } catch (error) {
    index.destroy();
    fail(error);
  }
}
