// Entry point: pick the transport (the Electron preload's `window.kiosk`, else the core's WebSocket with
// the token from the page's fragment), start the contract client, and render.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { bridgeTransport, findKioskBridge } from './contract/bridge-transport.ts';
import { ContractClient } from './contract/contract-client.ts';
import { shellCoreStatus } from './contract/shell-core-status.ts';
import { contractSocketUrl, takeContractToken, webSocketTransport } from './contract/websocket-transport.ts';
import { downloadReport } from './diagnostics/download-report.ts';
import { DiagnosticsStore } from './diagnostics/diagnostics-store.ts';
import './styles/base.css';
import './styles/screens.css';
import './styles/illustrations.css';
import './styles/overlays.css';

const RENDERER_VERSION = '0.1.0';

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

const bridge = findKioskBridge(window);
const transport = bridge
  ? bridgeTransport(bridge)
  : webSocketTransport(contractSocketUrl(window.location, takeContractToken({ location: window.location, history: window.history, storage: sessionStorageOrNull() })));

const client = new ContractClient({ transport, clientName: `renderer ${RENDERER_VERSION}`, reload: () => window.location.reload() });
const diagnostics = new DiagnosticsStore(client, (fileName, json) => downloadReport(fileName, json));
client.start();
// The Electron shell's word that the device service is restarting (null in the browser shell).
const shellStatus = shellCoreStatus(bridge);

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
createRoot(rootElement).render(
  <StrictMode>
    <App client={client} diagnostics={diagnostics} shellStatus={shellStatus} />
  </StrictMode>,
);
