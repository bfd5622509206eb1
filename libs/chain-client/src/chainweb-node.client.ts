import {
  ChainwebError,
  blockHeaderFromObjectJson,
  chainwebVersion as knownChainwebVersion,
  chainwebVersionFromInfo,
  computeBlockHash,
  decodeBlockHeader,
  decodeBlockHeaderBase64Url,
  findKnownChainwebVersion,
  parseJsonWithBigInts,
  parsePayloadJson,
  verifyPayload,
  type BlockHeader,
  type BlockPayload,
  type ChainwebVersion,
} from '@spv-cloud/chainweb';
import { ChainClientError, classifyNodeError } from './chain-client.errors';
import { defineChainNetwork, type ChainNetwork, type ChainNetworkConfig } from './chain-network';
import type {
  BranchBounds,
  Cut,
  HeaderEncoding,
  HeaderPageQuery,
  HeaderUpdate,
  LocalOptions,
  Page,
  PactCommandResult,
  SignedPactCommand,
} from './chainweb-node.types';
import { LruHeaderCache, type HeaderCache } from './header-cache';
import {
  ChainwebHttp,
  abortableDelay,
  type FetchFunction,
  type HttpRequest,
  type RetryEvent,
} from './http/chainweb-http';
import { backoffDelayMs, resolveRetryPolicy, type RetryPolicy } from './http/retry-policy';
import { parsePactCommandResult } from './pact/pact-command-result';
import { SseParser } from './sse/sse-parser';

export interface ChainwebNodeClientOptions {
  readonly fetch?: FetchFunction;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  readonly onRetry?: (event: RetryEvent) => void;
  /** Default: an LRU of 10 000 headers. */
  readonly headerCache?: HeaderCache;
  /** Version of the network's chainweb version name, when it is not one the chainweb library knows. */
  readonly version?: ChainwebVersion;
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

const ACCEPT_JSON = 'application/json';
const ACCEPT_HEADER_OBJECT = 'application/json;blockheader-encoding=object';
const ACCEPT_BINARY = 'application/octet-stream';
const REQUEST_KEY = /^[A-Za-z0-9_-]{43}$/;

/**
 * A typed client for one chainweb-node (service API, `/chainweb/0.0/{version}`). Headers and payloads
 * are decoded with @spv-cloud/chainweb and checked (hash recomputed, requested hash and chain) before
 * they are returned or cached; node errors become ChainClientError codes.
 */

/** Versions whose chain graph is chosen by each network that runs them, not by the version. */
const NETWORK_DEFINED_GRAPH_VERSIONS: ReadonlySet<string> = new Set(['development', 'recap-development']);

export class ChainwebNodeClient {
  readonly network: ChainNetwork;
  private readonly http: ChainwebHttp;
  private readonly cache: HeaderCache;
  private readonly retryPolicy: RetryPolicy;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly fetchFn: FetchFunction;
  private versionPromise: Promise<ChainwebVersion> | undefined;

  constructor(network: ChainNetwork | ChainNetworkConfig, options: ChainwebNodeClientOptions = {}) {
    this.network = defineChainNetwork(network);
    this.retryPolicy = resolveRetryPolicy(this.network.retry);
    this.sleep = options.sleep ?? abortableDelay;
    this.random = options.random ?? Math.random;
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.http = new ChainwebHttp({
      baseUrl: this.network.baseUrl,
      timeoutMs: this.network.timeoutMs,
      retry: this.retryPolicy,
      fetch: this.fetchFn,
      sleep: this.sleep,
      random: this.random,
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    });
    this.cache = options.headerCache ?? new LruHeaderCache(10_000);
    if (options.version) this.versionPromise = Promise.resolve(options.version);
  }

  // ------------------------------------------------------------------ node

  /** GET /info (at the node root). */
  async info(options: RequestOptions = {}): Promise<Record<string, unknown>> {
    const json = await this.json({
      method: 'GET',
      path: '/info',
      endpoint: 'GET /info',
      kind: 'info',
      ...options,
    });
    if (!isRecord(json)) throw badResponse('GET /info', 'expected an object');
    return json;
  }

