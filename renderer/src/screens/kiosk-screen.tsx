// The whole kiosk screen for one state snapshot: banners, the language buttons and countdown, the
// current screen, and the way back or out. Root: <main data-screen data-state>, which the e2e tests and
// benches wait on.

import type { ScreenName, StateSnapshot } from '../../../electron/contract/index.ts';
import { ActionButton } from '../components/action-button.tsx';
import { Banners } from '../components/banners.tsx';
import { Countdown } from '../components/countdown.tsx';
import { LanguageBar } from '../components/language-bar.tsx';
import { makeScreenContext, text, type IntentToSend } from '../components/screen-context.ts';
import { ScreenView } from './screen-view.tsx';

/** Screens where `flow.cancel` ends a finished check-in rather than abandoning one. */
const FINISH_SCREENS: ReadonlySet<ScreenName> = new Set(['done', 'verdict']);

export interface KioskScreenProps {
  readonly snapshot: StateSnapshot;
  /** Local clock when the snapshot arrived (for the countdown). */
  readonly receivedAt: number;
  readonly send: (intent: IntentToSend) => void;
}

export function KioskScreen({ snapshot, receivedAt, send }: KioskScreenProps) {
  const ctx = makeScreenContext(snapshot.language, snapshot.actions, send);
  const screen = snapshot.view.screen;
  const finishing = FINISH_SCREENS.has(screen);
  return (
    <main className={`kiosk flow-${snapshot.flow}`} data-screen={screen} data-state={snapshot.state} data-flow={snapshot.flow} lang={snapshot.language}>
      <Banners banners={snapshot.banners} language={snapshot.language} />
      <header className="kiosk-header">
        <LanguageBar ctx={ctx} languages={snapshot.languages} />
        <Countdown ctx={ctx} deadlineAt={snapshot.deadlineAt} snapshotAt={snapshot.at} receivedAt={receivedAt} />
      </header>
      <div className="kiosk-body">
        <ScreenView ctx={ctx} view={snapshot.view} />
      </div>
      <nav className="kiosk-nav">
        <ActionButton ctx={ctx} intent={{ type: 'flow.back' }} variant="quiet">
          <span aria-hidden="true">‹ </span>
          {text(ctx, 'back')}
        </ActionButton>
        <ActionButton ctx={ctx} intent={{ type: 'flow.cancel' }} variant={finishing ? 'primary' : 'quiet'} className={finishing ? 'btn-wide' : undefined}>
          {text(ctx, finishing ? 'finish' : 'cancel')}
        </ActionButton>
      </nav>
    </main>
  );
}
