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

/** Request and response types of every REST operation, by operationId. */
export interface Operations {
  /** Join a tenant with an invitation token */
  acceptInvitation: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: AcceptInvitationRequest;
    response: AuthSession;
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
  /** The caller's tenant */
  getTenant: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: undefined;
    response: Tenant;
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
  /** List submitter keys, newest first */
  listSubmitterKeys: {
    pathParams: Record<string, never>;
    query: Record<string, never>;
    body: undefined;
    response: SubmitterKeyList;
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

/** Where an operation is served, its success status and the permission it needs (null: public). */
export interface OperationRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly status: number;
  readonly permission: string | null;
}

export const OPERATIONS = {
  acceptInvitation: { method: "POST", path: "/v1/auth/accept-invitation", status: 201, permission: null },
  changeMemberRole: { method: "PATCH", path: "/v1/tenant/members/{userId}", status: 200, permission: "members:update" },
  createApiKey: { method: "POST", path: "/v1/api-keys", status: 201, permission: "api_keys:write" },
  getApiKey: { method: "GET", path: "/v1/api-keys/{id}", status: 200, permission: "api_keys:read" },
  getBatch: { method: "GET", path: "/v1/batches/{id}", status: 200, permission: "proofs:read" },
  getEvent: { method: "GET", path: "/v1/events/{id}", status: 200, permission: "proofs:read" },
  getEventProof: { method: "GET", path: "/v1/events/{id}/proof", status: 200, permission: "proofs:read" },
  getMember: { method: "GET", path: "/v1/tenant/members/{userId}", status: 200, permission: "members:read" },
  getOpenApiDocument: { method: "GET", path: "/v1/openapi.json", status: 200, permission: null },
  getTenant: { method: "GET", path: "/v1/tenant", status: 200, permission: "tenant:read" },
  inviteMember: { method: "POST", path: "/v1/tenant/members", status: 201, permission: "members:invite" },
  listApiKeys: { method: "GET", path: "/v1/api-keys", status: 200, permission: "api_keys:read" },
  listAuditLog: { method: "GET", path: "/v1/audit-log", status: 200, permission: "audit:read" },
  listBatches: { method: "GET", path: "/v1/batches", status: 200, permission: "proofs:read" },
  listInvitations: { method: "GET", path: "/v1/tenant/invitations", status: 200, permission: "members:read" },
  listMembers: { method: "GET", path: "/v1/tenant/members", status: 200, permission: "members:read" },
  listSubmitterKeys: { method: "GET", path: "/v1/submitter-keys", status: 200, permission: "api_keys:read" },
  login: { method: "POST", path: "/v1/auth/login", status: 200, permission: null },
  logout: { method: "POST", path: "/v1/auth/logout", status: 204, permission: null },
  refreshSession: { method: "POST", path: "/v1/auth/refresh", status: 200, permission: null },
  registerSubmitterKey: { method: "POST", path: "/v1/submitter-keys", status: 201, permission: "api_keys:write" },
  removeMember: { method: "DELETE", path: "/v1/tenant/members/{userId}", status: 204, permission: "members:remove" },
  revokeApiKey: { method: "POST", path: "/v1/api-keys/{id}/revoke", status: 200, permission: "api_keys:write" },
  revokeInvitation: { method: "DELETE", path: "/v1/tenant/invitations/{id}", status: 200, permission: "members:invite" },
  revokeSubmitterKey: { method: "POST", path: "/v1/submitter-keys/{id}/revoke", status: 200, permission: "api_keys:write" },
  rotateApiKey: { method: "POST", path: "/v1/api-keys/{id}/rotate", status: 201, permission: "api_keys:write" },
  signup: { method: "POST", path: "/v1/auth/signup", status: 201, permission: null },
  submitEvents: { method: "POST", path: "/v1/events", status: 202, permission: "proofs:write" },
  updateTenant: { method: "PATCH", path: "/v1/tenant", status: 200, permission: "tenant:update" },
  verifyProof: { method: "POST", path: "/v1/proofs/verify", status: 200, permission: "proofs:read" },
  whoAmI: { method: "GET", path: "/v1/me", status: 200, permission: "tenant:read" },
} as const satisfies Record<OperationId, OperationRoute>;