  /**
   * The network's chainweb version: a known public one by name, otherwise built from the node's
   * /info. Development networks share a version name but not a graph (our devnet runs 10 or 20
   * chains), so for them the node's own graph history is the only authority.
   */
  chainwebVersion(): Promise<ChainwebVersion> {
    if (!this.versionPromise) {
      const name = this.network.chainwebVersion;
      const known = NETWORK_DEFINED_GRAPH_VERSIONS.has(name) ? undefined : findKnownChainwebVersion(name);
      const promise =
        known && (this.network.versionCode === undefined || known.code === this.network.versionCode)
          ? Promise.resolve(knownChainwebVersion(name))
          : this.info().then((info) => {
              try {
                return chainwebVersionFromInfo(
                  info,
                  this.network.versionCode === undefined ? {} : { code: this.network.versionCode },
                );
              } catch (error) {
                throw new ChainClientError('bad_response', `GET /info: ${(error as Error).message}`, {
                  endpoint: 'GET /info',
                  cause: error,
                });
              }
            });
      this.versionPromise = promise;
      promise.catch(() => {
        if (this.versionPromise === promise) this.versionPromise = undefined;
      });
    }
    return this.versionPromise;
  }

  /** GET /cut */
  async cut(options: RequestOptions & { readonly maxHeight?: number } = {}): Promise<Cut> {
    const endpoint = 'GET /cut';
    const json = await this.json({
      method: 'GET',
      path: `${this.base}/cut`,
      endpoint,
      kind: 'cut',
      query: {
        maxheight: options.maxHeight === undefined ? undefined : checkHeight(options.maxHeight, 'maxHeight'),
      },
      ...requestOptions(options),
    });
    return parseCut(json, endpoint);
  }

  // ------------------------------------------------------------------ headers

  /** The header with this hash; `not_found` when the node does not have it. */
  async header(
    chainId: number,
    hash: Buffer | string,
    options: RequestOptions & { readonly encoding?: HeaderEncoding } = {},
  ): Promise<BlockHeader> {
    const wanted = toHash(hash, 'hash');
    this.chainPath(chainId, '');
    const cached = await this.cache.get(wanted);
    if (cached && cached.chainId === chainId) return cached;
    const encoding = options.encoding ?? 'base64url';
    const endpoint = 'GET /chain/{c}/header/{hash}';
    const response = await this.http.request({
      method: 'GET',
      path: this.chainPath(chainId, `/header/${wanted.toString('base64url')}`),
      endpoint,
      kind: 'header',
      accept:
        encoding === 'binary' ? ACCEPT_BINARY : encoding === 'object' ? ACCEPT_HEADER_OBJECT : ACCEPT_JSON,
      ...requestOptions(options),
    });
    let header: BlockHeader;
    if (encoding === 'binary') {
      header = decodeWith(endpoint, () => decodeBlockHeader(response.body));
    } else if (encoding === 'object') {
      const version = await this.chainwebVersion();
      header = decodeWith(endpoint, () =>
        blockHeaderFromObjectJson(response.body.toString('utf8'), { version }),
      );
    } else {
      const text = parseJsonText(response.body, endpoint);
      if (typeof text !== 'string') throw badResponse(endpoint, 'expected a JSON string');
      header = decodeWith(endpoint, () => decodeBlockHeaderBase64Url(text));
    }
    this.checkHeader(header, chainId, endpoint, wanted);
    await this.cache.set(header);
    return header;
  }

  /** Like header(), but undefined when the node does not have it. */
  async findHeader(
    chainId: number,
    hash: Buffer | string,
    options: RequestOptions & { readonly encoding?: HeaderEncoding } = {},
  ): Promise<BlockHeader | undefined> {
    try {
      return await this.header(chainId, hash, options);
    } catch (error) {
      if (error instanceof ChainClientError && error.code === 'not_found') return undefined;
      throw error;
    }
  }

  /** GET /chain/{c}/header: one page (several headers per height where there are forks). */
  async headers(
    chainId: number,
    query: HeaderPageQuery = {},
    options: RequestOptions & { readonly encoding?: Exclude<HeaderEncoding, 'binary'> } = {},
  ): Promise<Page<BlockHeader>> {
    const endpoint = 'GET /chain/{c}/header';
    return this.headerPage(
      chainId,
      endpoint,
      {
        method: 'GET',
        path: this.chainPath(chainId, '/header'),
        endpoint,
        kind: 'header',
        query: pageQuery(query),
        ...requestOptions(options),
      },
      options.encoding,
    );
  }

