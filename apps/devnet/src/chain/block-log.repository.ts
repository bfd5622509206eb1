import {
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  writeSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
  renameSync,
} from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  type BlockPayload,
  computeBlockHash,
  decodeBlockHeaderBase64Url,
  encodeBlockHeaderBase64Url,
  parsePayloadJson,
  payloadWithOutputsToJson,
  verifyPayload,
} from '@spv-cloud/chainweb';
import { DevnetError } from '../config/devnet.errors';
import { loadStateChange, type StateChange, storeStateChange } from '../contracts/chain-contract-state';
import type { DevnetChainCount } from './devnet-version';
import { type StoredBlock, storedBlock } from './chain-store';

export const DEVNET_DATA_FORMAT = 'spv-cloud-devnet/1';
const META_FILE = 'devnet.json';
const BLOCKS_FILE = 'blocks.ndjson';

/** What a data directory holds about the chain it stores; fixed when the chain is created. */
export interface DevnetChainMeta {
  readonly format: typeof DEVNET_DATA_FORMAT;
  readonly version: string;
  readonly chains: DevnetChainCount;
  /** µs, as a decimal string. */
  readonly blockDelay: string;
  readonly createdAt: string;
}

/** One block of a cut as the log keeps it: the header, the payload, and what it did to the Pact state. */
export interface LoggedBlock {
  readonly block: StoredBlock;
  readonly changes: readonly StateChange[];
  /** The chain's next txId after this block. */
  readonly nextTxId: number;
}

/**
 * The devnet's data directory: `devnet.json` (the chain's parameters) and `blocks.ndjson`, an
 * append-only log with one line per cut — every chain's header (base64url binary), payload
 * (PayloadWithOutputs JSON) and the Pact state changes of its transactions. The contract state is
 * rebuilt on start by applying the logged changes in order, so the log is the only source of truth.
 * A cut is one write: a crash leaves at most a partial last line, which is dropped on the next start.
 */
export class BlockLogRepository {
  private fd: number | undefined;

  constructor(readonly dataDir: string) {}

  /** Deletes the chain (only the devnet's own files). */
  reset(): void {
    rmSync(join(this.dataDir, META_FILE), { force: true });
    rmSync(join(this.dataDir, BLOCKS_FILE), { force: true });
  }

  readMeta(): DevnetChainMeta | undefined {
    const path = join(this.dataDir, META_FILE);
    if (!existsSync(path)) return undefined;
    let meta: DevnetChainMeta;
    try {
      meta = JSON.parse(readFileSync(path, 'utf8')) as DevnetChainMeta;
    } catch (error) {
      throw new DevnetError('corrupt_data', `${path} is not JSON: ${(error as Error).message}`);
    }
    if (
      meta.format !== DEVNET_DATA_FORMAT ||
      (meta.chains !== 10 && meta.chains !== 20) ||
      !/^[1-9]\d*$/.test(meta.blockDelay)
    ) {
      throw new DevnetError('corrupt_data', `${path} is not a ${DEVNET_DATA_FORMAT} chain description`);
    }
    return meta;
  }

  writeMeta(meta: DevnetChainMeta): void {
    mkdirSync(this.dataDir, { recursive: true });
    const path = join(this.dataDir, META_FILE);
    writeFileSync(`${path}.tmp`, `${JSON.stringify(meta, null, 2)}\n`);
    renameSync(`${path}.tmp`, path);
  }

  /**
   * Reads every complete cut, checking each header's hash and each payload's hashes, and calls
   * `onCut` in order. A trailing partial line is cut off the file.
   */
  async readCuts(onCut: (height: number, blocks: LoggedBlock[]) => void): Promise<void> {
    const path = join(this.dataDir, BLOCKS_FILE);
    if (!existsSync(path)) return;
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    let goodBytes = 0;
    let expectedHeight = 0;
    let partial = false;
    for await (const line of lines) {
      if (partial) throw new DevnetError('corrupt_data', `${path}: a damaged line is followed by more data`);
      let parsed: { height: number; blocks: unknown[] } | undefined;
      try {
        parsed = JSON.parse(line) as { height: number; blocks: unknown[] };
      } catch {
        partial = true;
        continue;
      }
      if (parsed.height !== expectedHeight || !Array.isArray(parsed.blocks)) {
        throw new DevnetError('corrupt_data', `${path}: expected the cut at height ${expectedHeight}`);
      }
      onCut(
        parsed.height,
        parsed.blocks.map((raw) => this.loadBlock(raw, parsed.height)),
      );
      expectedHeight++;
      goodBytes += Buffer.byteLength(line, 'utf8') + 1;
    }
    if (partial) truncateSync(path, goodBytes);
  }

  appendCut(height: number, blocks: readonly LoggedBlock[]): void {
    if (this.fd === undefined) {
      mkdirSync(this.dataDir, { recursive: true });
      this.fd = openSync(join(this.dataDir, BLOCKS_FILE), 'a');
    }
    const line = JSON.stringify({
      height,
      blocks: blocks.map(({ block, changes, nextTxId }) => ({
        header: encodeBlockHeaderBase64Url(block.header),
        payload: payloadWithOutputsToJson(block.payload),
        changes: changes.map(storeStateChange),
        nextTxId,
      })),
    });
    writeSync(this.fd, `${line}\n`);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private loadBlock(raw: unknown, height: number): LoggedBlock {
    const where = `${join(this.dataDir, BLOCKS_FILE)} at height ${height}`;
    try {
      const entry = raw as { header: string; payload: unknown; changes: unknown[]; nextTxId: number };
      const header = decodeBlockHeaderBase64Url(entry.header);
      if (!computeBlockHash(header).equals(header.hash) || header.height !== height) {
        throw new Error(`header of chain ${header.chainId} does not hash to its hash`);
      }
      const payload: BlockPayload = parsePayloadJson(entry.payload);
      if (!verifyPayload(payload).valid || !payload.payloadHash.equals(header.payloadHash)) {
        throw new Error(`payload of chain ${header.chainId} does not match its header`);
      }
      if (!Number.isSafeInteger(entry.nextTxId) || !Array.isArray(entry.changes))
        throw new Error('bad state record');
      return {
        block: storedBlock(header, payload),
        changes: entry.changes.map(loadStateChange),
        nextTxId: entry.nextTxId,
      };
    } catch (error) {
      if (error instanceof DevnetError) throw error;
      throw new DevnetError('corrupt_data', `${where}: ${(error as Error).message}`);
    }
  }
}
