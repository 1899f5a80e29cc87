// The renderer's top: the connecting screen until a session is open, then the kiosk screen for the latest
// snapshot, with the diagnostics layer and (demo profile only) the demo panel over it. Every touch
// postpones the idle reset through the client's throttled `flow.activity`.

import { useCallback, useSyncExternalStore } from 'react';
import type { ContractClient } from './contract/contract-client.ts';
import { RequestFailedError } from './contract/request-failed-error.ts';
import type { IntentToSend } from './components/screen-context.ts';
import { DemoPanel } from './demo/demo-panel.tsx';
import type { DemoRequestToSend } from './demo/demo-controls.ts';
import { DiagnosticsLayer } from './diagnostics/diagnostics-layer.tsx';
import type { DiagnosticsStore } from './diagnostics/diagnostics-store.ts';
import type { ShellCoreStatus } from './contract/shell-core-status.ts';
import { ConnectingScreen } from './screens/connecting-screen.tsx';
import { KioskScreen } from './screens/kiosk-screen.tsx';

const NO_SHELL_STATUS: ShellCoreStatus = { subscribe: () => () => undefined, restarting: () => false };

export function App({ client, diagnostics, shellStatus }: { readonly client: ContractClient; readonly diagnostics: DiagnosticsStore; readonly shellStatus?: ShellCoreStatus | null }) {
  const state = useSyncExternalStore(client.subscribe, client.getState);
  const shell = shellStatus ?? NO_SHELL_STATUS;
  const restarting = useSyncExternalStore(shell.subscribe, shell.restarting);
  const send = useCallback((intent: IntentToSend) => client.sendIntent(intent), [client]);
  const sendDemo = useCallback(
    (request: DemoRequestToSend) =>
      client.request(request).then(
        () => null,
        (error: unknown) => (error instanceof RequestFailedError ? error.code : 'INTERNAL'),
      ),
    [client],
  );

  if (state.status !== 'open' || !state.snapshot) return <ConnectingScreen versionMismatch={state.status === 'versionMismatch'} restarting={restarting} />;
  const { snapshot } = state;
  return (
    <div className="app" onPointerDownCapture={() => client.noteActivity()}>
      <KioskScreen snapshot={snapshot} receivedAt={state.snapshotReceivedAt} send={send} />
      <DiagnosticsLayer store={diagnostics} language={snapshot.language} />
      {state.hello?.kiosk.demo ? <DemoPanel language={snapshot.language} send={sendDemo} /> : null}
    </div>
  );
}