  /** Every header of the listing, following `next` cursors. */
  async *allHeaders(
    chainId: number,
    query: HeaderPageQuery = {},
    options: RequestOptions & { readonly encoding?: Exclude<HeaderEncoding, 'binary'> } = {},
  ): AsyncGenerator<BlockHeader> {
    let next = query.next;
    for (;;) {
      const page = await this.headers(
        chainId,
        { ...query, ...(next === undefined ? {} : { next }) },
        options,
      );
      yield* page.items;
      if (page.next === null) return;
      next = page.next;
    }
  }

  /** POST /chain/{c}/header/branch: ancestors of `upper` that are not ancestors of `lower`. */
  async headerBranch(
    chainId: number,
    bounds: BranchBounds,
    query: HeaderPageQuery = {},
    options: RequestOptions & { readonly encoding?: Exclude<HeaderEncoding, 'binary'> } = {},
  ): Promise<Page<BlockHeader>> {
    const endpoint = 'POST /chain/{c}/header/branch';
    if (!bounds || !isNonEmptyList(bounds.upper))
      throw new ChainClientError('invalid_argument', 'headerBranch: upper must list at least one hash');
    const body = {
      lower: (bounds.lower ?? []).map((h) => toHash(h, 'lower').toString('base64url')),
      upper: bounds.upper.map((h) => toHash(h, 'upper').toString('base64url')),
    };
    return this.headerPage(
      chainId,
      endpoint,
      {
        method: 'POST',
        path: this.chainPath(chainId, '/header/branch'),
        endpoint,
        kind: 'header',
        query: pageQuery(query),
        body,
        ...requestOptions(options),
      },
      options.encoding,
    );
  }

  /**
   * The header at `height` on the branch of the current cut (chainweb's canonical chain), via a branch
   * query bounded by the cut's head of that chain; undefined above that head.
   */
  async canonicalHeaderAt(
    chainId: number,
    height: number,
    options: RequestOptions & { readonly cut?: Cut } = {},
  ): Promise<BlockHeader | undefined> {
    checkHeight(height, 'height');
    const cut = options.cut ?? (await this.cut(options));
    const head = cut.hashes.get(chainId);
    if (!head)
      throw new ChainClientError('bad_response', `GET /cut: chain ${chainId} is missing from the cut`, {
        endpoint: 'GET /cut',
      });
    if (height > head.height) return undefined;
    const page = await this.headerBranch(
      chainId,
      { upper: [head.hash] },
      { minHeight: height, maxHeight: height, limit: 2 },
      options,
    );
    const matches = page.items.filter((h) => h.height === height);
    if (matches.length > 1)
      throw badResponse(
        'POST /chain/{c}/header/branch',
        `${matches.length} headers at height ${height} on one branch`,
      );
    return matches[0];
  }

