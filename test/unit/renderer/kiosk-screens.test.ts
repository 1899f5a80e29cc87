// Every screen of both flows rendered from contract view fixtures (react-dom/server, no DOM), checked
// against the shared UI conventions that the e2e tests and benches select by.

import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ScreenViewSchema, SCREEN_NAMES, type FlowIntentType, type StateSnapshot } from '../../../electron/contract/index.ts';
import { makeScreenContext, type IntentToSend } from '../../../renderer/src/components/screen-context.ts';
import { LanguageBar } from '../../../renderer/src/components/language-bar.tsx';
import { TEXTS } from '../../../renderer/src/i18n/texts.ts';
import { ChooseDepartmentScreen } from '../../../renderer/src/screens/choose-department-screen.tsx';
import { ALL_FIXTURES, BORDER_GATE_FIXTURES, fixture, HOSPITAL_FIXTURES, snapshotOf } from './fixtures.ts';
import { attr, attrValues, renderKiosk, tagsWith, textOf, visibleText } from './render-html.ts';

const HOLDER_SCREENS = new Set(['fingerprint', 'chooseDepartment', 'confirm', 'verifying']);

/** The intents a fixture offers that have a control of their own (languages have data-language). */
function offeredButtons(snapshot: StateSnapshot): FlowIntentType[] {
  return snapshot.actions.filter((a) => a !== 'flow.chooseLanguage');
}

