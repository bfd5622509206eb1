import { Controller, Get, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { clientOriginOf } from '../../platform/auth/client-origin';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { ValidBody } from '../../platform/validation/valid-request.decorators';
import { AuthService } from './auth.service';
import {
  AcceptInvitationBody,
  AuthSession,
  LoginBody,
  LogoutBody,
  RefreshBody,
  SignupBody,
  WhoAmI,
} from './dto/auth.schemas';
import { toWhoAmI } from './who-am-i';

@Controller('v1')
export class AuthController {
  constructor(private readonly authService: AuthService) {}

  @Post('auth/signup')
  @Endpoint({
    operationId: 'signup',
    summary: 'Create a tenant and its owner account',
    tag: 'auth',
    access: 'public',
    body: SignupBody,
    response: AuthSession,
    status: 201,
    problems: [409],
  })
  signup(@ValidBody() body: SignupBody, @Req() request: FastifyRequest): Promise<AuthSession> {
    return this.authService.signup(body, clientOriginOf(request));
  }

  @Post('auth/login')
  @Endpoint({
    operationId: 'login',
    summary: 'Open a session with e-mail and password',
    tag: 'auth',
    access: 'public',
    body: LoginBody,
    response: AuthSession,
    problems: [401, 403],
  })
  login(@ValidBody() body: LoginBody, @Req() request: FastifyRequest): Promise<AuthSession> {
    return this.authService.login(body, clientOriginOf(request));
  }

  @Post('auth/refresh')
  @Endpoint({
    operationId: 'refreshSession',
    summary: 'Exchange a refresh token for a new token pair',
    description:
      'Refresh tokens are single-use. Presenting a used one revokes every token of its session family.',
    tag: 'auth',
    access: 'public',
    body: RefreshBody,
    response: AuthSession,
    problems: [401],
  })
  refresh(@ValidBody() body: RefreshBody, @Req() request: FastifyRequest): Promise<AuthSession> {
    return this.authService.refresh(body, clientOriginOf(request));
  }

  @Post('auth/logout')
  @Endpoint({
    operationId: 'logout',
    summary: 'End the session a refresh token belongs to',
    tag: 'auth',
    access: 'public',
    body: LogoutBody,
    status: 204,
  })
  async logout(@ValidBody() body: RefreshBody): Promise<void> {
    await this.authService.logout(body);
  }

  @Post('auth/accept-invitation')
  @Endpoint({
    operationId: 'acceptInvitation',
    summary: 'Join a tenant with an invitation token',
    description:
      'Existing accounts confirm with their password; new accounts are created with the given one.',
    tag: 'auth',
    access: 'public',
    body: AcceptInvitationBody,
    response: AuthSession,
    status: 201,
    problems: [401],
  })
  acceptInvitation(
    @ValidBody() body: AcceptInvitationBody,
    @Req() request: FastifyRequest,
  ): Promise<AuthSession> {
    return this.authService.acceptInvitation(body, clientOriginOf(request));
  }

  @Get('me')
  @Endpoint({
    operationId: 'whoAmI',
    summary: 'Describe the caller (user session or API key)',
    tag: 'auth',
    access: { permission: 'tenant:read', scope: 'any' },
    response: WhoAmI,
  })
  whoAmI(@Actor() actor: ActorContext): WhoAmI {
    return toWhoAmI(actor.principal);
  }
}