  /**
   * GET /header/updates (server-sent events): every header that enters the node's cut, decoded and
   * checked. Reconnects after disconnects with backoff (bounded consecutive failures); ends when
   * `signal` aborts or the consumer stops iterating.
   */
  async *headerUpdates(
    options: {
      readonly signal?: AbortSignal;
      readonly reconnect?: boolean;
      readonly idleTimeoutMs?: number;
    } = {},
  ): AsyncGenerator<HeaderUpdate> {
    const endpoint = 'GET /header/updates';
    const url = this.http.url(`${this.base}/header/updates`);
    const version = await this.chainwebVersion();
    const idleTimeoutMs = options.idleTimeoutMs ?? 120_000;
    let failures = 0;
    for (;;) {
      if (options.signal?.aborted) return;
      const controller = new AbortController();
      const onAbort = (): void => controller.abort(options.signal?.reason);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      let idle: NodeJS.Timeout | undefined;
      const touch = (): void => {
        clearTimeout(idle);
        idle = setTimeout(() => controller.abort(new Error('idle')), idleTimeoutMs);
      };
      let failure: ChainClientError | undefined;
      try {
        touch();
        const response = await this.fetchFn(url, {
          method: 'GET',
          headers: { accept: 'text/event-stream' },
          signal: controller.signal,
        });
        if (!response.ok) {
          const text = await response.text();
          const classified = classifyNodeError(response.status, text, 'other');
          failure = new ChainClientError(classified.code, `${endpoint}: ${classified.message}`, {
            endpoint,
            status: response.status,
            nodeMessage: classified.message,
            retryable: classified.retryable,
          });
          if (!classified.retryable) throw failure;
        } else if (!response.body) {
          failure = badResponse(endpoint, 'no response body');
        } else {
          const parser = new SseParser();
          const decoder = new TextDecoder();
          for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
            touch();
            for (const event of parser.feed(decoder.decode(chunk, { stream: true }))) {
              if (event.event !== 'BlockHeader') continue;
              const update = parseHeaderUpdate(event.data, version, endpoint);
              this.checkHeader(update.header, update.header.chainId, endpoint);
              failures = 0;
              yield update;
            }
          }
          failure = new ChainClientError('unavailable', `${endpoint}: the stream ended`, { endpoint });
        }
      } catch (error) {
        if (options.signal?.aborted) return;
        if (error instanceof ChainClientError && !error.retryable) throw error;
        failure =
          error instanceof ChainClientError
            ? error
            : controller.signal.aborted
              ? new ChainClientError('timeout', `${endpoint}: no data for ${idleTimeoutMs} ms`, {
                  endpoint,
                  cause: error,
                })
              : new ChainClientError('unavailable', `${endpoint}: connection failed`, {
                  endpoint,
                  cause: error,
                });
      } finally {
        clearTimeout(idle);
        options.signal?.removeEventListener('abort', onAbort);
        controller.abort();
      }
      failures++;
      if (options.reconnect === false || failures >= this.retryPolicy.maxAttempts) {
        throw new ChainClientError(
          failure?.code ?? 'unavailable',
          failure?.message ?? `${endpoint}: disconnected`,
          { endpoint, attempts: failures, cause: failure },
        );
      }
      try {
        await this.sleep(backoffDelayMs(failures, this.retryPolicy, this.random), options.signal);
      } catch {
        return;
      }
    }
  }

  // ------------------------------------------------------------------ payloads

  /** GET /chain/{c}/payload/{h}: PayloadData (transactions and miner data), hashes verified. */
  async payload(
    chainId: number,
    payloadHash: Buffer | string,
    options: RequestOptions & { readonly height?: number } = {},
  ): Promise<BlockPayload> {
    return this.fetchPayload(chainId, payloadHash, false, options);
  }

  /** GET /chain/{c}/payload/{h}/outputs: PayloadWithOutputs, hashes verified. */
  async payloadWithOutputs(
    chainId: number,
    payloadHash: Buffer | string,
    options: RequestOptions & { readonly height?: number } = {},
  ): Promise<BlockPayload> {
    return this.fetchPayload(chainId, payloadHash, true, options);
  }

  /** payloadWithOutputs(), but undefined when the node does not have it. */
  async findPayloadWithOutputs(
    chainId: number,
    payloadHash: Buffer | string,
    options: RequestOptions & { readonly height?: number } = {},
  ): Promise<BlockPayload | undefined> {
    try {
      return await this.payloadWithOutputs(chainId, payloadHash, options);
    } catch (error) {
      if (error instanceof ChainClientError && error.code === 'not_found') return undefined;
      throw error;
    }
  }

  /** POST /chain/{c}/payload/batch: the payloads the node has among these (any order, possibly fewer). */
  async payloadBatch(
    chainId: number,
    refs: ReadonlyArray<{ readonly hash: Buffer | string; readonly height?: number }>,
    options: RequestOptions = {},
  ): Promise<BlockPayload[]> {
    return this.fetchPayloadBatch(chainId, refs, false, options);
  }

  /** POST /chain/{c}/payload/outputs/batch */
  async payloadWithOutputsBatch(
    chainId: number,
    refs: ReadonlyArray<{ readonly hash: Buffer | string; readonly height?: number }>,
    options: RequestOptions = {},
  ): Promise<BlockPayload[]> {
    return this.fetchPayloadBatch(chainId, refs, true, options);
  }

  // ------------------------------------------------------------------ Pact

