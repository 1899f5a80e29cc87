import { describe, expect, it } from 'vitest';
import { debugSwitchesOn, DEBUG_SWITCHES } from '../../../../../electron/main/security/debug-switches.ts';

const commandLine = (...present: string[]) => ({ hasSwitch: (name: string) => present.includes(name) });

describe('debugSwitchesOn', () => {
  it("names Chromium's remote debugging and Node's inspector switches", () => {
    expect(debugSwitchesOn(commandLine('remote-debugging-port', 'inspect-brk', 'profile'))).toEqual(['remote-debugging-port', 'inspect-brk']);
    expect(DEBUG_SWITCHES).toEqual(expect.arrayContaining(['remote-debugging-port', 'remote-debugging-pipe', 'inspect', 'js-flags']));
  });

  it('finds none on an ordinary kiosk command line', () => {
    expect(debugSwitchesOn(commandLine('profile', 'config', 'no-sandbox-not-a-switch-we-know'))).toEqual([]);
  });
});
