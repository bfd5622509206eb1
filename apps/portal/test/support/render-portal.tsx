import type { Session } from '@spv-cloud/api-client';
import { render } from '@testing-library/react';
import { App } from '../../src/app';
import type { FakeApi } from './fake-api';

/** Renders the whole portal at `/portal<path>` against `fake`, signed in unless `session` is null. */
export function renderPortal(fake: FakeApi, path: string, session: Session | null = fake.session()) {
  window.history.replaceState(null, '', `/portal${path}`);
  const { client, store } = fake.client(session);
  const view = render(<App client={client} base="/portal" />);
  return { ...view, client, store };
}

/** The in-app path the browser shows. */
export function currentPath(): string {
  return window.location.pathname.replace(/^\/portal/, '') || '/';
}
