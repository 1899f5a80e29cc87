// Whether the Electron shell is restarting the device service (the core died and the shell brings it
// back with backoff): the connecting screen then says so instead of a bare "reconnecting". Only the
// Electron shell knows this (`window.kiosk.onCoreStatus`); in the browser shell, or with an older
// preload, there is no such source and the screen keeps its plain text.

import type { KioskBridge } from './bridge-transport.ts';

/** A store for useSyncExternalStore: true while the shell says the core is restarting. */
export interface ShellCoreStatus {
  subscribe(onChange: () => void): () => void;
  restarting(): boolean;
}

export function shellCoreStatus(bridge: KioskBridge | null): ShellCoreStatus | null {
  if (bridge === null || typeof bridge.onCoreStatus !== 'function') return null;
  let restarting = false;
  const listeners = new Set<() => void>();
  bridge.onCoreStatus((status) => {
    const next = status === 'restarting';
    if (next === restarting) return;
    restarting = next;
    for (const listener of [...listeners]) listener();
  });
  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => void listeners.delete(onChange);
    },
    restarting: () => restarting,
  };
}
