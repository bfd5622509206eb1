import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { ApiKeyCacheRepository } from './api-key-cache.repository';
import { ApiKeyUsageTracker } from './api-key-usage.tracker';
import { ApiKeyVerifier } from './api-key-verifier.service';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysResolver } from './api-keys.resolver';
import { ApiKeysService } from './api-keys.service';

@Module({
  imports: [TenantsModule],
  controllers: [ApiKeysController],
  providers: [
    ApiKeysResolver,
    ApiKeysService,
    ApiKeysRepository,
    ApiKeyCacheRepository,
    ApiKeyUsageTracker,
    ApiKeyVerifier,
  ],
  exports: [ApiKeyVerifier, ApiKeyUsageTracker],
})
export class ApiKeysModule {}
