// The demo profile's simulator controls: a small "DEMO" tab at the left edge that opens a panel of
// buttons (insert a card, scan, place a finger, take the central service or the printer down). Clearly
// not part of the real kiosk; collapsed, it covers none of the kiosk's own buttons.

import { useState } from 'react';
import type { Language } from '../../../electron/contract/index.ts';
import { DIAGNOSTICS_TEXTS } from '../i18n/diagnostics-texts.ts';
import { say } from '../i18n/localize.ts';
import { DEMO_CONTROLS, type DemoControl, type DemoRequestToSend } from './demo-controls.ts';

export interface DemoPanelProps {
  readonly language: Language;
  /** Sends the request; resolves with null when accepted, else the refusal's code. */
  readonly send: (request: DemoRequestToSend) => Promise<string | null>;
  readonly initiallyOpen?: boolean;
}

const GROUPS: readonly DemoControl['group'][] = ['card', 'scanner', 'finger', 'service'];

export function DemoPanel({ language, send, initiallyOpen = false }: DemoPanelProps) {
  const [open, setOpen] = useState(initiallyOpen);
  const [status, setStatus] = useState<{ name: string; code: string | null } | null>(null);
  const press = (control: DemoControl): void => {
    void send(control.request).then((code) => setStatus({ name: control.name, code }));
  };
  return (
    <aside className={`demo${open ? ' demo-open' : ''}`} aria-label={say(DIAGNOSTICS_TEXTS.demoTitle, language)}>
      <button type="button" className="demo-toggle" data-testid="demo-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {say(DIAGNOSTICS_TEXTS.demoToggle, language)}
      </button>
      {open ? (
        <div className="demo-panel" data-testid="demo-panel">
          <p className="demo-title">{say(DIAGNOSTICS_TEXTS.demoTitle, language)}</p>
          {GROUPS.map((group) => (
            <div key={group} className="demo-group">
              {DEMO_CONTROLS.filter((c) => c.group === group).map((control) => (
                <button key={control.name} type="button" className="demo-button" data-demo={control.name} onClick={() => press(control)}>
                  {control.label}
                </button>
              ))}
            </div>
          ))}
          <p className="demo-status" data-testid="demo-status" data-code={status?.code ?? ''}>
            {status ? `${status.name}: ${status.code ?? 'ok'}` : ' '}
          </p>
        </div>
      ) : null}
    </aside>
  );
}
