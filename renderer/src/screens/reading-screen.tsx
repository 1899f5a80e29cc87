// The chip being read: what is happening, a progress bar, "put the card back" when it left the reader,
// and the holder's name as soon as DG1/DG13 are in (before the photo).

import type { ScreenOf } from '../../../electron/contract/index.ts';
import { CardIllustration } from '../components/card-illustration.tsx';
import { HolderCard } from '../components/holder-card.tsx';
import { ProgressBar } from '../components/progress-bar.tsx';
import { text, type ScreenContext } from '../components/screen-context.ts';

const STEP_TEXT = { access: 'readingAccess', holder: 'readingHolder', photo: 'readingPhoto', verifying: 'readingVerifying' } as const;

export function ReadingScreen({ ctx, view }: { readonly ctx: ScreenContext; readonly view: ScreenOf<'reading'> }) {
  return (
    <section className={`screen screen-reading${view.cardLost ? ' card-lost' : ''}`} data-card-lost={String(view.cardLost)}>
      {view.cardLost ? (
        <>
          <h1 className="screen-title screen-title-warning" role="alert">
            {text(ctx, 'cardLostTitle')}
          </h1>
          <CardIllustration kind="chip" />
          <p className="screen-lead">{text(ctx, 'cardLostHint')}</p>
        </>
      ) : (
        <>
          <h1 className="screen-title" aria-live="polite">
            {text(ctx, STEP_TEXT[view.step])}
          </h1>
          <p className="screen-lead">{text(ctx, 'readingKeepCard')}</p>
        </>
      )}
      <ProgressBar fraction={view.fraction} label={text(ctx, 'readingProgress')} tone={view.cardLost ? 'paused' : 'normal'} />
      {view.holder ? <HolderCard ctx={ctx} holder={view.holder} /> : null}
    </section>
  );
}
