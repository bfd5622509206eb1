import {
  assessSpvRoot,
  ChainwebError,
  decodeAnyProof,
  hashFromBase64Url,
  spvProofKindOfTag,
  verifyDecodedProof,
  type AnyProofVerification,
  type DecodedProof,
  type HeaderSource,
  type SpvRootTrust,
  type SpvRootTrustOptions,
} from '@spv-cloud/chainweb';
import { writeLine } from '../cli-io';
import { ExitCode, usageError } from '../cli.errors';
import { integerOption, parseCommandArgs, type Command } from '../command';
import { HeaderFileSource, parseHeadersFile } from '../header-file-source';
import { readInput, utf8Text } from '../input-reader';
import { connectNode } from '../node-source';

const NAME = 'verify';

const USAGE = `Usage: spv verify <proof-file | -> [--headers <file> | --node <url> [--network <name>]]
                  [--chain <id>] [--root <hash>] [--tenant <id>] [--json]

Verifies a proof offline: every Merkle step from the subject up to the root it reaches. Accepts
every form a proof is held in: the raw body of chainweb-node's /pact/spv answer (a JSON string of
base64url), the proof JSON {chain, object, subject, algorithm} in any key order, its bare base64url,
an SPV Cloud event proof or anchored event proof (JSON), and the binary form (bytes or base64url).
"-" reads the proof from stdin.

Trusting the root (a block hash of the target chain) needs headers you trust:
  --headers <file>   a JSON array or page {"items": [...]} of headers as the node serves them
                     (base64url strings or object-JSON headers); the root must be one of them,
                     the canonical one at its height
  --node <url>       a chainweb-node base URL, e.g. http://127.0.0.1:1848; the root must be a
                     canonical header of the target chain within the SPV root window
  --network <name>   chainweb version for --node (default: read from the node's /info)

Other checks:
  --chain <id>       the proof must target this chain (the chain redeeming it)
  --root <hash>      the proof must run to this root (base64url block hash or batch root)
  --tenant <id>      an event proof must belong to this tenant

Output:
  --json             print {"valid","kind","chain","algorithm","root","rootTrusted","subject","reason"}
  -h, --help         show this help

Exit status: 0 valid, 1 invalid (or an untrusted root), 2 bad usage or unreadable input.`;

/** What `spv verify --json` prints: exactly these keys (reason only when invalid). */
export interface VerifyReport {
  readonly valid: boolean;
  /** TX or TXOUT (Chainweb SPV proof), anchored-event, event; null when the input is no proof. */
  readonly kind: string | null;
  readonly chain: number | null;
  readonly algorithm: string | null;
  /** base64url of the root the proof runs to; null when it could not be run. */
  readonly root: string | null;
  /** Whether the root is a trusted header of `chain`; null when not checked (no --headers/--node, or an event batch root). */
  readonly rootTrusted: boolean | null;
  /** The decoded subject: the CommandResult (TXOUT) or command (TX) JSON, or the event. */
  readonly subject: unknown;
  readonly reason?: string;
}

interface VerifyOutcome {
  readonly report: VerifyReport;
  readonly message?: string;
  readonly verification?: AnyProofVerification;
}

