import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  blockHeaderFromObjectJson,
  ChainwebError,
  checkProofOfWork,
  computeBlockHash,
  decodeBlockHeader,
  decodeBlockHeaderBase64Url,
  findKnownChainwebVersion,
  powHash,
  type BlockHeader,
} from '@spv-cloud/chainweb';
import { writeLine, type CliIo } from '../cli-io';
import { CliError, ExitCode } from '../cli.errors';
import { parseCommandArgs, type Command } from '../command';
import { parseExactJsonInput, readInput, STDIN_PATH } from '../input-reader';

const NAME = 'header decode';

const USAGE = `Usage: spv header decode <base64url | file | -> [--json]

Decodes block headers as chainweb-node serves them and checks them: the binary header (raw bytes or
base64url, alone or as the JSON string the node answers), an object-JSON header
(blockheader-encoding=object), or a JSON array or page {"items": [...]} of either. Prints the
fields, the recomputed block hash, whether it equals the recorded hash (hashValid), and whether the
proof of work meets the target (powValid; genesis headers and PoW-free versions pass).

  --json       print one JSON object per header (an array for a list or page)
  -h, --help   show this help

Exit status: 0 every header checks out, 1 a hash or proof of work does not, 2 bad usage or
unreadable input.`;

const BASE64URL_HEADER = /^[A-Za-z0-9_-]{100,}={0,2}$/;

/** A decoded header with what was checked; the shape `spv header decode --json` prints. */
export interface HeaderReport {
  readonly hash: string;
  readonly recordedHash: string | null;
  readonly hashValid: boolean | null;
  readonly powValid: boolean;
  readonly powHash: string;
  readonly chainId: number;
  readonly height: number;
  readonly chainwebVersion: string | null;
  readonly versionCode: number;
  readonly creationTime: string;
  readonly parent: string;
  readonly adjacents: Record<string, string>;
  readonly target: string;
  readonly payloadHash: string;
  readonly weight: string;
  readonly epochStart: string;
  readonly nonce: string;
  readonly featureFlags: string;
}

export const headerDecodeCommand: Command = {
  name: NAME,
  summary: 'decode block headers and check their hash and proof of work',
  usage: USAGE,
  async run(argv, io) {
    const args = parseCommandArgs(
      NAME,
      argv,
      { json: { type: 'boolean' } },
      { min: 1, max: 1, names: 'a header (base64url) or a file' },
    );
    if (args.help) {
      await writeLine(io.stdout, USAGE);
      return ExitCode.ok;
    }
    const input = args.positionals[0] as string;
    const { headers, list } = decodeHeaders(await headerInput(input, io), input);
    const reports = headers.map(({ header, hashCarried }) => headerReport(header, hashCarried));
    if (args.values.json === true) {
      await writeLine(io.stdout, JSON.stringify(list ? reports : reports[0]));
    } else {
      await writeLine(io.stdout, reports.map(headerSummary).join('\n\n'));
    }
    const allValid = reports.every((report) => report.hashValid !== false && report.powValid);
    return allValid ? ExitCode.ok : ExitCode.invalid;
  },
};

/** The argument is a file (or `-`) when one exists at that path; otherwise a long base64url string is the header itself. */
async function headerInput(input: string, io: CliIo): Promise<Buffer | string> {
  if (input === STDIN_PATH) return readInput(input, io, 'header');
  const isFile = await stat(resolve(io.cwd, input)).then(
    (entry) => entry.isFile(),
    () => false,
  );
  if (!isFile && BASE64URL_HEADER.test(input)) return input;
  return readInput(input, io, 'header file');
}

interface DecodedHeader {
  readonly header: BlockHeader;
  /** Object JSON may omit the hash; the binary form always carries it. */
  readonly hashCarried: boolean;
}

function decodeHeaders(input: Buffer | string, source: string): { headers: DecodedHeader[]; list: boolean } {
  const text = typeof input === 'string' ? input : textOf(input);
  if (text === undefined) return { headers: [decodeOne(input, source, 0)], list: false };
  const trimmed = text.trim();
  if (trimmed.startsWith('"') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const json = parseExactJsonInput(trimmed, source, 'header input');
    const page =
      typeof json === 'object' && json !== null && !Array.isArray(json)
        ? (json as Record<string, unknown>)['items']
        : undefined;
    const items = Array.isArray(json) ? json : Array.isArray(page) ? page : undefined;
    if (items === undefined) return { headers: [decodeOne(json, source, 0)], list: false };
    if (items.length === 0)
      throw new CliError('input', `${JSON.stringify(source)} holds an empty list of headers`);
    return { headers: items.map((item, index) => decodeOne(item, source, index)), list: true };
  }
  return { headers: [decodeOne(trimmed, source, 0)], list: false };
}

