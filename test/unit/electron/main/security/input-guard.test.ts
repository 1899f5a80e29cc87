import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../../../native/util/logger.ts';
import { guardInput, shortcutKind, type GuardedContents, type KeyInput } from '../../../../../electron/main/security/input-guard.ts';
import { FakeContents } from '../electron-fakes.ts';

const key = (k: string, mods: Partial<Pick<KeyInput, 'control' | 'meta' | 'shift' | 'alt'>> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  control: false,
  meta: false,
  shift: false,
  alt: false,
  ...mods,
});

describe('shortcutKind', () => {
  it('names the devtools shortcuts', () => {
    for (const input of [key('F12'), key('I', { control: true, shift: true }), key('J', { control: true, shift: true }), key('C', { control: true, shift: true }), key('i', { meta: true, alt: true })]) {
      expect(shortcutKind(input), JSON.stringify(input)).toBe('devtools');
    }
  });

  it('names the reload shortcuts', () => {
    for (const input of [key('F5'), key('F5', { control: true }), key('F5', { shift: true }), key('r', { control: true }), key('R', { control: true, shift: true }), key('r', { meta: true })]) {
      expect(shortcutKind(input), JSON.stringify(input)).toBe('reload');
    }
  });

  it('names the close, zoom, print, save, new-window and fullscreen shortcuts', () => {
    expect(shortcutKind(key('w', { control: true }))).toBe('close');
    expect(shortcutKind(key('q', { meta: true }))).toBe('close');
    expect(shortcutKind(key('F4', { alt: true }))).toBe('close');
    expect(shortcutKind(key('F4', { control: true }))).toBe('close');
    for (const k of ['+', '=', '-', '0']) expect(shortcutKind(key(k, { control: true })), k).toBe('zoom');
    expect(shortcutKind(key('+', { control: true, shift: true }))).toBe('zoom');
    expect(shortcutKind(key('p', { control: true }))).toBe('print');
    expect(shortcutKind(key('s', { control: true }))).toBe('save');
    expect(shortcutKind(key('n', { control: true }))).toBe('new-window');
    expect(shortcutKind(key('F11'))).toBe('fullscreen');
  });

  it('lets ordinary keys through: digits for the PIN pad, Ctrl+Alt+D for diagnostics, copy and paste', () => {
    for (const input of [key('1'), key('0'), key('Enter'), key('Backspace'), key('Escape'), key('d', { control: true, alt: true }), key('c', { control: true }), key('v', { control: true }), key('a', { control: true }), key('i', { control: true }), key('F4')]) {
      expect(shortcutKind(input), JSON.stringify(input)).toBeNull();
    }
  });
});

describe('guardInput', () => {
  function guarded(devTools: boolean) {
    const contents = new FakeContents();
    const lines: string[] = [];
    guardInput(contents as unknown as GuardedContents, { devTools, logger: createLogger({ destination: { write: (line: string) => void lines.push(line) } }) });
    const press = (input: KeyInput) => {
      const event = { preventDefault: vi.fn() };
      contents.emit('before-input-event', event, input);
      return event.preventDefault.mock.calls.length > 0;
    };
    return { contents, press, lines };
  }

  it('swallows every blocked shortcut in production, and nothing else', () => {
    const { press } = guarded(false);
    expect([key('F12'), key('r', { control: true }), key('F5'), key('w', { control: true }), key('=', { control: true }), key('F4', { alt: true })].map(press)).toEqual([true, true, true, true, true, true]);
    expect([key('5'), key('d', { control: true, alt: true })].map(press)).toEqual([false, false]);
  });

  it('blocks the keyUp of a blocked shortcut too, logging only the keyDown, by kind and never by key', () => {
    const { press, lines } = guarded(false);
    press(key('p', { control: true }));
    press({ ...key('p', { control: true }), type: 'keyUp' });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ event: 'shortcut-blocked', kind: 'print' });
    expect(lines[0]).not.toMatch(/"key"/);
  });

  it('lets devtools and reload keys work in development, still blocking the others', () => {
    const { press } = guarded(true);
    expect([key('F12'), key('I', { control: true, shift: true }), key('r', { control: true }), key('F5')].map(press)).toEqual([false, false, false, false]);
    expect([key('w', { control: true }), key('-', { control: true })].map(press)).toEqual([true, true]);
  });

  it('closes devtools as soon as they open in production, and leaves them open in development', () => {
    const production = guarded(false);
    production.contents.emit('devtools-opened');
    expect(production.contents.closeDevTools).toHaveBeenCalledTimes(1);
    const development = guarded(true);
    development.contents.emit('devtools-opened');
    expect(development.contents.closeDevTools).not.toHaveBeenCalled();
  });
});
