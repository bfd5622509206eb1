// Generated from the API's OpenAPI document by libs/api-client/scripts/generate-openapi.mjs.
// Do not edit: run `npm run generate -w @spv-cloud/api-client` after changing an API route.

/** The `info.version` of the document these types were generated from. */
export const API_DOCUMENT_VERSION = "0.1.0";

export type Problem = {
  /** URI reference identifying the problem type. */
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Machine-readable error code; the same string GraphQL puts in extensions.code. */
  code: string;
  /** Echoed in the X-Request-Id header and every log line of the request. */
  requestId: string;
  invalidParams?: Array<{
    name: string;
    reason: string;
  }>;
};

export type ApiKeyPage = {
  items: ApiKey[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
};

export type ApiKey = {
  id: string;
  name: string;
  scopes: Array<"proofs:read" | "proofs:write" | "events:write" | "batches:read" | "batches:write" | "verify" | "audit:read" | "usage:read">;
  /** The first characters of the key, to recognise it. */
  start: string;
  environment: "live" | "test";
  status: "active" | "expired" | "revoked";
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** Updated in batches, so it may lag by up to a minute. */
  lastUsedAt: string | null;
  rotatedFromId: string | null;
};

export type CreatedApiKey = {
  id: string;
  name: string;
  scopes: Array<"proofs:read" | "proofs:write" | "events:write" | "batches:read" | "batches:write" | "verify" | "audit:read" | "usage:read">;
  start: string;
  /** The secret key. Shown only in this response: store it now. */
  key: string;
  environment: "live" | "test";
  createdAt: string;
  expiresAt: string | null;
};

export type CreateApiKeyRequest = {
  name: string;
  scopes: Array<"proofs:read" | "proofs:write" | "events:write" | "batches:read" | "batches:write" | "verify" | "audit:read" | "usage:read">;
  /** When the key stops working; must be in the future. */
  expiresAt?: string;
};

export type RotateApiKeyRequest = {
  /** How long the old key keeps working; 0 revokes it at once. */
  gracePeriodSeconds?: number;
};

export type AuditLogPage = {
  items: AuditLogEntry[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
};

export type AuditLogEntry = {
  id: string;
  action: string;
  actorType: "user" | "api_key" | "system";
  actorId: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  metadata: {
    [key: string]: unknown;
  };
  createdAt: string;
};

export type AuthSession = {
  /** JWT for `Authorization: Bearer`; short-lived. */
  accessToken: string;
  /** Single-use; exchange at /v1/auth/refresh for a new pair. */
  refreshToken: string;
  /** Access token lifetime in seconds. */
  expiresIn: number;
  user: {
    id: string;
    email: string;
  };
  tenant: {
    id: string;
    name: string;
  };
};

export type AcceptInvitationRequest = {
  token: string;
  /** The existing account's password, or the new account's (12+ characters). */
  password: string;
  displayName?: string;
};

export type LoginRequest = {
  email: string;
  password: string;
  /** Which tenant to open a session for; defaults to the oldest membership. */
  tenantId?: string;
};

export type RefreshRequest = {
  refreshToken: string;
};

export type SignupRequest = {
  email: string;
  password: string;
  tenantName: string;
};

export type BatchPage = {
  items: Batch[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
};

export type Batch = {
  id: string;
  status: "open" | "sealed" | "submitted" | "confirmed" | "failed" | "superseded";
  namespace: string;
  /** The Merkle root, unpadded base64url (as recorded on chain); null while open. */
  root: string | null;
  leafCount: number;
  digestAlgorithm: string;
  network: string;
  chainId: number;
  /** Request key of the anchoring transaction. */
  requestKey: string | null;
  blockHash: string | null;
  height: number | null;
  attempts: number;
  /** After a fork: the batch that re-anchored these events. */
  supersededById: string | null;
  createdAt: string;
  sealedAt: string | null;
  submittedAt: string | null;
  confirmedAt: string | null;
};

export type SubmitEventsResponse = {
  /** One entry per submitted event, in request order. */
  events: AcceptedEvent[];
};

export type AcceptedEvent = {
  id: string;
  status: "received" | "batched" | "submitted" | "anchored" | "proof_ready" | "failed";
};

/** JSON: {"events": [...]} with up to 10,000 events. For larger uploads send application/x-ndjson, one event object per line. */
export type SubmitEventsRequest = {
  events: EventSubmission[];
};

export type EventSubmission = {
  /** The event's digest in hex; its length must match the tenant's eventDigestAlgorithm. */
  digest?: string;
  /** Raw data hashed server-side (UTF-8) with the tenant's eventDigestAlgorithm; never stored. */
  data?: string;
  namespace?: string;
  /** Chooses the anchoring chain (consistent hashing); events with the same key share a chain. */
  routingKey?: string;
  /** Resubmitting an event with the same key returns the first one instead of storing it again. */
  idempotencyKey?: string;
  metadata?: {
    [key: string]: __schema0;
  };
  signature?: EventSignature;
};

export type __schema0 = string | number | boolean | null | __schema0[] | {
  [key: string]: __schema0;
};

/** ed25519 signature over digest ‖ u64be(timestamp) ‖ nonce with a registered submitter key. */
export type EventSignature = {
  keyId: string;
  /** Milliseconds since the epoch; signed as an 8-byte big-endian integer. */
  timestamp: number;
  /** Unique per submitter key; signed as its ASCII bytes. */
  nonce: string;
  value: string;
};

export type Event = {
  id: string;
  status: "received" | "batched" | "submitted" | "anchored" | "proof_ready" | "failed";
  batchId: string | null;
  /** When the proof is expected to be ready; null once it is (or if anchoring failed). */
  eta: string | null;
  namespace: string;
  digestAlgorithm: string;
  /** hex */
  digest: string;
  createdAt: string;
  anchoredAt: string | null;
};

/** The anchored event proof JSON of libs/chainweb (verifiable offline with `spv verify`). */
export type AnchoredEventProof = {
  type: "spv-cloud/anchored-event-proof";
  version: number;
  [key: string]: unknown;
};

export type WhoAmI = {
  kind: "user" | "api_key";
  tenantId: string;
  userId: string | null;
  role: string | null;
  apiKeyId: string | null;
  scopes: string[] | null;
  plan: string;
};

export type Proof = {
  id: string;
  status: "waiting_inclusion" | "waiting_reachability" | "ready" | "expiring" | "refreshed" | "expired" | "failed";
  /** When the next state is expected, while waiting. */
  eta: string | null;
  network: string;
  chainId: number;
  requestKey: string;
  targetChainId: number;
  kind: "TX" | "TXOUT";
  mode: "on_demand" | "precompute";
  createdAt: string;
  completedAt: string | null;
  /** When the proof root leaves the SPV root window (refreshed before, while retained). */
  expiresAt: string | null;
  error: {
    code: string;
    message: string;
  } | null;
  proof?: SpvProofPayload;
};

export type SpvProofPayload = {
  /** The `/pact/spv` answer: base64url of the proof JSON, what a continuation takes as `proof`. */
  encoded: string;
  /** The proof JSON: {chain, object, subject, algorithm}. */
  json: {
    [key: string]: unknown;
  };
  /** sha256 (hex) of the evidence bundle; the `proofHash` of its provenance entries. */
  bundleHash: string;
};

export type CreateProofRequest = {
  /** Default: the service's default network. */
  network?: string;
  /** The chain the transaction ran on. */
  chainId: number;
  /** The transaction's request key (`/send` answer, `/poll` key). */
  requestKey: string;
  /** The chain the proof will be redeemed on (the same chain for a same-chain proof). */
  targetChainId: number;
  /** TXOUT proves the output (what Pact `verify-spv` takes); TX the command. */
  kind?: "TXOUT" | "TX";
  /** precompute: generated ahead, as soon as possible (watches use it). */
  mode?: "on_demand" | "precompute";
};

export type EvidenceBundle = {
  /** The stored evidence bundle (spv-cloud/evidence-bundle@1). */
  bundle: {
    [key: string]: unknown;
  };
  bundleHash: string;
  /** This tenant's provenance entries, inclusion proofs and checkpoint. */
  provenance: {
    [key: string]: unknown;
  } | null;
};

export type ProofVerification = {
  valid: boolean;
  kind: "spv" | "anchored-event" | "event" | null;
  form: string | null;
  chain: number | null;
  /** The root the proof reaches; authenticate it as a canonical block hash of `chain`. */
  root: string | null;
  checksPassed: Array<"decoded" | "tenant" | "inclusion" | "spv" | "anchor_record" | "expected_chain" | "expected_root">;
  reason: string | null;
  message: string | null;
  requestKey: string | null;
  event: {
    tenantId: string;
    namespace: string;
    index: number;
    digestAlgorithm: string;
    digest: string;
  } | null;
  batch: {
    id: string | null;
    root: string;
    leafCount: number;
  } | null;
};

export type VerifyProofRequest = {
  /** Any proof we issue or chainweb-node serves: the /pact/spv body, its base64url, the proof JSON (object or text), the anchored event proof JSON, or the binary envelope in base64. */
  proof: string | {
    [key: string]: unknown;
  };
  /** Event proofs must belong to this tenant. */
  expectedTenantId?: string;
  expectedChain?: number;
  /** The block hash (or batch root of an unanchored event proof) the proof must reach. */
  expectedRoot?: string;
};

export type ProofProvenance = {
  proofId: string;
  entries: ProvenanceEntry[];
  checkpoint: ProvenanceCheckpoint | null;
  inclusion: Array<{
    sequence: string;
    /** merkle-log proof object, base64url */
    proof: string;
  }>;
  anchoredProof: {
    status: string;
    encoded?: string;
    json?: {
      [key: string]: unknown;
    };
    bundleHash?: string;
  } | null;
};

export type ProvenanceEntry = {
  sequence: string;
  action: "issued" | "refreshed" | "deleted";
  subjectKind: string;
  subjectId: string;
  proofHash: string;
  nodeUrl: string;
  chainwebVersion: string;
  serviceVersion: string;
  buildHash: string;
  observedAt: string;
  recordedAt: string;
  /** base64url of the canonical bytes the leaf hashes */
  entryBytes: string;
  /** base64url: SHA-512/256(0x00 ‖ entry bytes) */
  leafHash: string;
};

export type ProvenanceCheckpoint = {
  logId: string;
  treeSize: string;
  rootHash: string;
  /** base64url Ed25519 over "spv-cloud provenance checkpoint v1\n<logId>\n<size>\n<root>\n" */
  signature: string;
  signingKeyId: string;
  createdAt: string;
  anchor: {
    network: string;
    chainId: number;
    requestKey: string;
    blockHash: string | null;
    blockHeight: number | null;
    anchoredAt: string | null;
  } | null;
};

export type ProvenanceCheckpointList = {
  items: ProvenanceCheckpoint[];
};

export type ProvenanceConsistency = {
  logId: string;
  from: ProvenanceCheckpoint;
  to: ProvenanceCheckpoint;
  /** RFC 6962 consistency proof: node hashes, base64url */
  proof: string[];
};

export type SubmitterKeyList = {
  items: SubmitterKey[];
};

export type SubmitterKey = {
  id: string;
  name: string;
  algorithm: "ed25519";
  /** hex */
  publicKey: string;
  status: "active" | "revoked";
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type RegisterSubmitterKeyRequest = {
  name: string;
  publicKey: string;
};

export type Tenant = {
  id: string;
  name: string;
  slug: string;
  plan: "free" | "pro" | "enterprise";
  status: "active" | "suspended" | "deleted";
  settings: {
    [key: string]: string | number | boolean | null;
  };
  createdAt: string;
};

export type UpdateTenantRequest = {
  name?: string;
  /** Merged into the current settings; a null value removes a setting. */
  settings?: {
    [key: string]: string | number | boolean | null;
  };
};

export type InvitationList = {
  items: Invitation[];
};

export type Invitation = {
  id: string;
  email: string;
  role: "owner" | "admin" | "developer" | "finance" | "viewer";
  status: "pending" | "accepted" | "revoked" | "expired";
  expiresAt: string;
  createdAt: string;
};

export type MemberList = {
  items: Member[];
};

export type Member = {
  userId: string;
  email: string;
  displayName: string | null;
  role: "owner" | "admin" | "developer" | "finance" | "viewer";
  joinedAt: string;
};

export type CreatedInvitation = {
  id: string;
  email: string;
  role: "owner" | "admin" | "developer" | "finance" | "viewer";
  status: "pending" | "accepted" | "revoked" | "expired";
  expiresAt: string;
  createdAt: string;
  /** Secret the invitee passes to POST /v1/auth/accept-invitation. Shown only in this response. */
  token: string;
};

export type InviteMemberRequest = {
  email: string;
  role: "owner" | "admin" | "developer" | "finance" | "viewer";
};

export type ChangeMemberRoleRequest = {
  role: "owner" | "admin" | "developer" | "finance" | "viewer";
};

export type RetentionPolicy = {
  hotTtlDays: number;
  archiveYears: number;
  legalHold: boolean;
  legalHoldReason: string | null;
  legalHoldSetAt: string | null;
  hotTtlDayChoices: number[];
  deleteAfterDays: number | null;
};

export type UpdateRetentionPolicyRequest = {
  /** Days an issued proof stays in the hot storage class: 1, 7, 30, 90, 180, 365. */
  hotTtlDays?: number;
  archiveYears?: number;
  legalHold?: boolean;
  legalHoldReason?: string;
};

export type WatchList = {
  items: Watch[];
};

export type Watch = {
  id: string;
  status: "active" | "fired" | "expired" | "cancelled";
  network: string;
  chainId: number;
  requestKey: string;
  targetChainId: number;
  kind: "TX" | "TXOUT";
  /** The precomputed proof: GET /v1/proofs/{proofId}. */
  proofId: string | null;
  proofStatus: "waiting_inclusion" | "waiting_reachability" | "ready" | "expiring" | "refreshed" | "expired" | "failed" | null;
  firedAt: string | null;
  expiresAt: string | null;
  createdAt: string;
};

export type CreateWatchRequest = {
  network?: string;
  chainId: number;
  /** The transaction's request key (`/send` answer, `/poll` key). */
  requestKey: string;
  /** Default: the same chain. */
  targetChainId?: number;
  kind?: "TXOUT" | "TX";
};

export type WebhookEndpointList = {
  items: WebhookEndpoint[];
};

export type WebhookEndpoint = {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  failureCount: number;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  createdAt: string;
};

export type CreatedWebhookEndpoint = {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  failureCount: number;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  createdAt: string;
  /** Verify deliveries with it: spv-signature is t=<unix>,v1=hex(HMAC-SHA256(secret, "<t>.<body>")). Shown only here. */
  signingSecret: string;
};

export type CreateWebhookRequest = {
  url: string;
  description?: string;
  /** Types delivered to this endpoint; empty = all. */
  eventTypes?: Array<"batch.confirmed" | "event.proof_ready">;
};

export type WebhookDeliveryPage = {
  items: WebhookDelivery[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
};

export type WebhookDelivery = {
  id: string;
  endpointId: string;
  eventType: string;
  status: "pending" | "succeeded" | "failed" | "dead";
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
};

/** Request and response types of every REST operation, by operationId. */
export interface Operations {
  /** Join a tenant with an invitation token */
  acceptInvitation: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: AcceptInvitationRequest;
    response: AuthSession;
  };
  /** Cancel an active watch (its proof request stays) */
  cancelWatch: {
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    body: undefined;
    response: Watch;
  };
  /** Change a member's role */
  changeMemberRole: {
    pathParams: {
      userId: string;
    };
    query: Record<string, never>;
    body: ChangeMemberRoleRequest;
    response: Member;
  };
  /** Create an API key (the secret is in this response only) */
  createApiKey: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: CreateApiKeyRequest;
    response: CreatedApiKey;
  };
  /** Watch a request key: its proof is precomputed as soon as the transaction lands and is reachable */
  createWatch: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: CreateWatchRequest;
    response: Watch;
  };
  /** Register a webhook endpoint (its signing secret is in this response only) */
  createWebhook: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: CreateWebhookRequest;
    response: CreatedWebhookEndpoint;
  };
  /** Delete a webhook endpoint and its deliveries */
  deleteWebhook: {
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    body: undefined;
    response: void;
  };
  /** Get one API key */
  getApiKey: {
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    body: undefined;
    response: ApiKey;
  };
  /** One batch: root, size, chain, anchoring transaction and block */
  getBatch: {
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    body: undefined;
    response: Batch;
  };
  /** An event's status, batch and expected proof time */
  getEvent: {
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    body: undefined;
    response: Event;
  };
  /** An event's anchored event proof (JSON, or the binary envelope with Accept: application/octet-stream) */
  getEventProof: {
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    body: undefined;
    response: AnchoredEventProof;
  };
  /** Get one member */
  getMember: {
    pathParams: {
      userId: string;
    };
    query: Record<string, never>;
    body: undefined;
    response: Member;
  };
  /** This OpenAPI 3.1 document */
  getOpenApiDocument: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: undefined;
    response: {
      [key: string]: unknown;
    };
  };
  /** A proof: its status (waiting_inclusion, waiting_reachability, ready, expiring, refreshed, expired, failed), ETA and, once ready, the proof */
  getProof: {
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    body: undefined;
    response: Proof;
  };
  /** The evidence bundle: proof, headers from the root to a checkpoint header, decoded subject, provenance */
  getProofBundle: {
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    body: undefined;
    response: EvidenceBundle;
  };
  /** A proof's provenance: its log entries, their inclusion proofs in a checkpoint, and that checkpoint's anchored proof */
  getProofProvenance: {
    pathParams: {
      proofId: string;
    };
    query: Record<string, never>;
    body: undefined;
    response: ProofProvenance;
  };
  /** RFC 6962 consistency proof between two checkpoints of the provenance log */
  getProvenanceConsistency: {
    pathParams: Record<string, never>;
    query: {
      from: string;
      to: string;
    };
    body: undefined;
    response: ProvenanceConsistency;
  };
  /** The tenant's retention policy for issued proofs */
  getRetentionPolicy: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: undefined;
    response: RetentionPolicy;
  };
  /** The caller's tenant */
  getTenant: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: undefined;
    response: Tenant;
  };
  /** A watch and the status of its proof */
  getWatch: {
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    body: undefined;
    response: Watch;
  };
  /** Invite someone by e-mail with a role */
  inviteMember: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: InviteMemberRequest;
    response: CreatedInvitation;
  };
  /** List API keys, newest first */
  listApiKeys: {
    pathParams: Record<string, never>;
    query: {
      limit?: number;
      cursor?: string;
    };
    body: undefined;
    response: ApiKeyPage;
  };
  /** Admin actions (keys, members, settings), newest first */
  listAuditLog: {
    pathParams: Record<string, never>;
    query: {
      limit?: number;
      cursor?: string;
      action?: string;
    };
    body: undefined;
    response: AuditLogPage;
  };
  /** Batches, newest first (filter by namespace, status, creation time) */
  listBatches: {
    pathParams: Record<string, never>;
    query: {
      limit?: number;
      cursor?: string;
      namespace?: string;
      status?: "open" | "sealed" | "submitted" | "confirmed" | "failed" | "superseded";
      /** Batches created at or after this instant. */
      from?: string;
      /** Batches created before this instant. */
      to?: string;
    };
    body: undefined;
    response: BatchPage;
  };
  /** List invitations, newest first */
  listInvitations: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: undefined;
    response: InvitationList;
  };
  /** List members and their roles */
  listMembers: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: undefined;
    response: MemberList;
  };
  /** Signed checkpoints (size, root) of the provenance log and where each was anchored on chain */
  listProvenanceCheckpoints: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: undefined;
    response: ProvenanceCheckpointList;
  };
  /** List submitter keys, newest first */
  listSubmitterKeys: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: undefined;
    response: SubmitterKeyList;
  };
  /** The tenant's watches, newest first */
  listWatches: {
    pathParams: Record<string, never>;
    query: {
      limit?: number;
    };
    body: undefined;
    response: WatchList;
  };
  /** An endpoint's deliveries, newest first */
  listWebhookDeliveries: {
    pathParams: {
      id: string;
    };
    query: {
      limit?: number;
      cursor?: string;
    };
    body: undefined;
    response: WebhookDeliveryPage;
  };
  /** List webhook endpoints */
  listWebhooks: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: undefined;
    response: WebhookEndpointList;
  };
  /** Open a session with e-mail and password */
  login: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: LoginRequest;
    response: AuthSession;
  };
  /** End the session a refresh token belongs to */
  logout: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: RefreshRequest;
    response: void;
  };
  /** Exchange a refresh token for a new token pair */
  refreshSession: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: RefreshRequest;
    response: AuthSession;
  };
  /** Register an ed25519 public key submitters sign events with */
  registerSubmitterKey: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: RegisterSubmitterKeyRequest;
    response: SubmitterKey;
  };
  /** Remove a member */
  removeMember: {
    pathParams: {
      userId: string;
    };
    query: Record<string, never>;
    body: undefined;
    response: void;
  };
  /** Deliver a webhook again (fresh attempts, same delivery id) */
  replayWebhookDelivery: {
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    body: undefined;
    response: WebhookDelivery;
  };
  /** Ask for the SPV proof of a transaction (TX or TXOUT, same- or cross-chain) */
  requestProof: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: CreateProofRequest;
    response: Proof;
  };
  /** Revoke an API key at once (idempotent) */
  revokeApiKey: {
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    body: undefined;
    response: ApiKey;
  };
  /** Revoke a pending invitation */
  revokeInvitation: {
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    body: undefined;
    response: Invitation;
  };
  /** Revoke a submitter key (signatures by it are refused from now on) */
  revokeSubmitterKey: {
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    body: undefined;
    response: SubmitterKey;
  };
  /** Replace an API key with a new secret */
  rotateApiKey: {
    pathParams: {
      id: string;
    };
    query: Record<string, never>;
    body: RotateApiKeyRequest;
    response: CreatedApiKey;
  };
  /** Create a tenant and its owner account */
  signup: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: SignupRequest;
    response: AuthSession;
  };
  /** Submit events for anchoring (202: stored, to be batched and anchored) */
  submitEvents: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: SubmitEventsRequest;
    response: SubmitEventsResponse;
  };
  /** Change the retention policy or the legal hold (owners and admins; audited) */
  updateRetentionPolicy: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: UpdateRetentionPolicyRequest;
    response: RetentionPolicy;
  };
  /** Rename the tenant or change its settings */
  updateTenant: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: UpdateTenantRequest;
    response: Tenant;
  };
  /** Verify any proof offline: which checks passed, or why it failed */
  verifyProof: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: VerifyProofRequest;
    response: ProofVerification;
  };
  /** Describe the caller (user session or API key) */
  whoAmI: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: undefined;
    response: WhoAmI;
  };
}