export const verifyCommand: Command = {
  name: NAME,
  summary: 'verify an SPV, event or anchored event proof (offline, or against headers or a node)',
  usage: USAGE,
  async run(argv, io) {
    const args = parseCommandArgs(
      NAME,
      argv,
      {
        headers: { type: 'string' },
        node: { type: 'string' },
        network: { type: 'string' },
        chain: { type: 'string' },
        root: { type: 'string' },
        tenant: { type: 'string' },
        json: { type: 'boolean' },
      },
      { min: 1, max: 1, names: 'the proof file (or - for stdin)' },
    );
    if (args.help) {
      await writeLine(io.stdout, USAGE);
      return ExitCode.ok;
    }
    const { values } = args;
    if (values.headers !== undefined && values.node !== undefined)
      throw usageError('verify: give --headers or --node, not both', NAME);
    if (values.network !== undefined && values.node === undefined)
      throw usageError('verify: --network only applies with --node', NAME);
    const expectedChain = integerOption(NAME, 'chain', values.chain, 0xffffffff);
    const expectedRoot = values.root === undefined ? undefined : rootOption(values.root);
    const path = args.positionals[0] as string;

    const proofBytes = await readInput(path, io, 'proof file');
    // Read the trusted headers before judging, so an unreadable headers file is exit 2, not a verdict.
    let trustSource: (() => Promise<TrustSource>) | undefined;
    if (values.headers !== undefined) {
      const headersPath = values.headers;
      const headers = new HeaderFileSource(
        parseHeadersFile(
          utf8Text(await readInput(headersPath, io, 'headers file'), headersPath, 'headers file'),
          headersPath,
        ),
      );
      trustSource = () => Promise.resolve({ headers });
    } else if (values.node !== undefined) {
      const node = values.node;
      const network = values.network;
      trustSource = async () => {
        const connection = await connectNode(node, network, NAME);
        return {
          headers: connection.headers,
          options: async (chain) => {
            const head = (await connection.headers.cut()).get(chain);
            return head === undefined
              ? undefined
              : { currentHeight: head.height, version: connection.version };
          },
        };
      };
    }

    const outcome = await verifyProof(proofBytes, {
      ...(expectedChain !== undefined && { expectedChain }),
      ...(expectedRoot !== undefined && { expectedRoot }),
      ...(values.tenant !== undefined && { expectedTenantId: values.tenant }),
      ...(trustSource !== undefined && { trustSource }),
    });
    await writeLine(io.stdout, values.json === true ? JSON.stringify(outcome.report) : summary(outcome));
    return outcome.report.valid ? ExitCode.ok : ExitCode.invalid;
  },
};

function rootOption(text: string): Buffer {
  try {
    return hashFromBase64Url(text, '--root');
  } catch (error) {
    if (error instanceof ChainwebError)
      throw usageError(`verify: --root must be a base64url 32-byte hash (${error.message})`, NAME);
    throw error;
  }
}

interface TrustSource {
  readonly headers: HeaderSource;
  /** The oracle's bounds at the chain's current head (node only). */
  readonly options?: (chain: number) => Promise<SpvRootTrustOptions | undefined>;
}

export interface VerifyProofOptions {
  readonly expectedChain?: number;
  readonly expectedRoot?: Buffer;
  readonly expectedTenantId?: string;
  /** Connected only when a root needs authenticating, so an undecodable proof never touches the node. */
  readonly trustSource?: () => Promise<TrustSource>;
}

export async function verifyProof(input: Uint8Array, options: VerifyProofOptions): Promise<VerifyOutcome> {
  let decoded: DecodedProof;
  try {
    decoded = decodeAnyProof(input);
  } catch (error) {
    if (!(error instanceof ChainwebError)) throw error;
    return {
      report: report(
        false,
        { kind: null, chain: null, algorithm: null, root: null, subject: null },
        null,
        error.code,
      ),
      message: error.message,
    };
  }
  const verification = verifyDecodedProof(decoded, {
    ...(options.expectedChain !== undefined && { expectedChain: options.expectedChain }),
    ...(options.expectedTenantId !== undefined && { expectedTenantId: options.expectedTenantId }),
  });
  const base: ReportBase = {
    kind: kindOf(decoded, verification),
    chain: verification.chain,
    algorithm: verification.algorithm,
    root: verification.root,
    subject: subjectOf(decoded, verification),
  };
  if (!verification.valid) {
    return {
      report: report(false, base, null, verification.reason ?? 'invalid'),
      message: verification.message ?? '',
      verification,
    };
  }
  const root = Buffer.from(verification.root as string, 'base64url');
  if (options.expectedRoot !== undefined && !root.equals(options.expectedRoot)) {
    return {
      report: report(false, base, null, 'root_mismatch'),
      message: `the proof runs to ${verification.root}, not to the expected root ${options.expectedRoot.toString('base64url')}`,
      verification,
    };
  }
  // Only a block hash can be authenticated by headers; an unanchored event proof's root is a batch root.
  if (options.trustSource === undefined || decoded.kind === 'event' || verification.chain === null) {
    return { report: report(true, base, null), verification };
  }
  const source = await options.trustSource();
  const trustOptions = source.options === undefined ? undefined : await source.options(verification.chain);
  const trust: SpvRootTrust = await assessSpvRoot(verification.chain, root, source.headers, trustOptions);
  if (!trust.trusted) {
    return { report: report(false, base, false, trust.reason), message: trust.message, verification };
  }
  return { report: report(true, base, true), verification };
}

