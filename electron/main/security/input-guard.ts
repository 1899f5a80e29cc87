// Keyboard shortcuts that would let a passer-by leave, reload, inspect, zoom or print the kiosk page.
// Without an application menu Electron registers none of them, so this guard is the second line: it
// holds if a menu ever comes back, or a Chromium version handles one of them by itself. In production
// every one is swallowed before the page sees it; in development (not packaged, or KIOSK_DEVTOOLS=1)
// the devtools and reload keys work, the others stay blocked. DevTools opened any other way are
// closed at once in production.
//
// Alt+F4 is the window manager's, not Electron's: most desktops close the window before any key event
// reaches the page, so blocking it here is best effort. Field kiosks run under a session with no
// window manager shortcuts (or the OS's kiosk / assigned-access mode), and the auto-start unit brings
// the shell back if it is closed anyway (README, installation).

import type { Logger } from '../../../native/util/logger.ts';

/** The fields of Electron's Input the guard reads. */
export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
}

export type ShortcutKind = 'devtools' | 'reload' | 'close' | 'zoom' | 'print' | 'save' | 'new-window' | 'fullscreen';

/** The kinds a development shell lets through. */
const DEVELOPMENT_KINDS: ReadonlySet<ShortcutKind> = new Set(['devtools', 'reload']);

/** Ctrl on Linux and Windows, Cmd on macOS: Electron's CommandOrControl. */
const withCommand = (input: KeyInput) => input.control || input.meta;

/** Which blocked shortcut `input` is, or null for an ordinary key (digits, letters, Ctrl+Alt+D...). */
export function shortcutKind(input: KeyInput): ShortcutKind | null {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (key === 'F12') return 'devtools';
  if (key === 'F5') return 'reload';
  if (key === 'F11') return 'fullscreen';
  if (key === 'F4' && (input.alt || withCommand(input))) return 'close';
  if (!withCommand(input)) return null;
  // Ctrl+Alt+<letter> is the renderer's own (Ctrl+Alt+D opens diagnostics), except Cmd+Alt+I (macOS devtools).
  if (input.alt) return input.meta && key === 'i' ? 'devtools' : null;
  switch (key) {
    case 'i':
    case 'j':
    case 'c':
      return input.shift ? 'devtools' : null;
    case 'r':
      return 'reload';
    case 'w':
    case 'q':
      return 'close';
    case '+':
    case '=':
    case '-':
    case '_':
    case '0':
      return 'zoom';
    case 'p':
      return 'print';
    case 's':
    case 'o':
      return 'save';
    case 'n':
    case 't':
      return 'new-window';
    default:
      return null;
  }
}

/** The part of Electron's WebContents this module uses. */
export interface GuardedContents {
  on(event: 'before-input-event', listener: (event: { preventDefault(): void }, input: KeyInput) => void): unknown;
  on(event: 'devtools-opened', listener: () => void): unknown;
  closeDevTools(): void;
}

export interface InputGuardOptions {
  /** Devtools allowed (not packaged, or KIOSK_DEVTOOLS=1): their keys and reload then work. */
  readonly devTools: boolean;
  readonly logger: Logger;
}

/** Swallows the blocked shortcuts and, in production, closes devtools as soon as they open. */
export function guardInput(contents: GuardedContents, options: InputGuardOptions): void {
  const log = options.logger;
  contents.on('before-input-event', (event, input) => {
    const kind = shortcutKind(input);
    if (kind === null || (options.devTools && DEVELOPMENT_KINDS.has(kind))) return;
    event.preventDefault();
    // Which kind, never which key: the PIN pad takes keys too (digits are never blocked, but still).
    if (input.type === 'keyDown') log.info({ event: 'shortcut-blocked', kind }, 'blocked a kiosk-escaping shortcut');
  });
  contents.on('devtools-opened', () => {
    if (options.devTools) return;
    log.warn({ event: 'devtools-closed' }, 'devtools opened in production; closed');
    contents.closeDevTools();
  });
}