export type OperationId = keyof Operations;

/**
 * Where an operation is served and its success status; the permission a user needs and the
 * scope an API key needs (`any`: every key; null: public, or not for API keys).
 */
export interface OperationRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly status: number;
  readonly permission: string | null;
  readonly scope: string | null;
  readonly summary: string;
}

export const OPERATIONS = {
  acceptInvitation: {
    method: "POST",
    path: "/v1/auth/accept-invitation",
    status: 201,
    permission: null,
    scope: null,
    summary: "Join a tenant with an invitation token",
  },
  cancelWatch: {
    method: "DELETE",
    path: "/v1/watches/{id}",
    status: 200,
    permission: "proofs:write",
    scope: "proofs:write",
    summary: "Cancel an active watch (its proof request stays)",
  },
  changeMemberRole: {
    method: "PATCH",
    path: "/v1/tenant/members/{userId}",
    status: 200,
    permission: "members:update",
    scope: null,
    summary: "Change a member's role",
  },
  createApiKey: {
    method: "POST",
    path: "/v1/api-keys",
    status: 201,
    permission: "api_keys:write",
    scope: null,
    summary: "Create an API key (the secret is in this response only)",
  },
  createWatch: {
    method: "POST",
    path: "/v1/watches",
    status: 201,
    permission: "proofs:write",
    scope: "proofs:write",
    summary: "Watch a request key: its proof is precomputed as soon as the transaction lands and is reachable",
  },
  createWebhook: {
    method: "POST",
    path: "/v1/webhooks",
    status: 201,
    permission: "tenant:update",
    scope: null,
    summary: "Register a webhook endpoint (its signing secret is in this response only)",
  },
  deleteWebhook: {
    method: "DELETE",
    path: "/v1/webhooks/{id}",
    status: 204,
    permission: "tenant:update",
    scope: null,
    summary: "Delete a webhook endpoint and its deliveries",
  },
  getApiKey: {
    method: "GET",
    path: "/v1/api-keys/{id}",
    status: 200,
    permission: "api_keys:read",
    scope: null,
    summary: "Get one API key",
  },
  getBatch: {
    method: "GET",
    path: "/v1/batches/{id}",
    status: 200,
    permission: "proofs:read",
    scope: "batches:read",
    summary: "One batch: root, size, chain, anchoring transaction and block",
  },
  getEvent: {
    method: "GET",
    path: "/v1/events/{id}",
    status: 200,
    permission: "proofs:read",
    scope: "proofs:read",
    summary: "An event's status, batch and expected proof time",
  },
  getEventProof: {
    method: "GET",
    path: "/v1/events/{id}/proof",
    status: 200,
    permission: "proofs:read",
    scope: "proofs:read",
    summary: "An event's anchored event proof (JSON, or the binary envelope with Accept: application/octet-stream)",
  },
  getMember: {
    method: "GET",
    path: "/v1/tenant/members/{userId}",
    status: 200,
    permission: "members:read",
    scope: null,
    summary: "Get one member",
  },
  getOpenApiDocument: {
    method: "GET",
    path: "/v1/openapi.json",
    status: 200,
    permission: null,
    scope: null,
    summary: "This OpenAPI 3.1 document",
  },
  getProof: {
    method: "GET",
    path: "/v1/proofs/{id}",
    status: 200,
    permission: "proofs:read",
    scope: "proofs:read",
    summary: "A proof: its status (waiting_inclusion, waiting_reachability, ready, expiring, refreshed, expired, failed), ETA and, once ready, the proof",
  },
  getProofBundle: {
    method: "GET",
    path: "/v1/proofs/{id}/bundle",
    status: 200,
    permission: "proofs:read",
    scope: "proofs:read",
    summary: "The evidence bundle: proof, headers from the root to a checkpoint header, decoded subject, provenance",
  },
  getProofProvenance: {
    method: "GET",
    path: "/v1/provenance/{proofId}",
    status: 200,
    permission: "proofs:read",
    scope: "proofs:read",
    summary: "A proof's provenance: its log entries, their inclusion proofs in a checkpoint, and that checkpoint's anchored proof",
  },
  getProvenanceConsistency: {
    method: "GET",
    path: "/v1/provenance/consistency",
    status: 200,
    permission: "proofs:read",
    scope: "proofs:read",
    summary: "RFC 6962 consistency proof between two checkpoints of the provenance log",
  },
  getRetentionPolicy: {
    method: "GET",
    path: "/v1/tenant/retention",
    status: 200,
    permission: "tenant:read",
    scope: "any",
    summary: "The tenant's retention policy for issued proofs",
  },
  getTenant: {
    method: "GET",
    path: "/v1/tenant",
    status: 200,
    permission: "tenant:read",
    scope: "any",
    summary: "The caller's tenant",
  },
  getWatch: {
    method: "GET",
    path: "/v1/watches/{id}",
    status: 200,
    permission: "proofs:read",
    scope: "proofs:read",
    summary: "A watch and the status of its proof",
  },
  inviteMember: {
    method: "POST",
    path: "/v1/tenant/members",
    status: 201,
    permission: "members:invite",
    scope: null,
    summary: "Invite someone by e-mail with a role",
  },
  listApiKeys: {
    method: "GET",
    path: "/v1/api-keys",
    status: 200,
    permission: "api_keys:read",
    scope: null,
    summary: "List API keys, newest first",
  },
  listAuditLog: {
    method: "GET",
    path: "/v1/audit-log",
    status: 200,
    permission: "audit:read",
    scope: "audit:read",
    summary: "Admin actions (keys, members, settings), newest first",
  },
  listBatches: {
    method: "GET",
    path: "/v1/batches",
    status: 200,
    permission: "proofs:read",
    scope: "batches:read",
    summary: "Batches, newest first (filter by namespace, status, creation time)",
  },
  listInvitations: {
    method: "GET",
    path: "/v1/tenant/invitations",
    status: 200,
    permission: "members:read",
    scope: null,
    summary: "List invitations, newest first",
  },
  listMembers: {
    method: "GET",
    path: "/v1/tenant/members",
    status: 200,
    permission: "members:read",
    scope: null,
    summary: "List members and their roles",
  },
  listProvenanceCheckpoints: {
    method: "GET",
    path: "/v1/provenance/checkpoints",
    status: 200,
    permission: "proofs:read",
    scope: "proofs:read",
    summary: "Signed checkpoints (size, root) of the provenance log and where each was anchored on chain",
  },
  listSubmitterKeys: {
    method: "GET",
    path: "/v1/submitter-keys",
    status: 200,
    permission: "api_keys:read",
    scope: null,
    summary: "List submitter keys, newest first",
  },
  listWatches: {
    method: "GET",
    path: "/v1/watches",
    status: 200,
    permission: "proofs:read",
    scope: "proofs:read",
    summary: "The tenant's watches, newest first",
  },
  listWebhookDeliveries: {
    method: "GET",
    path: "/v1/webhooks/{id}/deliveries",
    status: 200,
    permission: "tenant:read",
    scope: null,
    summary: "An endpoint's deliveries, newest first",
  },
  listWebhooks: {
    method: "GET",
    path: "/v1/webhooks",
    status: 200,
    permission: "tenant:read",
    scope: null,
    summary: "List webhook endpoints",
  },
  login: {
    method: "POST",
    path: "/v1/auth/login",
    status: 200,
    permission: null,
    scope: null,
    summary: "Open a session with e-mail and password",
  },
  logout: {
    method: "POST",
    path: "/v1/auth/logout",
    status: 204,
    permission: null,
    scope: null,
    summary: "End the session a refresh token belongs to",
  },
  refreshSession: {
    method: "POST",
    path: "/v1/auth/refresh",
    status: 200,
    permission: null,
    scope: null,
    summary: "Exchange a refresh token for a new token pair",
  },
  registerSubmitterKey: {
    method: "POST",
    path: "/v1/submitter-keys",
    status: 201,
    permission: "api_keys:write",
    scope: null,
    summary: "Register an ed25519 public key submitters sign events with",
  },
  removeMember: {
    method: "DELETE",
    path: "/v1/tenant/members/{userId}",
    status: 204,
    permission: "members:remove",
    scope: null,
    summary: "Remove a member",
  },
  replayWebhookDelivery: {
    method: "POST",
    path: "/v1/webhooks/deliveries/{id}/replay",
    status: 202,
    permission: "tenant:update",
    scope: null,
    summary: "Deliver a webhook again (fresh attempts, same delivery id)",
  },
  requestProof: {
    method: "POST",
    path: "/v1/proofs",
    status: 200,
    permission: "proofs:write",
    scope: "proofs:write",
    summary: "Ask for the SPV proof of a transaction (TX or TXOUT, same- or cross-chain)",
  },
  revokeApiKey: {
    method: "POST",
    path: "/v1/api-keys/{id}/revoke",
    status: 200,
    permission: "api_keys:write",
    scope: null,
    summary: "Revoke an API key at once (idempotent)",
  },
  revokeInvitation: {
    method: "DELETE",
    path: "/v1/tenant/invitations/{id}",
    status: 200,
    permission: "members:invite",
    scope: null,
    summary: "Revoke a pending invitation",
  },
  revokeSubmitterKey: {
    method: "POST",
    path: "/v1/submitter-keys/{id}/revoke",
    status: 200,
    permission: "api_keys:write",
    scope: null,
    summary: "Revoke a submitter key (signatures by it are refused from now on)",
  },
  rotateApiKey: {
    method: "POST",
    path: "/v1/api-keys/{id}/rotate",
    status: 201,
    permission: "api_keys:write",
    scope: null,
    summary: "Replace an API key with a new secret",
  },
  signup: {
    method: "POST",
    path: "/v1/auth/signup",
    status: 201,
    permission: null,
    scope: null,
    summary: "Create a tenant and its owner account",
  },
  submitEvents: {
    method: "POST",
    path: "/v1/events",
    status: 202,
    permission: "proofs:write",
    scope: "events:write",
    summary: "Submit events for anchoring (202: stored, to be batched and anchored)",
  },
  updateRetentionPolicy: {
    method: "PUT",
    path: "/v1/tenant/retention",
    status: 200,
    permission: "tenant:update",
    scope: null,
    summary: "Change the retention policy or the legal hold (owners and admins; audited)",
  },
  updateTenant: {
    method: "PATCH",
    path: "/v1/tenant",
    status: 200,
    permission: "tenant:update",
    scope: null,
    summary: "Rename the tenant or change its settings",
  },
  verifyProof: {
    method: "POST",
    path: "/v1/proofs/verify",
    status: 200,
    permission: "proofs:read",
    scope: "verify",
    summary: "Verify any proof offline: which checks passed, or why it failed",
  },
  whoAmI: {
    method: "GET",
    path: "/v1/me",
    status: 200,
    permission: "tenant:read",
    scope: "any",
    summary: "Describe the caller (user session or API key)",
  },
} as const satisfies Record<OperationId, OperationRoute>;
