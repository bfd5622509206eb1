import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { TenantsModule } from '../tenants/tenants.module';
import { AccessTokenService } from './access-token.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthenticationGuard } from './guards/authentication.guard';
import { AuthorizationGuard } from './guards/authorization.guard';
import { RateLimitGuard } from './guards/rate-limit.guard';
import { IdentityRepository } from './identity.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';
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
    // Global guards run in this order: who is calling, how often, may they.
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthorizationGuard },
  ],
})
export class AuthModule {}
