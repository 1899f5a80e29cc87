// Wires the diagnostics store to the page: the discreet corner (5 taps / 2 s press), Ctrl+Alt+D, the PIN
// pad and the diagnostics screen over the kiosk.

import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Language } from '../../../electron/contract/index.ts';
import { DIAGNOSTICS_TEXTS } from '../i18n/diagnostics-texts.ts';
import { say } from '../i18n/localize.ts';
import { createCornerGesture, isDiagnosticsShortcut } from './corner-gesture.ts';
import { DiagnosticsScreen } from './diagnostics-screen.tsx';
import type { DiagnosticsStore } from './diagnostics-store.ts';
import { PinPad } from './pin-pad.tsx';

export function DiagnosticsLayer({ store, language }: { readonly store: DiagnosticsStore; readonly language: Language }) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const gesture = useMemo(() => createCornerGesture(() => store.openPad()), [store]);
  useEffect(() => () => gesture.dispose(), [gesture]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (isDiagnosticsShortcut(event)) {
        event.preventDefault();
        store.openPad();
        return;
      }
      // A technician's keyboard may type the PIN too.
      if (store.getState().mode !== 'pin') return;
      if (/^\d$/.test(event.key)) store.typeDigit(event.key);
      else if (event.key === 'Enter') void store.submitPin();
      else if (event.key === 'Backspace') store.clearPin();
      else if (event.key === 'Escape') store.closePad();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  return (
    <>
      <div
        className="diagnostics-corner"
        data-testid="diagnostics-corner"
        aria-label={say(DIAGNOSTICS_TEXTS.openDiagnostics, language)}
        onPointerDown={() => gesture.down()}
        onPointerUp={() => gesture.up()}
        onPointerCancel={() => gesture.up()}
        onPointerLeave={() => gesture.up()}
        onContextMenu={(event) => event.preventDefault()}
      />
      {state.mode === 'pin' ? (
        <PinPad
          language={language}
          digits={state.pin.length}
          unlocking={state.unlocking}
          problem={state.pinProblem}
          onDigit={(d) => store.typeDigit(d)}
          onClear={() => store.clearPin()}
          onSubmit={() => void store.submitPin()}
          onCancel={() => store.closePad()}
        />
      ) : null}
      {state.mode === 'open' ? (
        <DiagnosticsScreen
          language={language}
          state={state}
          onRefresh={() => void store.refresh()}
          onSelfTest={(id) => void store.selfTest(id)}
          onExport={() => void store.exportReport()}
          onLock={() => store.lock()}
        />
      ) : null}
    </>
  );
}