  /**
   * POST /chain/{c}/pact/api/v1/send: the request keys. When a retry (after a timeout or a dropped
   * connection) is answered "already exists", the first attempt went through: that is a success.
   */
  async send(
    chainId: number,
    commands: readonly SignedPactCommand[],
    options: RequestOptions = {},
  ): Promise<string[]> {
    if (!isNonEmptyList(commands))
      throw new ChainClientError('invalid_argument', 'send: expected at least one command');
    commands.forEach(checkSignedCommand);
    const endpoint = 'POST /chain/{c}/pact/api/v1/send';
    const expected = commands.map((c) => c.hash);
    let json: unknown;
    try {
      json = await this.json({
        method: 'POST',
        path: this.chainPath(chainId, '/pact/api/v1/send'),
        endpoint,
        kind: 'send',
        body: {
          cmds: commands.map((c) => ({
            hash: c.hash,
            sigs: c.sigs.map((s) => ({ sig: s.sig })),
            cmd: c.cmd,
          })),
        },
        ...requestOptions(options),
      });
    } catch (error) {
      if (error instanceof ChainClientError && error.code === 'duplicate' && error.attempts > 1)
        return expected;
      throw error;
    }
    const keys = isRecord(json) ? json['requestKeys'] : undefined;
    if (!Array.isArray(keys) || keys.length !== expected.length || keys.some((k, i) => k !== expected[i])) {
      throw badResponse(endpoint, 'requestKeys do not match the commands sent');
    }
    return keys as string[];
  }

  /** POST /chain/{c}/pact/api/v1/poll: results of the requests that have one (by request key). */
  async poll(
    chainId: number,
    requestKeys: readonly string[],
    options: RequestOptions & { readonly confirmationDepth?: number } = {},
  ): Promise<Map<string, PactCommandResult>> {
    if (!isNonEmptyList(requestKeys))
      throw new ChainClientError('invalid_argument', 'poll: expected at least one request key');
    requestKeys.forEach((k) => checkRequestKey(k));
    const endpoint = 'POST /chain/{c}/pact/api/v1/poll';
    const json = await this.json({
      method: 'POST',
      path: this.chainPath(chainId, '/pact/api/v1/poll'),
      endpoint,
      kind: 'poll',
      query: {
        confirmationDepth:
          options.confirmationDepth === undefined
            ? undefined
            : checkHeight(options.confirmationDepth, 'confirmationDepth'),
      },
      body: { requestKeys },
      ...requestOptions(options),
    });
    if (!isRecord(json)) throw badResponse(endpoint, 'expected an object');
    const results = new Map<string, PactCommandResult>();
    for (const [key, value] of Object.entries(json)) {
      if (!requestKeys.includes(key)) continue;
      const result = parsePactCommandResult(value, endpoint);
      if (result.reqKey !== key)
        throw badResponse(endpoint, `the result for ${key} has reqKey ${result.reqKey}`);
      results.set(key, result);
    }
    return results;
  }

