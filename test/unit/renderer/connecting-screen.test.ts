// The connecting screen says "device service restarting" (vi, en, zh) while the Electron shell says it
// restarts the core, and the plain "reconnecting" otherwise; the shell's word comes from the bridge's
// optional onCoreStatus, and a bridge without it (an older preload) gives no source at all.

import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { KioskBridge } from '../../../renderer/src/contract/bridge-transport.ts';
import { shellCoreStatus } from '../../../renderer/src/contract/shell-core-status.ts';
import { TEXTS } from '../../../renderer/src/i18n/texts.ts';
import { ConnectingScreen } from '../../../renderer/src/screens/connecting-screen.tsx';
import { attrValues } from './render-html.ts';

const render = (restarting: boolean) => renderToStaticMarkup(createElement(ConnectingScreen, { restarting }));

function bridgeWithCoreStatus(): { bridge: KioskBridge; say: (status: 'running' | 'restarting') => void } {
  let listener: ((status: 'running' | 'restarting') => void) | null = null;
  const bridge: KioskBridge = {
    contractVersion: 1,
    send: () => false,
    onMessage: () => () => undefined,
    onStatus: () => () => undefined,
    onCoreStatus: (l) => {
      listener = l;
      l('running');
      return () => undefined;
    },
  };
  return { bridge, say: (status) => listener?.(status) };
}

describe('ConnectingScreen', () => {
  it('says the device service is restarting, in Vietnamese, English and Chinese', () => {
    const html = render(true);
    expect(attrValues(html, 'data-connection')).toEqual(['restarting']);
    for (const text of Object.values(TEXTS.deviceServiceRestarting)) expect(html).toContain(text.replace('…', ''));
    expect(html).not.toContain(TEXTS.connecting.en);
  });

  it('says reconnecting otherwise', () => {
    const html = render(false);
    expect(attrValues(html, 'data-connection')).toEqual(['connecting']);
    expect(html).toContain(TEXTS.connecting.vi);
    expect(html).not.toContain(TEXTS.deviceServiceRestarting.en);
  });
});

describe('shellCoreStatus', () => {
  it("follows the bridge's word and tells subscribers of each change", () => {
    const { bridge, say } = bridgeWithCoreStatus();
    const status = shellCoreStatus(bridge)!;
    let changes = 0;
    status.subscribe(() => (changes += 1));
    expect(status.restarting()).toBe(false);
    say('restarting');
    say('restarting');
    expect(status.restarting()).toBe(true);
    say('running');
    expect(status.restarting()).toBe(false);
    expect(changes).toBe(2);
  });

  it('is absent in the browser shell and with a bridge that cannot say', () => {
    expect(shellCoreStatus(null)).toBeNull();
    const { bridge } = bridgeWithCoreStatus();
    const { onCoreStatus: _dropped, ...older } = bridge;
    expect(shellCoreStatus(older)).toBeNull();
  });
});
