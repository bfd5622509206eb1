import { Pact, type ChainId, type IUnsignedCommand } from '@kadena/client';
import { encodeSpvProofJson, parseSpvProof, type SpvProof } from '@spv-cloud/chainweb';
import { randomBytes } from 'node:crypto';
import { ChainClientError } from '../chain-client.errors';

/** A capability a signature is scoped to, e.g. `{ name: 'coin.GAS', args: [] }`. */
export interface CapabilityGrant {
  readonly name: string;
  readonly args?: readonly (
    string | number | boolean | { readonly int: number | string } | { readonly decimal: string }
  )[];
}

export interface CommandSignerSpec {
  readonly publicKey: string;
  /** [] = unscoped (the key may satisfy any keyset: only for admin operations such as deployments). */
  readonly caps: readonly CapabilityGrant[];
}

export interface PactCommandFactoryOptions {
  /** Pact `networkId` (the network's chainweb version name, usually). */
  readonly networkId: string;
  /** The namespace our modules are deployed in. */
  readonly namespace: string;
  /** The account paying gas (`meta.sender`) and its key, which signs with `coin.GAS`. */
  readonly gasPayer: { readonly account: string; readonly publicKey: string };
  /** The key of the `<ns>.spv-cloud-operator` keyset, scoped to each module's OPERATOR capability. */
  readonly operatorPublicKey: string;
  readonly gasLimit?: number;
  readonly gasPrice?: number;
  readonly ttlSeconds?: number;
  readonly clock?: () => Date;
  readonly nonce?: () => string;
}

export interface ExecCommandInput {
  readonly code: string;
  readonly data?: Readonly<Record<string, unknown>>;
  /** Signers besides the gas payer (whose coin.GAS signature is always added). */
  readonly signers?: readonly CommandSignerSpec[];
  readonly gasLimit?: number;
}