type ReportBase = Pick<VerifyReport, 'kind' | 'chain' | 'algorithm' | 'root' | 'subject'>;

/** Keys in the documented order, `reason` only when invalid. */
function report(
  valid: boolean,
  base: ReportBase,
  rootTrusted: boolean | null,
  reason?: string,
): VerifyReport {
  return {
    valid,
    kind: base.kind,
    chain: base.chain,
    algorithm: base.algorithm,
    root: base.root,
    rootTrusted,
    subject: base.subject,
    ...(!valid && { reason: reason ?? 'invalid' }),
  };
}

function kindOf(decoded: DecodedProof, verification: AnyProofVerification): string {
  if (decoded.kind !== 'spv') return decoded.kind;
  if (verification.spvKind !== undefined) return verification.spvKind;
  const subject = decoded.proof.subject;
  const tagged =
    subject.kind === 'input' && subject.bytes.length >= 2
      ? spvProofKindOfTag(subject.bytes.readUInt16BE(0))
      : undefined;
  return tagged ?? 'spv';
}

/** The subject as a reader wants it: the proven CommandResult or command as JSON, or the event. */
function subjectOf(decoded: DecodedProof, verification: AnyProofVerification): unknown {
  if (decoded.kind !== 'spv') return verification.event ?? null;
  const subject = decoded.proof.subject;
  if (subject.kind === 'tree') return { tree: subject.root.toString('base64url') };
  const body = subject.bytes.subarray(2);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return { input: subject.bytes.toString('base64url') };
  }
}

function summary({ report, message, verification }: VerifyOutcome): string {
  const lines: string[] = [];
  const what = report.kind === null ? 'input' : `${report.kind} proof`;
  lines.push(
    report.valid ? `VALID ${what}` : `INVALID ${what}: ${report.reason}${message ? ` (${message})` : ''}`,
  );
  const field = (name: string, value: string) => lines.push(`  ${name.padEnd(13)}${value}`);
  if (report.chain !== null) field('chain', String(report.chain));
  if (report.algorithm !== null) field('algorithm', report.algorithm);
  if (report.root !== null) field('root', report.root);
  if (report.root !== null || report.rootTrusted !== null) {
    field(
      'root trusted',
      report.rootTrusted === null
        ? report.kind === 'event'
          ? 'n/a (an event proof runs to its batch root; compare it with the root you hold)'
          : 'not checked (pass --headers <file> or --node <url>)'
        : report.rootTrusted
          ? 'yes'
          : 'NO',
    );
  }
  if (verification?.requestKey !== undefined) field('request key', verification.requestKey);
  const result = resultOf(report.subject);
  if (result !== undefined) field('result', result);
  if (verification?.event !== undefined) {
    const event = verification.event;
    field(
      'event',
      `#${event.index} of tenant ${JSON.stringify(event.tenantId)}, namespace ${JSON.stringify(event.namespace)}`,
    );
    field('digest', `${event.digestAlgorithm} ${Buffer.from(event.digest, 'base64url').toString('hex')}`);
  }
  if (verification?.batch !== undefined) {
    const batch = verification.batch;
    field(
      'batch',
      `${batch.id !== undefined ? `${batch.id}, ` : ''}root ${batch.root}, ${batch.leafCount} events`,
    );
  }
  return lines.join('\n');
}

/** A CommandResult's status and data, shortened to one line. */
function resultOf(subject: unknown): string | undefined {
  if (typeof subject !== 'object' || subject === null) return undefined;
  const result = (subject as Record<string, unknown>)['result'];
  if (typeof result !== 'object' || result === null) return undefined;
  const { status, data, error } = result as Record<string, unknown>;
  const detail = JSON.stringify(data ?? error ?? null);
  return `${String(status)} ${detail.length > 100 ? `${detail.slice(0, 97)}...` : detail}`;
}
