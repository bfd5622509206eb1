import { ApiClient } from '@spv-cloud/api-client';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { BrowserSessionStore } from './session/browser-session-store';
import './styles.css';

const store = new BrowserSessionStore();
// Same origin: the API serves the portal under /portal, so the client calls /v1/… on this host.
const client = new ApiClient({ baseUrl: '', sessionStore: store });
const subscribeExternal = store.subscribe.bind(store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} base={import.meta.env.BASE_URL} subscribeExternal={subscribeExternal} />
  </StrictMode>,
);