  /** POST /chain/{c}/pact/api/v1/listen: waits (long poll) for one result. */
  async listen(
    chainId: number,
    requestKey: string,
    options: RequestOptions = {},
  ): Promise<PactCommandResult> {
    checkRequestKey(requestKey);
    const endpoint = 'POST /chain/{c}/pact/api/v1/listen';
    const json = await this.json({
      method: 'POST',
      path: this.chainPath(chainId, '/pact/api/v1/listen'),
      endpoint,
      kind: 'listen',
      body: { listen: requestKey },
      timeoutMs: options.timeoutMs ?? this.network.listenTimeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const result = parsePactCommandResult(json, endpoint);
    if (result.reqKey !== requestKey) throw badResponse(endpoint, `answered for ${result.reqKey}`);
    return result;
  }

  /** POST /chain/{c}/pact/api/v1/local: runs a command without committing it (the preflight result when preflight is set). */
  async local(
    chainId: number,
    command: SignedPactCommand,
    options: RequestOptions & LocalOptions = {},
  ): Promise<PactCommandResult> {
    checkSignedCommand(command);
    const endpoint = 'POST /chain/{c}/pact/api/v1/local';
    const json = await this.json({
      method: 'POST',
      path: this.chainPath(chainId, '/pact/api/v1/local'),
      endpoint,
      kind: 'local',
      query: {
        preflight: options.preflight,
        signatureVerification: options.signatureVerification,
        rewindDepth:
          options.rewindDepth === undefined ? undefined : checkHeight(options.rewindDepth, 'rewindDepth'),
      },
      body: { hash: command.hash, sigs: command.sigs.map((s) => ({ sig: s.sig })), cmd: command.cmd },
      ...requestOptions(options),
    });
    const inner = isRecord(json) && isRecord(json['preflightResult']) ? json['preflightResult'] : json;
    return parsePactCommandResult(inner, endpoint);
  }

  /**
   * POST /chain/{source}/pact/spv: the TXOUT proof of a transaction for `targetChainId`, as the
   * base64url text the node returns (a continuation's `proof`; parseSpvProof decodes it).
   * `tx_not_found` before the transaction is mined, `target_not_reachable` (retryable) until the
   * target chain has reached the proof's target height.
   */
  async spv(
    sourceChainId: number,
    requestKey: string,
    targetChainId: number,
    options: RequestOptions = {},
  ): Promise<string> {
    checkRequestKey(requestKey);
    this.chainPath(targetChainId, '');
    const endpoint = 'POST /chain/{c}/pact/spv';
    const json = await this.json({
      method: 'POST',
      path: this.chainPath(sourceChainId, '/pact/spv'),
      endpoint,
      kind: 'spv',
      body: { requestKey, targetChainId: String(targetChainId) },
      ...requestOptions(options),
    });
    if (typeof json !== 'string' || !/^[A-Za-z0-9_-]+$/.test(json))
      throw badResponse(endpoint, 'expected a JSON string of base64url');
    return json;
  }

  // ------------------------------------------------------------------ internals

  private get base(): string {
    return `/chainweb/0.0/${encodeURIComponent(this.network.chainwebVersion)}`;
  }

  private chainPath(chainId: number, rest: string): string {
    if (!Number.isInteger(chainId) || !this.network.chainIds.includes(chainId)) {
      throw new ChainClientError(
        'unknown_chain',
        `chain ${String(chainId)} is not a chain of network ${this.network.name} (${this.network.chainIds.join(', ')})`,
      );
    }
    return `${this.base}/chain/${chainId}${rest}`;
  }

  private async json(request: HttpRequest): Promise<unknown> {
    const response = await this.http.request({ accept: ACCEPT_JSON, ...request });
    return parseJsonText(response.body, request.endpoint);
  }

  private checkHeader(header: BlockHeader, chainId: number, endpoint: string, wanted?: Buffer): void {
    if (header.chainId !== chainId)
      throw badResponse(endpoint, `header of chain ${header.chainId}, expected chain ${chainId}`);
    if (wanted && !header.hash.equals(wanted))
      throw badResponse(
        endpoint,
        `header ${header.hash.toString('base64url')}, expected ${wanted.toString('base64url')}`,
      );
    if (!computeBlockHash(header).equals(header.hash))
      throw badResponse(endpoint, `header ${header.hash.toString('base64url')} does not hash to its hash`);
  }

  private async headerPage(
    chainId: number,
    endpoint: string,
    request: HttpRequest,
    encoding: Exclude<HeaderEncoding, 'binary'> = 'base64url',
  ): Promise<Page<BlockHeader>> {
    const version = encoding === 'object' ? await this.chainwebVersion() : undefined;
    const response = await this.http.request({
      ...request,
      accept: encoding === 'object' ? ACCEPT_HEADER_OBJECT : ACCEPT_JSON,
    });
    // Object-encoded headers carry featureFlags as a bare u64 number: keep it exact.
    const json =
      encoding === 'object'
        ? decodeWith(endpoint, () => parseJsonWithBigInts(response.body.toString('utf8')))
        : parseJsonText(response.body, endpoint);
    if (!isRecord(json) || !Array.isArray(json['items']))
      throw badResponse(endpoint, 'expected a page {limit, items, next}');
    const next = json['next'];
    if (
      next !== null &&
      next !== undefined &&
      (typeof next !== 'string' || !/^(inclusive|exclusive):[A-Za-z0-9_-]+$/.test(next))
    )
      throw badResponse(endpoint, 'bad next cursor');
    const items = (json['items'] as unknown[]).map((item) => {
      const header =
        encoding === 'object'
          ? decodeWith(endpoint, () => blockHeaderFromObjectJson(item, { version: version! }))
          : typeof item === 'string'
            ? decodeWith(endpoint, () => decodeBlockHeaderBase64Url(item))
            : (() => {
                throw badResponse(endpoint, 'expected base64url header items');
              })();
      this.checkHeader(header, chainId, endpoint);
      return header;
    });
    for (const header of items) await this.cache.set(header);
    const limit = json['limit'];
    return {
      items,
      limit: typeof limit === 'number' ? limit : typeof limit === 'bigint' ? Number(limit) : items.length,
      next: typeof next === 'string' ? next : null,
    };
  }

  private async fetchPayload(
    chainId: number,
    payloadHash: Buffer | string,
    withOutputs: boolean,
    options: RequestOptions & { readonly height?: number },
  ): Promise<BlockPayload> {
    const wanted = toHash(payloadHash, 'payloadHash');
    const endpoint = withOutputs ? 'GET /chain/{c}/payload/{h}/outputs' : 'GET /chain/{c}/payload/{h}';
    const json = await this.json({
      method: 'GET',
      path: this.chainPath(
        chainId,
        `/payload/${wanted.toString('base64url')}${withOutputs ? '/outputs' : ''}`,
      ),
      endpoint,
      kind: 'payload',
      query: { height: options.height === undefined ? undefined : checkHeight(options.height, 'height') },
      ...requestOptions(options),
    });
    const payload = this.checkPayload(json, endpoint, withOutputs);
    if (!payload.payloadHash.equals(wanted))
      throw badResponse(
        endpoint,
        `payload ${payload.payloadHash.toString('base64url')}, expected ${wanted.toString('base64url')}`,
      );
    return payload;
  }

  private async fetchPayloadBatch(
    chainId: number,
    refs: ReadonlyArray<{ readonly hash: Buffer | string; readonly height?: number }>,
    withOutputs: boolean,
    options: RequestOptions,
  ): Promise<BlockPayload[]> {
    if (!isNonEmptyList(refs))
      throw new ChainClientError('invalid_argument', 'payload batch: expected at least one payload hash');
    const hashes = refs.map((r) => toHash(r.hash, 'hash'));
    const withHeights = refs.some((r) => r.height !== undefined);
    if (withHeights && refs.some((r) => r.height === undefined))
      throw new ChainClientError(
        'invalid_argument',
        'payload batch: give a height for every hash or for none',
      );
    const endpoint = withOutputs ? 'POST /chain/{c}/payload/outputs/batch' : 'POST /chain/{c}/payload/batch';
    const body = withHeights
      ? {
          heights: refs.map((r) => checkHeight(r.height!, 'height')),
          hashes: hashes.map((h) => h.toString('base64url')),
        }
      : hashes.map((h) => h.toString('base64url'));
    const json = await this.json({
      method: 'POST',
      path: this.chainPath(chainId, withOutputs ? '/payload/outputs/batch' : '/payload/batch'),
      endpoint,
      kind: 'payload',
      body,
      ...requestOptions(options),
    });
    if (!Array.isArray(json)) throw badResponse(endpoint, 'expected a list');
    const requested = new Set(hashes.map((h) => h.toString('base64url')));
    return json
      .map((item) => this.checkPayload(item, endpoint, withOutputs))
      .filter((p) => requested.has(p.payloadHash.toString('base64url')));
  }

  private checkPayload(json: unknown, endpoint: string, withOutputs: boolean): BlockPayload {
    const payload = decodeWith(endpoint, () => parsePayloadJson(json));
    if (withOutputs && payload.outputs === undefined)
      throw badResponse(endpoint, 'expected PayloadWithOutputs');
    const verification = decodeWith(endpoint, () => verifyPayload(payload));
    if (!verification.valid)
      throw badResponse(endpoint, `payload ${payload.payloadHash.toString('base64url')} does not verify`);
    return payload;
  }
}

// ---------------------------------------------------------------------- helpers

function requestOptions(options: RequestOptions): Pick<HttpRequest, 'signal' | 'timeoutMs'> {
  return {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
}

/** Not a type guard: Array.isArray would narrow readonly arrays to any[]. */
function isNonEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badResponse(endpoint: string, message: string, cause?: unknown): ChainClientError {
  return new ChainClientError('bad_response', `${endpoint}: ${message}`, {
    endpoint,
    ...(cause === undefined ? {} : { cause }),
  });
}

function decodeWith<T>(endpoint: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof ChainwebError) throw badResponse(endpoint, `${error.code}: ${error.message}`, error);
    throw error;
  }
}

function parseJsonText(body: Buffer, endpoint: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw badResponse(endpoint, 'the body is not JSON', error);
  }
}

