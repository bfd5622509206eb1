import { Global, Module } from '@nestjs/common';
import {
  NodeChainAccessRegistry,
  ProofCache,
  ProofRepository,
  ProvenanceRepository,
  S3ProofStore,
  WatchRepository,
} from '@spv-cloud/proof-service';
import { ProofJobProducer } from '@spv-cloud/queue';
import { PROOF_SERVICE_SETTINGS } from './proof-service.settings';
import {
  NETWORK_CATALOG,
  PROOF_S3_CLIENT,
  ProofStorageLifecycle,
  proofStorageProviders,
} from './proof-storage.providers';
import { RetentionPolicyRepository } from './retention-policy.repository';
import { RetentionPolicyService } from './retention-policy.service';
import { StorageController } from './storage.controller';
import { StorageResolver } from './storage.resolver';

/**
 * Proof storage in the API: the shared proof service objects (S3 store, Redis cache, repositories,
 * queue, networks; lifecycle rules applied at start) for the proofs, watches and provenance modules,
 * and the tenant's retention policy (REST, GraphQL).
 */
@Global()
@Module({
  controllers: [StorageController],
  providers: [
    ...proofStorageProviders,
    ProofStorageLifecycle,
    RetentionPolicyRepository,
    RetentionPolicyService,
    StorageResolver,
  ],
  exports: [
    PROOF_SERVICE_SETTINGS,
    PROOF_S3_CLIENT,
    NETWORK_CATALOG,
    S3ProofStore,
    ProofCache,
    ProofRepository,
    ProvenanceRepository,
    WatchRepository,
    ProofJobProducer,
    NodeChainAccessRegistry,
  ],
})
export class StorageModule {}
