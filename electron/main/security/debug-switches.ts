// Command-line switches that open the running kiosk to a debugger. The fuses close Node's own
// (--inspect and friends, NODE_OPTIONS: electron-builder.yml), but Chromium's remote debugging is not
// a fuse: `--remote-debugging-port` on the command line would hand the page — and with it the contract
// session and the holder's data — to anything that can reach the port. A production kiosk started with
// one of these refuses to run; a development shell (or KIOSK_DEVTOOLS=1) allows them.

/** The switches refused in production, without their leading dashes. */
export const DEBUG_SWITCHES = Object.freeze([
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-publish-uid',
  'js-flags',
]);

/** The part of Electron's app.commandLine this module reads. */
export interface CommandLineLike {
  hasSwitch(name: string): boolean;
}

/** The debug switches present on `commandLine` (empty when none). */
export function debugSwitchesOn(commandLine: CommandLineLike): string[] {
  return DEBUG_SWITCHES.filter((name) => commandLine.hasSwitch(name));
}
