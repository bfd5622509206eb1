// Seeds the quick-start login and API key through the API's own endpoints (the API owns sign-up
// and key issuance), idempotently: the credentials live in <DATA_DIR>/quickstart.json and are
// reused while they still work; a reset database simply gets a fresh sign-up.

export const QUICK_START_EMAIL = 'admin@example.com';
export const QUICK_START_TENANT = 'Quick start';
export const QUICK_START_SCOPES = [
  'proofs:read',
  'proofs:write',
  'events:write',
  'batches:read',
  'batches:write',
  'verify',
];

async function call(fetchImpl, apiUrl, method, path, { token, body } = {}) {
  const response = await fetchImpl(`${apiUrl}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json };
}

function describeFailure(what, result) {
  const detail =
    result.json && typeof result.json === 'object' ? (result.json.code ?? result.json.title ?? '') : '';
  return new Error(`quick start: ${what} answered ${result.status}${detail ? ` (${detail})` : ''}`);
}

/**
 * @param {import('./quick-start.d.mts').QuickStartInput} input
 * @returns {Promise<import('./quick-start.d.mts').QuickStartResult>}
 */
export async function seedQuickStart({ apiUrl, state, fetchImpl, saveState, newPassword, newSuffix }) {
  let current = state ? { ...state } : null;
  let session;
  let signedUp = false;

  if (current?.email && current.password) {
    const login = await call(fetchImpl, apiUrl, 'POST', '/v1/auth/login', {
      body: { email: current.email, password: current.password },
    });
    if (login.status === 200 || login.status === 201) session = login.json;
    else if (login.status !== 401 && login.status !== 403)
      throw describeFailure('POST /v1/auth/login', login);
  }

  if (!session) {
    const password = newPassword();
    let email = current?.email ?? QUICK_START_EMAIL;
    for (let attempt = 0; attempt < 2 && !session; attempt++) {
      const signup = await call(fetchImpl, apiUrl, 'POST', '/v1/auth/signup', {
        body: { email, password, tenantName: QUICK_START_TENANT },
      });
      if (signup.status === 201 || signup.status === 200) {
        session = signup.json;
      } else if (signup.status === 409 && attempt === 0) {
        // Someone else owns that address here (or our saved password no longer works): take another.
        email = `admin+${newSuffix()}@example.com`;
      } else {
        throw describeFailure('POST /v1/auth/signup', signup);
      }
    }
    current = { email, password };
    signedUp = true;
  }

  const tenantId = session?.tenant?.id;
  const accessToken = session?.accessToken;
  if (typeof tenantId !== 'string' || typeof accessToken !== 'string') {
    throw new Error('quick start: the API session has no tenant id or access token');
  }

  let apiKey = !signedUp && current.tenantId === tenantId ? current.apiKey : undefined;
  if (apiKey) {
    const me = await call(fetchImpl, apiUrl, 'GET', '/v1/me', { token: apiKey });
    if (me.status !== 200 || me.json?.tenantId !== tenantId) apiKey = undefined;
  }
  let keyCreated = false;
  if (!apiKey) {
    const created = await call(fetchImpl, apiUrl, 'POST', '/v1/api-keys', {
      token: accessToken,
      body: { name: 'quick start', scopes: QUICK_START_SCOPES },
    });
    if (created.status !== 201 && created.status !== 200) throw describeFailure('POST /v1/api-keys', created);
    apiKey = created.json?.key;
    if (typeof apiKey !== 'string') throw new Error('quick start: POST /v1/api-keys returned no key');
    keyCreated = true;
  }

  const next = { email: current.email, password: current.password, tenantId, apiKey };
  await saveState(next);
  return { ...next, signedUp, keyCreated };
}