describe('the kiosk screen', () => {
  describe('fixtures', () => {
    it('cover every screen of the contract in each flow', () => {
      const screensOf = (list: typeof ALL_FIXTURES) => new Set(list.map((f) => f.snapshot.view.screen));
      const hospital = screensOf(HOSPITAL_FIXTURES);
      const gate = screensOf(BORDER_GATE_FIXTURES);
      expect([...new Set([...hospital, ...gate])].sort()).toEqual([...SCREEN_NAMES].sort());
      for (const f of ALL_FIXTURES) expect(ScreenViewSchema.safeParse(f.snapshot.view).success).toBe(true);
    });
  });

  describe.each(ALL_FIXTURES.map((f) => [f.name, f.snapshot] as const))('%s', (_name, snapshot) => {
    const html = renderKiosk(snapshot);

    it('names the screen and state on <main>', () => {
      const [main] = tagsWith(html, 'data-screen');
      expect(main).toMatch(/^<main/);
      expect(attr(main!, 'data-screen')).toBe(snapshot.view.screen);
      expect(attr(main!, 'data-state')).toBe(snapshot.state);
    });

    it('shows a control for each offered intent and for no other', () => {
      const shown = new Set(attrValues(html, 'data-action'));
      for (const action of shown) expect(snapshot.actions).toContain(action);
      const expected = offeredButtons(snapshot).filter((a) => a !== 'flow.chooseDepartment' || (snapshot.view.screen === 'chooseDepartment' && snapshot.view.departments.length > 0));
      expect([...shown].sort()).toEqual([...new Set(expected)].sort());
    });

    it('offers the kiosk languages, the current one pressed', () => {
      const buttons = tagsWith(html, 'data-language');
      expect(buttons.map((b) => attr(b, 'data-language'))).toEqual(snapshot.languages);
      expect(buttons.filter((b) => attr(b, 'aria-pressed') === 'true').map((b) => attr(b, 'data-language'))).toEqual([snapshot.language]);
    });

    it('leaks no text key or unfilled placeholder', () => {
      const text = visibleText(html);
      expect(text).not.toMatch(/\{\w+\}/);
      for (const key of Object.keys(TEXTS)) expect(text.split(' ')).not.toContain(key);
      expect(text).not.toMatch(/undefined|NaN|\[object/);
    });

    if (HOLDER_SCREENS.has(snapshot.view.screen) || ('holder' in snapshot.view && snapshot.view.holder)) {
      it("shows the holder's name and photo", () => {
        const holder = (snapshot.view as { holder: { fullName: string; photo?: string } }).holder;
        expect(textOf(html, 'data-testid', 'holder-name')).toBe(holder.fullName);
        const photos = tagsWith(html, 'data-testid="holder-photo"');
        if (holder.photo) expect(photos.map((p) => attr(p, 'src'))).toEqual([holder.photo]);
        else expect(photos).toEqual([]);
      });
    }
  });

  describe('reading', () => {
    it('reports progress as aria-valuenow = round(fraction * 100)', () => {
      const [bar] = tagsWith(renderKiosk(fixture('hospital reading (photo, name shown)')), 'role="progressbar"');
      expect(attr(bar!, 'aria-valuenow')).toBe('62');
      expect(attr(bar!, 'aria-valuemin')).toBe('0');
      expect(attr(bar!, 'aria-valuemax')).toBe('100');
    });

    it('asks for the card back when it left the reader, keeping the name on screen', () => {
      const html = renderKiosk(fixture('hospital reading (card lost)'));
      expect(visibleText(html)).toContain(TEXTS.cardLostTitle.vi);
      expect(textOf(html, 'data-testid', 'holder-name')).toBe('NGUYỄN VĂN THỬ');
      expect(visibleText(renderKiosk(fixture('hospital reading (access)')))).not.toContain(TEXTS.cardLostTitle.vi);
    });

    it('shows the name before the photo arrives', () => {
      const html = renderKiosk(fixture('hospital reading (photo, name shown)'));
      expect(textOf(html, 'data-testid', 'holder-name')).toBe('NGUYỄN VĂN THỬ');
      expect(tagsWith(html, 'data-testid="holder-photo"')).toEqual([]);
    });
  });

  describe('fingerprint', () => {
    it('animates the phase and counts attempts', () => {
      const html = renderKiosk(fixture('hospital fingerprint (mismatch)'));
      expect(attrValues(html, 'data-phase')).toContain('mismatch');
      expect(textOf(html, 'data-testid', 'finger-attempt')).toBe('Lần 2/3');
      expect(visibleText(html)).toContain('Vân tay không khớp.');
    });
  });

  describe('chooseDepartment', () => {
    const html = renderKiosk(fixture('hospital chooseDepartment'));

    it('draws a button per department, the unavailable one disabled', () => {
      const buttons = tagsWith(html, 'data-department');
      expect(buttons.map((b) => attr(b, 'data-department'))).toEqual(['internal', 'pediatrics', 'dental']);
      expect(buttons.map((b) => / disabled=""/.test(b))).toEqual([false, false, true]);
      expect(visibleText(html)).toContain('Chờ khoảng 25 phút');
    });

    it('sends flow.chooseDepartment with the department id', () => {
      const sent: IntentToSend[] = [];
      const snapshot = fixture('hospital chooseDepartment');
      if (snapshot.view.screen !== 'chooseDepartment') throw new Error('fixture');
      const ctx = makeScreenContext('vi', snapshot.actions, (i) => sent.push(i));
      const button = findElement(ChooseDepartmentScreen({ ctx, view: snapshot.view }), (e) => e.props['data-department'] === 'pediatrics');
      (button.props.onClick as () => void)();
      expect(sent).toEqual([{ type: 'flow.chooseDepartment', departmentId: 'pediatrics' }]);
    });
  });

  describe('tickets', () => {
    it('previews the ticket with its queue number while printing and when done', () => {
      for (const name of ['hospital printing', 'hospital done (printed)', 'hospital done (not printed, offline)']) {
        const html = renderKiosk(fixture(name));
        expect(tagsWith(html, 'data-testid="ticket"')).toHaveLength(1);
        expect(textOf(html, 'data-testid', 'queue-number')).toBe('A-042');
      }
    });

    it('says on the done screen whether the ticket was printed and the check-in queued offline', () => {
      const printed = tagsWith(renderKiosk(fixture('hospital done (printed)')), 'data-printed')[0]!;
      expect([attr(printed, 'data-printed'), attr(printed, 'data-queued-offline')]).toEqual(['true', 'false']);
      const html = renderKiosk(fixture('hospital done (not printed, offline)'));
      const notPrinted = tagsWith(html, 'data-printed')[0]!;
      expect([attr(notPrinted, 'data-printed'), attr(notPrinted, 'data-queued-offline')]).toEqual(['false', 'true']);
      expect(visibleText(html)).toContain(TEXTS.ticketNotPrinted.vi);
      expect(visibleText(html)).toContain(TEXTS.queuedOffline.vi);
    });
  });

  describe('verdict', () => {
    it('opens in green with "please proceed"', () => {
      const html = renderKiosk(fixture('border-gate verdict (open)'));
      expect(attrValues(html, 'data-decision')).toEqual(['open']);
      expect(visibleText(html)).toContain(TEXTS.verdictOpen.vi);
      expect(textOf(html, 'data-testid', 'reason-code')).toBeNull();
    });

    it('sends to a booth with its number and the reason code for the officer', () => {
      const html = renderKiosk(fixture('border-gate verdict (booth)'));
      expect(attrValues(html, 'data-decision')).toEqual(['booth']);
      expect(textOf(html, 'data-testid', 'booth')).toBe('3');
      expect(textOf(html, 'data-testid', 'reason-code')).toBe('PA_FAILED');
    });
  });

  describe('errors', () => {
    it('carries the code on the error screen root', () => {
      expect(attrValues(renderKiosk(fixture('hospital error (card unreadable)')), 'data-code')).toEqual(['CARD_UNREADABLE']);
      expect(attrValues(renderKiosk(fixture('border-gate error')), 'data-code')).toEqual(['CHIP_NOT_GENUINE']);
    });
  });

  describe('languages', () => {
    const open = fixture('border-gate verdict (open)');

    it('renders Chinese when zh is chosen, the core text and the renderer text alike', () => {
      const text = visibleText(renderKiosk({ ...open, language: 'zh' }));
      expect(text).toContain('验证成功。请通过闸门。');
      expect(text).toContain(TEXTS.verdictOpen.zh);
      expect(text).toContain(TEXTS.finish.zh);
      expect(text).not.toContain(TEXTS.verdictOpen.vi);
    });

    it('renders English and Vietnamese', () => {
      expect(visibleText(renderKiosk({ ...open, language: 'en' }))).toContain('Please proceed');
      expect(visibleText(renderKiosk({ ...open, language: 'vi' }))).toContain('Mời qua cổng');
    });

    it('falls back to English for a core text without Chinese', () => {
      const text = visibleText(renderKiosk({ ...fixture('hospital error (card unreadable)'), language: 'zh' }));
      expect(text).toContain('The card chip could not be read.');
      expect(text).toContain(TEXTS.errorTitle.zh);
    });

    it('sends flow.chooseLanguage on one tap', () => {
      const sent: IntentToSend[] = [];
      const ctx = makeScreenContext('vi', open.actions, (i) => sent.push(i));
      const button = findElement(LanguageBar({ ctx, languages: open.languages }), (e) => e.props['data-language'] === 'zh');
      (button.props.onClick as () => void)();
      expect(sent).toEqual([{ type: 'flow.chooseLanguage', language: 'zh' }]);
    });
  });

  describe('banners and countdown', () => {
    it('draws a strip per banner', () => {
      const snapshot = snapshotOf({
        flow: 'hospital',
        state: 'welcome',
        view: fixture('hospital welcome').view,
        actions: ['flow.start'],
        banners: [
          { kind: 'offline', message: { vi: 'Mất kết nối máy chủ', en: 'Offline' } },
          { kind: 'demo', message: { vi: 'Chế độ trình diễn', en: 'Demo mode' } },
        ],
      });
      expect(attrValues(renderKiosk(snapshot), 'data-banner')).toEqual(['offline', 'demo']);
    });

    it('counts down only in the last 20 seconds before the deadline', () => {
      const now = Date.now();
      expect(tagsWith(renderKiosk(fixture('hospital reading (card lost)'), now), 'data-testid="countdown"')).toHaveLength(1);
      expect(tagsWith(renderKiosk(fixture('hospital confirm'), now), 'data-testid="countdown"')).toHaveLength(0);
      expect(tagsWith(renderKiosk(fixture('hospital welcome'), now), 'data-testid="countdown"')).toHaveLength(0);
      // 50 s after a 60 s deadline was received, 10 s are left.
      expect(tagsWith(renderKiosk(fixture('hospital confirm'), now - 50_000), 'data-testid="countdown"')).toHaveLength(1);
    });
  });
});

/** Depth-first search of a React element tree (function components are called, props.children walked). */
function findElement(node: ReactNode, match: (element: ReactElement<Record<string, unknown>>) => boolean): ReactElement<Record<string, unknown>> {
  const stack: ReactNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) {
      stack.push(...current);
      continue;
    }
    if (!isValidElement<Record<string, unknown>>(current)) continue;
    if (match(current)) return current;
    if (typeof current.type === 'function') stack.push((current.type as (p: unknown) => ReactNode)(current.props));
    else stack.push(current.props.children as ReactNode);
  }
  throw new Error('no matching element');
}