const ID = /^[A-Za-z0-9\-_.:]{1,128}$/;
const HEX_KEY = /^[0-9a-f]{64}$/;
const NAMESPACE = /^[A-Za-z][A-Za-z0-9%#+\-_&$@<>=^?*!|/~]*$/;
const MAX_LEAF_COUNT = 4294967296n;
const MAX_LOG_SIZE = 9007199254740991n;

/**
 * Builds (unsigned) Pact commands for our contract calls with @kadena/client's Pact.builder. The
 * code is a single call with literal arguments — `(<ns>.spv-anchor.record-batch "t" "b" "<root>" 3
 * "SHA512t_256")` — the shape contracts/effects parses on the devnet. Arguments are checked with the
 * contracts' own rules first, so a bad input fails here rather than as a failed transaction.
 */
export class PactCommandFactory {
  private readonly options: Required<Omit<PactCommandFactoryOptions, 'clock' | 'nonce'>> &
    Pick<PactCommandFactoryOptions, 'clock' | 'nonce'>;

  constructor(options: PactCommandFactoryOptions) {
    if (!options || typeof options.networkId !== 'string' || options.networkId.length === 0)
      throw invalid('networkId is required');
    if (!NAMESPACE.test(options.namespace ?? ''))
      throw invalid(`namespace ${JSON.stringify(options.namespace)} is not a Pact namespace name`);
    if (typeof options.gasPayer?.account !== 'string' || options.gasPayer.account.length === 0)
      throw invalid('gasPayer.account is required');
    if (!HEX_KEY.test(options.gasPayer.publicKey ?? ''))
      throw invalid('gasPayer.publicKey must be 64 hex characters');
    if (!HEX_KEY.test(options.operatorPublicKey ?? ''))
      throw invalid('operatorPublicKey must be 64 hex characters');
    this.options = { gasLimit: 10_000, gasPrice: 0.00000001, ttlSeconds: 600, ...options };
  }

  get namespace(): string {
    return this.options.namespace;
  }

  /** `spv-anchor.record-batch`: anchors a batch root; the output's result.data is the anchor record. */
  recordBatch(
    chainId: number,
    input: {
      readonly tenantId: string;
      readonly batchId: string;
      readonly root: Buffer | string;
      readonly leafCount: number | bigint;
    },
  ): IUnsignedCommand {
    checkId(input.tenantId, 'tenantId');
    checkId(input.batchId, 'batchId');
    const root = rootText(input.root);
    const leafCount = integer(input.leafCount, 'leafCount', 1n, MAX_LEAF_COUNT);
    return this.operatorCall(chainId, 'spv-anchor', 'record-batch', [
      pactString(input.tenantId),
      pactString(input.batchId),
      pactString(root),
      leafCount.toString(),
      pactString('SHA512t_256'),
    ]);
  }

  /** `provenance-log.record-checkpoint` */
  recordCheckpoint(
    chainId: number,
    input: { readonly logId: string; readonly size: number | bigint; readonly root: Buffer | string },
  ): IUnsignedCommand {
    checkId(input.logId, 'logId');
    const size = integer(input.size, 'size', 1n, MAX_LOG_SIZE);
    return this.operatorCall(chainId, 'provenance-log', 'record-checkpoint', [
      pactString(input.logId),
      size.toString(),
      pactString(rootText(input.root)),
    ]);
  }

  /** `spv-forwarder.prepare-forward` on the target chain `chainId`. */
  prepareForward(
    chainId: number,
    input: {
      readonly tenantId: string;
      readonly batchId: string;
      readonly root: Buffer | string;
      readonly leafCount: number | bigint;
      readonly sourceChainId: number;
    },
  ): IUnsignedCommand {
    checkId(input.tenantId, 'tenantId');
    checkId(input.batchId, 'batchId');
    const leafCount = integer(input.leafCount, 'leafCount', 1n, MAX_LEAF_COUNT);
    const source = integer(input.sourceChainId, 'sourceChainId', 0n, 9999n);
    if (source === BigInt(chainId)) throw invalid('sourceChainId must differ from the target chain');
    return this.operatorCall(chainId, 'spv-forwarder', 'prepare-forward', [
      pactString(input.tenantId),
      pactString(input.batchId),
      pactString(rootText(input.root)),
      leafCount.toString(),
      pactString(source.toString()),
    ]);
  }

  /**
   * `spv-forwarder.commit-forward` with the TXOUT proof of the source chain's record-batch output,
   * passed as the decoded proof object in the message data (`proof`), read with `read-msg`.
   * Accepts the /pact/spv answer (base64url), the proof JSON, or a parsed SpvProof.
   */
  commitForward(
    chainId: number,
    input: {
      readonly tenantId: string;
      readonly batchId: string;
      readonly proof: SpvProof | string | object;
    },
  ): IUnsignedCommand {
    checkId(input.tenantId, 'tenantId');
    checkId(input.batchId, 'batchId');
    let proof: SpvProof;
    try {
      proof =
        typeof input.proof === 'object' &&
        input.proof !== null &&
        'object' in input.proof &&
        typeof (input.proof as { object?: unknown }).object !== 'string'
          ? input.proof
          : parseSpvProof(input.proof);
    } catch (error) {
      throw invalid(`proof: ${(error as Error).message}`);
    }
    if (proof.chain !== chainId)
      throw invalid(`the proof targets chain ${proof.chain}, not chain ${chainId}`);
    const proofJson = JSON.parse(encodeSpvProofJson(proof)) as Record<string, unknown>;
    return this.operatorCall(
      chainId,
      'spv-forwarder',
      'commit-forward',
      [pactString(input.tenantId), pactString(input.batchId), '(read-msg "proof")'],
      { proof: proofJson },
    );
  }

  /** `spv-forwarder.cancel-forward` */
  cancelForward(
    chainId: number,
    input: { readonly tenantId: string; readonly batchId: string },
  ): IUnsignedCommand {
    checkId(input.tenantId, 'tenantId');
    checkId(input.batchId, 'batchId');
    return this.operatorCall(chainId, 'spv-forwarder', 'cancel-forward', [
      pactString(input.tenantId),
      pactString(input.batchId),
    ]);
  }

  /** Any exec command paid by the gas payer (deployments, reads through /local). */
  exec(chainId: number, input: ExecCommandInput): IUnsignedCommand {
    if (typeof input.code !== 'string' || input.code.trim().length === 0) throw invalid('code is required');
    const gasLimit = input.gasLimit ?? this.options.gasLimit;
    if (!Number.isSafeInteger(gasLimit) || gasLimit < 1) throw invalid('gasLimit must be a positive integer');
    const clock = this.options.clock ?? (() => new Date());
    let builder = Pact.builder.execution(input.code);
    for (const [key, value] of Object.entries(input.data ?? {}))
      builder = builder.addData(key, value as never);

    // One signer per key: the gas payer's coin.GAS joins the caps of a signer with the same key.
    const bySigner = new Map<string, CapabilityGrant[] | 'unscoped'>();
    bySigner.set(this.options.gasPayer.publicKey, [{ name: 'coin.GAS' }]);
    for (const signer of input.signers ?? []) {
      if (!HEX_KEY.test(signer.publicKey))
        throw invalid(`signer key ${JSON.stringify(signer.publicKey)} must be 64 hex characters`);
      const current = bySigner.get(signer.publicKey);
      if (signer.caps.length === 0 || current === 'unscoped') bySigner.set(signer.publicKey, 'unscoped');
      else bySigner.set(signer.publicKey, [...(current ?? []), ...signer.caps]);
    }
    for (const [publicKey, caps] of bySigner) {
      if (caps === 'unscoped') builder = builder.addSigner(publicKey);
      else
        builder = builder.addSigner(publicKey, (withCapability) =>
          caps.map((c) => withCapability(c.name, ...(c.args ?? []))),
        );
    }
    const creationTime = Math.floor(clock().getTime() / 1000);
    return builder
      .setMeta({
        chainId: String(chainId) as ChainId,
        senderAccount: this.options.gasPayer.account,
        gasLimit,
        gasPrice: this.options.gasPrice,
        ttl: this.options.ttlSeconds,
        creationTime,
      })
      .setNetworkId(this.options.networkId)
      .setNonce(
        this.options.nonce
          ? this.options.nonce()
          : `spv-cloud:${creationTime}:${randomBytes(8).toString('hex')}`,
      )
      .createTransaction();
  }

  private operatorCall(
    chainId: number,
    module: string,
    fn: string,
    args: readonly string[],
    data?: Record<string, unknown>,
  ): IUnsignedCommand {
    if (!Number.isSafeInteger(chainId) || chainId < 0) throw invalid('chainId must be a chain id');
    const qualified = `${this.options.namespace}.${module}`;
    return this.exec(chainId, {
      code: `(${qualified}.${fn} ${args.join(' ')})`,
      ...(data ? { data } : {}),
      signers: [{ publicKey: this.options.operatorPublicKey, caps: [{ name: `${qualified}.OPERATOR` }] }],
    });
  }
}

function invalid(message: string): ChainClientError {
  return new ChainClientError('invalid_argument', message);
}

function checkId(value: string, what: string): void {
  if (typeof value !== 'string' || !ID.test(value))
    throw invalid(`${what} must be 1-128 characters of A-Z a-z 0-9 - _ . :`);
}

function rootText(root: Buffer | string): string {
  if (Buffer.isBuffer(root)) {
    if (root.length !== 32) throw invalid('root must be 32 bytes');
    return root.toString('base64url');
  }
  if (typeof root === 'string' && /^[A-Za-z0-9_-]{43}$/.test(root)) {
    const bytes = Buffer.from(root, 'base64url');
    if (bytes.length === 32 && bytes.toString('base64url') === root) return root;
  }
  throw invalid('root must be 32 bytes (Buffer or canonical unpadded base64url)');
}

function integer(value: number | bigint, what: string, min: bigint, max: bigint): bigint {
  const n = typeof value === 'bigint' ? value : Number.isSafeInteger(value) ? BigInt(value) : undefined;
  if (n === undefined || n < min || n > max) throw invalid(`${what} must be an integer in ${min}..${max}`);
  return n;
}

/** A Pact string literal (ids are checked to need no escapes; this stays correct for any text). */
function pactString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