function toHash(value: Buffer | string, what: string): Buffer {
  if (Buffer.isBuffer(value)) {
    if (value.length !== 32) throw new ChainClientError('invalid_argument', `${what}: expected 32 bytes`);
    return value;
  }
  if (typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value)) {
    const bytes = Buffer.from(value, 'base64url');
    if (bytes.length === 32 && bytes.toString('base64url') === value) return bytes;
  }
  throw new ChainClientError(
    'invalid_argument',
    `${what}: expected a 32-byte hash (Buffer or unpadded base64url)`,
  );
}

function checkHeight(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new ChainClientError('invalid_argument', `${what}: expected a non-negative integer`);
  return value;
}

function checkRequestKey(key: string): void {
  if (
    typeof key !== 'string' ||
    !REQUEST_KEY.test(key) ||
    Buffer.from(key, 'base64url').toString('base64url') !== key
  ) {
    throw new ChainClientError(
      'invalid_argument',
      `request key ${JSON.stringify(key)} is not 32 bytes of unpadded base64url`,
    );
  }
}

function checkSignedCommand(command: SignedPactCommand): void {
  if (!isRecord(command) || typeof command.cmd !== 'string' || !Array.isArray(command.sigs)) {
    throw new ChainClientError('invalid_argument', 'a command needs hash, sigs and cmd');
  }
  checkRequestKey(command.hash);
  for (const s of command.sigs) {
    if (!isRecord(s) || typeof s.sig !== 'string')
      throw new ChainClientError('invalid_argument', `command ${command.hash}: every signature needs a sig`);
  }
}

