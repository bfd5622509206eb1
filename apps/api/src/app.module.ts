import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { API_KEY_PROBLEM_CODES } from './modules/api-keys/api-keys.errors';
import { ApiKeysModule } from './modules/api-keys/api-keys.module';
import { AuditModule } from './modules/audit/audit.module';
import { AUTH_PROBLEM_CODES } from './modules/auth/auth.errors';
import { AuthModule } from './modules/auth/auth.module';
import { BATCH_PROBLEM_CODES } from './modules/batches/batches.errors';
import { BatchesModule } from './modules/batches/batches.module';
import { EVENT_PROBLEM_CODES } from './modules/events/events.errors';
import { EventsModule } from './modules/events/events.module';
import { WEBHOOK_PROBLEM_CODES } from './modules/webhooks/webhooks.errors';
import { WebhooksModule } from './modules/webhooks/webhooks.module';
import { ProofsModule } from './modules/proofs/proofs.module';
import { ProvenanceModule } from './modules/provenance/provenance.module';
import { PROOF_SERVICE_PROBLEM_CODES } from './modules/storage/proof-service.errors';
import { StorageModule } from './modules/storage/storage.module';
import { WatchesModule } from './modules/watches/watches.module';
import { TENANT_PROBLEM_CODES } from './modules/tenants/tenants.errors';
import { TenantsModule } from './modules/tenants/tenants.module';
import { createGraphqlErrorFormatter } from './platform/errors/graphql-error';
import { PLATFORM_PROBLEM_CODES } from './platform/errors/platform.errors';
import { APP_LOGGER, type AppLogger } from './platform/logging/logger.provider';
import { PlatformModule, type PlatformRuntime } from './platform/platform.module';

/** Every problem code a client can receive, for the docs page and `x-problem-codes`. */
export const PROBLEM_CODES = [
  ...PLATFORM_PROBLEM_CODES,
  ...AUTH_PROBLEM_CODES,
  ...TENANT_PROBLEM_CODES,
  ...API_KEY_PROBLEM_CODES,
  ...EVENT_PROBLEM_CODES,
  ...BATCH_PROBLEM_CODES,
  ...WEBHOOK_PROBLEM_CODES,
  ...PROOF_SERVICE_PROBLEM_CODES,
];

/** The GraphQL context: the Fastify request (principal, ids) and reply (rate-limit headers). */
export interface GraphqlContext {
  readonly req: FastifyRequest;
  readonly reply: FastifyReply;
}

@Module({})
export class AppModule {
  static forRoot(runtime: Omit<PlatformRuntime, 'problemCodes'>): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ ...runtime, problemCodes: PROBLEM_CODES }),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [APP_LOGGER],
          useFactory: (logger: AppLogger): ApolloDriverConfig => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            // The GraphiQL page loads its assets from a CDN; the offline docs live at /docs.
            graphiql: false,
            introspection: true,
            includeStacktraceInErrorResponses: false,
            autoTransformHttpErrors: false,
            context: (req: FastifyRequest, reply: FastifyReply): GraphqlContext => ({ req, reply }),
            formatError: createGraphqlErrorFormatter(logger),
          }),
        }),
        AuditModule,
        TenantsModule,
        ApiKeysModule,
        AuthModule,
        EventsModule,
        BatchesModule,
        WebhooksModule,
        StorageModule,
        ProvenanceModule,
        ProofsModule,
        WatchesModule,
      ],
    };
  }
}
