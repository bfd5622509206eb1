import { randomBytes } from 'node:crypto';
import type { ApiUnderTest } from './api-test-app';

export const PASSWORD = 'correct horse battery staple';

export interface Session {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly userId: string;
  readonly tenantId: string;
  readonly email: string;
}

export function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}@example.com`;
}

export async function signUp(
  api: ApiUnderTest,
  label: string,
  tenantName = `${label} Inc`,
): Promise<Session> {
  const email = uniqueEmail(label);
  const response = await api.request('POST', '/v1/auth/signup', {
    body: { email, password: PASSWORD, tenantName },
  });
  if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${response.text}`);
  return {
    accessToken: response.body.accessToken,
    refreshToken: response.body.refreshToken,
    userId: response.body.user.id,
    tenantId: response.body.tenant.id,
    email,
  };
}

/** Invites `role` into the owner's tenant and accepts as a new account. */
export async function addMember(
  api: ApiUnderTest,
  owner: Session,
  role: string,
  label = role,
): Promise<Session> {
  const email = uniqueEmail(label);
  const invite = await api.request('POST', '/v1/tenant/members', {
    token: owner.accessToken,
    body: { email, role },
  });
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${invite.text}`);
  const accepted = await api.request('POST', '/v1/auth/accept-invitation', {
    body: { token: invite.body.token, password: PASSWORD },
  });
  if (accepted.status !== 201) throw new Error(`accept failed: ${accepted.status} ${accepted.text}`);
  return {
    accessToken: accepted.body.accessToken,
    refreshToken: accepted.body.refreshToken,
    userId: accepted.body.user.id,
    tenantId: accepted.body.tenant.id,
    email,
  };
}

export async function createKey(
  api: ApiUnderTest,
  session: Session,
  scopes: string[] = ['proofs:read'],
  name = 'test key',
): Promise<{ id: string; key: string }> {
  const response = await api.request('POST', '/v1/api-keys', {
    token: session.accessToken,
    body: { name, scopes },
  });
  if (response.status !== 201) throw new Error(`create key failed: ${response.status} ${response.text}`);
  return { id: response.body.id, key: response.body.key };
}

export function expectProblem(
  response: { status: number; headers: Record<string, unknown>; body: any },
  status: number,
  code: string,
): void {
  if (response.status !== status || response.body?.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  const type = String(response.headers['content-type']);
  if (!type.startsWith('application/problem+json')) throw new Error(`expected problem+json, got ${type}`);
  for (const field of ['type', 'title', 'status', 'detail', 'code', 'requestId']) {
    if (!(field in response.body))
      throw new Error(`problem lacks ${field}: ${JSON.stringify(response.body)}`);
  }
}
