import { ChainwebError, parsePayloadJson, verifyPayload, type BlockPayload } from '@spv-cloud/chainweb';
import { writeLine } from '../cli-io';
import { CliError, ExitCode } from '../cli.errors';
import { parseCommandArgs, type Command } from '../command';
import { parseJsonInput, readInput, utf8Text } from '../input-reader';

const NAME = 'payload hash';

const USAGE = `Usage: spv payload hash <file | -> [--json]

Recomputes the Merkle roots of a block payload as chainweb-node serves it: PayloadWithOutputs
(GET .../payload/<hash>/outputs) or PayloadData (GET .../payload/<hash>, no outputs). Prints
transactionsHash, outputsHash (when the outputs are present) and payloadHash, and whether each
equals the hash recorded in the payload. Without outputs the recorded outputsHash is taken as given.

  --json       print {"valid","transactionCount","transactionsHash","outputsHash","payloadHash",
               "recorded","matches"}
  -h, --help   show this help

Exit status: 0 the recorded hashes match, 1 one does not, 2 bad usage or unreadable input.`;

type HashField = 'transactionsHash' | 'outputsHash' | 'payloadHash';

export interface PayloadHashReport {
  readonly valid: boolean;
  readonly transactionCount: number;
  readonly transactionsHash: string;
  /** Absent for a payload without outputs. */
  readonly outputsHash?: string;
  readonly payloadHash: string;
  readonly recorded: Record<HashField, string>;
  /** null for outputsHash when the payload has no outputs to recompute it from. */
  readonly matches: Record<HashField, boolean | null>;
}

export const payloadHashCommand: Command = {
  name: NAME,
  summary: 'recompute and check the hashes of a block payload',
  usage: USAGE,
  async run(argv, io) {
    const args = parseCommandArgs(
      NAME,
      argv,
      { json: { type: 'boolean' } },
      { min: 1, max: 1, names: 'the payload file (or - for stdin)' },
    );
    if (args.help) {
      await writeLine(io.stdout, USAGE);
      return ExitCode.ok;
    }
    const path = args.positionals[0] as string;
    const json = parseJsonInput(
      utf8Text(await readInput(path, io, 'payload file'), path, 'payload file'),
      path,
      'payload file',
    );
    let payload: BlockPayload;
    try {
      payload = parsePayloadJson(json);
    } catch (error) {
      if (error instanceof ChainwebError)
        throw new CliError(
          'input',
          `${JSON.stringify(path)} is not a payload as the node serves it: ${error.message}`,
        );
      throw error;
    }
    const report = payloadHashReport(payload);
    await writeLine(io.stdout, args.values.json === true ? JSON.stringify(report) : payloadSummary(report));
    return report.valid ? ExitCode.ok : ExitCode.invalid;
  },
};

export function payloadHashReport(payload: BlockPayload): PayloadHashReport {
  const verification = verifyPayload(payload);
  const { computed } = verification;
  const failed = new Set(verification.failures.map((failure) => failure.field));
  return {
    valid: verification.valid,
    transactionCount: payload.transactions.length,
    transactionsHash: computed.transactionsHash.toString('base64url'),
    ...(computed.outputsHash !== undefined && { outputsHash: computed.outputsHash.toString('base64url') }),
    payloadHash: computed.payloadHash.toString('base64url'),
    recorded: {
      transactionsHash: payload.transactionsHash.toString('base64url'),
      outputsHash: payload.outputsHash.toString('base64url'),
      payloadHash: payload.payloadHash.toString('base64url'),
    },
    matches: {
      transactionsHash: !failed.has('transactionsHash'),
      outputsHash: verification.outputsChecked ? !failed.has('outputsHash') : null,
      payloadHash: !failed.has('payloadHash'),
    },
  };
}

function payloadSummary(report: PayloadHashReport): string {
  const lines = [
    `${report.valid ? 'VALID' : 'INVALID'} payload with ${report.transactionCount} transaction${report.transactionCount === 1 ? '' : 's'}${report.outputsHash === undefined ? ' (no outputs)' : ''}`,
  ];
  for (const field of ['transactionsHash', 'outputsHash', 'payloadHash'] as const) {
    const computed = report[field];
    const match = report.matches[field];
    const verdict =
      match === null
        ? 'recorded, not recomputed (no outputs)'
        : match
          ? 'matches recorded'
          : `MISMATCH, recorded ${report.recorded[field]}`;
    lines.push(`  ${field.padEnd(18)}${computed ?? report.recorded[field]}  ${verdict}`);
  }
  return lines.join('\n');
}