function pageQuery(query: HeaderPageQuery): HttpRequest['query'] {
  if (query.limit !== undefined && (!Number.isSafeInteger(query.limit) || query.limit < 1))
    throw new ChainClientError('invalid_argument', 'limit: expected a positive integer');
  if (query.next !== undefined && !/^(inclusive|exclusive):[A-Za-z0-9_-]+$/.test(query.next))
    throw new ChainClientError('invalid_argument', 'next: expected a cursor from a previous page');
  return {
    limit: query.limit,
    next: query.next,
    minheight: query.minHeight === undefined ? undefined : checkHeight(query.minHeight, 'minHeight'),
    maxheight: query.maxHeight === undefined ? undefined : checkHeight(query.maxHeight, 'maxHeight'),
  };
}

function parseCut(json: unknown, endpoint: string): Cut {
  if (!isRecord(json) || !isRecord(json['hashes']))
    throw badResponse(endpoint, 'expected {hashes, height, weight, id, instance}');
  const hashes = new Map<number, { height: number; hash: Buffer }>();
  for (const [key, value] of Object.entries(json['hashes'])) {
    if (!/^(0|[1-9]\d*)$/.test(key) || !isRecord(value)) throw badResponse(endpoint, `bad cut entry ${key}`);
    const height = value['height'];
    const hash = value['hash'];
    if (typeof height !== 'number' || !Number.isSafeInteger(height) || height < 0 || typeof hash !== 'string')
      throw badResponse(endpoint, `bad cut entry ${key}`);
    let bytes: Buffer;
    try {
      bytes = toHash(hash, `cut hash of chain ${key}`);
    } catch (error) {
      throw badResponse(endpoint, (error as Error).message, error);
    }
    hashes.set(Number(key), { height, hash: bytes });
  }
  const { height, weight, id, instance } = json;
  if (
    typeof height !== 'number' ||
    typeof weight !== 'string' ||
    typeof id !== 'string' ||
    typeof instance !== 'string'
  )
    throw badResponse(endpoint, 'missing height, weight, id or instance');
  return { height, weight, id, instance, hashes };
}

function parseHeaderUpdate(data: string, version: ChainwebVersion, endpoint: string): HeaderUpdate {
  const json = decodeWith(endpoint, () => parseJsonWithBigInts(data));
  if (!isRecord(json) || !isRecord(json['header']))
    throw badResponse(endpoint, 'expected {header, txCount, powHash, target}');
  const header = decodeWith(endpoint, () => blockHeaderFromObjectJson(json['header'], { version }));
  const txCount = typeof json['txCount'] === 'bigint' ? Number(json['txCount']) : json['txCount'];
  const { powHash, target } = json;
  if (
    typeof txCount !== 'number' ||
    !Number.isSafeInteger(txCount) ||
    txCount < 0 ||
    typeof powHash !== 'string' ||
    typeof target !== 'string'
  ) {
    throw badResponse(endpoint, 'bad txCount, powHash or target');
  }
  return { header, txCount, powHash, target };
}