/** Text when the bytes are a textual form (JSON or base64url), undefined for the binary form. */
function textOf(bytes: Buffer): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
  const trimmed = text.trim();
  return /^["{[]/.test(trimmed) || /^[A-Za-z0-9_-]+={0,2}$/.test(trimmed) ? text : undefined;
}

function decodeOne(item: unknown, source: string, index: number): DecodedHeader {
  try {
    if (item instanceof Uint8Array) return { header: decodeBlockHeader(item), hashCarried: true };
    if (typeof item === 'string') return { header: decodeBlockHeaderBase64Url(item), hashCarried: true };
    if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
      return { header: blockHeaderFromObjectJson(item), hashCarried: Object.hasOwn(item, 'hash') };
    }
  } catch (error) {
    if (error instanceof ChainwebError)
      throw new CliError('input', `${where(source, index)} is not a block header: ${error.message}`);
    throw error;
  }
  throw new CliError('input', `${where(source, index)} is neither a base64url nor an object-JSON header`);
}

function where(source: string, index: number): string {
  const name = BASE64URL_HEADER.test(source) ? 'the header' : JSON.stringify(source);
  return index === 0 ? name : `${name}, header ${index}`;
}

export function headerReport(header: BlockHeader, hashCarried: boolean): HeaderReport {
  const hash = computeBlockHash(header);
  const version = findKnownChainwebVersion(header.versionCode);
  return {
    hash: hash.toString('base64url'),
    recordedHash: hashCarried ? header.hash.toString('base64url') : null,
    hashValid: hashCarried ? hash.equals(header.hash) : null,
    powValid: checkProofOfWork(header),
    powHash: powHash(header).toString('base64url'),
    chainId: header.chainId,
    height: header.height,
    chainwebVersion: version?.name ?? null,
    versionCode: header.versionCode,
    creationTime: header.creationTime.toString(),
    parent: header.parent.toString('base64url'),
    adjacents: Object.fromEntries(
      header.adjacents.map(({ chainId, hash: adjacent }) => [
        String(chainId),
        adjacent.toString('base64url'),
      ]),
    ),
    target: header.target.toString('base64url'),
    payloadHash: header.payloadHash.toString('base64url'),
    weight: header.weight.toString('base64url'),
    epochStart: header.epochStart.toString(),
    nonce: header.nonce.toString(),
    featureFlags: header.featureFlags.toString(),
  };
}

function headerSummary(report: HeaderReport): string {
  const lines = [
    `${report.hashValid === false || !report.powValid ? 'INVALID' : 'VALID'} header of chain ${report.chainId} at height ${report.height}`,
  ];
  const field = (name: string, value: string) => lines.push(`  ${name.padEnd(14)}${value}`);
  field('hash', report.hash);
  field(
    'hashValid',
    report.hashValid === null
      ? 'n/a (the input carries no hash)'
      : report.hashValid
        ? 'yes'
        : `NO (recorded ${report.recordedHash})`,
  );
  field('powValid', report.powValid ? 'yes' : 'NO');
  field('powHash', report.powHash);
  field('version', `${report.chainwebVersion ?? 'unknown'} (code ${report.versionCode})`);
  field('creationTime', `${report.creationTime} (${isoTime(report.creationTime)})`);
  field('parent', report.parent);
  for (const [chain, hash] of Object.entries(report.adjacents)) field(`adjacent ${chain}`, hash);
  field('target', `0x${leHex(report.target)}`);
  field('payloadHash', report.payloadHash);
  field('weight', `${BigInt(`0x${leHex(report.weight)}`).toString()}`);
  field('epochStart', `${report.epochStart} (${isoTime(report.epochStart)})`);
  field('nonce', report.nonce);
  field('featureFlags', report.featureFlags);
  return lines.join('\n');
}

/** A little-endian u256 (base64url) as big-endian hex, the way numbers are read. */
function leHex(base64url: string): string {
  return Buffer.from(base64url, 'base64url').reverse().toString('hex');
}

function isoTime(micros: string): string {
  const ms = Number(BigInt(micros) / 1000n);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? 'out of range' : date.toISOString();
}
