/** DI tokens of the proof service's part of the worker. */
export const PROOF_WORKER_SETTINGS = Symbol('ProofWorkerSettings');
export const PROOF_CHAINS = Symbol('ProofChainAccessRegistry');
export const PROOF_STORE = Symbol('ProofStore');
export const PROOF_CACHE = Symbol('ProofCache');
export const PROOF_REDIS = Symbol('ProofRedis');
export const PROOF_S3_CLIENT = Symbol('ProofS3Client');
export const PROOF_QUEUE_CLIENTS = Symbol('ProofQueueClients');
export const PROOF_SIGNER = Symbol('ProofServiceSigner');
export const PROOF_CLOCK = Symbol('ProofClock');
export const CHECKPOINT_ANCHOR = Symbol('CheckpointAnchor');
