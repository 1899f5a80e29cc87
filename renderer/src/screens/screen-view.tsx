// Picks the component for the snapshot's view: one per screen of the contract, checked exhaustively so
// a screen added to the contract fails the type check here until it is drawn.

import type { ScreenView as View } from '../../../electron/contract/index.ts';
import type { ScreenContext } from '../components/screen-context.ts';
import { ChooseDepartmentScreen } from './choose-department-screen.tsx';
import { ConfirmScreen } from './confirm-screen.tsx';
import { FingerprintScreen } from './fingerprint-screen.tsx';
import { VerdictScreen, VerifyingScreen } from './gate-screens.tsx';
import { PresentCardScreen } from './present-card-screen.tsx';
import { ErrorScreen, OutOfServiceScreen } from './problem-screens.tsx';
import { ReadingScreen } from './reading-screen.tsx';
import { DoneScreen, PrintingScreen } from './ticket-screens.tsx';
import { WelcomeScreen } from './welcome-screen.tsx';

export function ScreenView({ ctx, view }: { readonly ctx: ScreenContext; readonly view: View }) {
  switch (view.screen) {
    case 'welcome':
      return <WelcomeScreen ctx={ctx} view={view} />;
    case 'presentCard':
      return <PresentCardScreen ctx={ctx} view={view} />;
    case 'reading':
      return <ReadingScreen ctx={ctx} view={view} />;
    case 'fingerprint':
      return <FingerprintScreen ctx={ctx} view={view} />;
    case 'chooseDepartment':
      return <ChooseDepartmentScreen ctx={ctx} view={view} />;
    case 'confirm':
      return <ConfirmScreen ctx={ctx} view={view} />;
    case 'printing':
      return <PrintingScreen ctx={ctx} view={view} />;
    case 'done':
      return <DoneScreen ctx={ctx} view={view} />;
    case 'verifying':
      return <VerifyingScreen ctx={ctx} view={view} />;
    case 'verdict':
      return <VerdictScreen ctx={ctx} view={view} />;
    case 'error':
      return <ErrorScreen ctx={ctx} view={view} />;
    case 'outOfService':
      return <OutOfServiceScreen ctx={ctx} view={view} />;
    default: {
      const unknown: never = view;
      return unknown;
    }
  }
}
