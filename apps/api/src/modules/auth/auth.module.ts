import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { TenantsModule } from '../tenants/tenants.module';
import { AccessTokenService } from './access-token.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AccessGuard } from './guards/access.guard';
import { IdentityRepository } from './identity.repository';
import { RateLimitPolicy } from './rate-limit-policy.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { RequestAuthenticator } from './request-authenticator.service';
import { ViewerResolver } from './viewer.resolver';

@Module({
  imports: [TenantsModule, ApiKeysModule],
  controllers: [AuthController],
  providers: [
    ViewerResolver,
    AuthService,
    AccessTokenService,
    IdentityRepository,
    RefreshTokensRepository,
    RequestAuthenticator,
    RateLimitPolicy,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
})
export class AuthModule {}
