// A button for one flow intent, drawn only when the core offers that intent now (snapshot.actions).
// `data-action` names the intent: the e2e tests and benches select buttons by it.

import type { ReactNode } from 'react';
import type { IntentToSend, ScreenContext } from './screen-context.ts';

export interface ActionButtonProps {
  readonly ctx: ScreenContext;
  readonly intent: IntentToSend;
  readonly children: ReactNode;
  /** primary: the step's main action; secondary: alternatives; quiet: back/cancel. */
  readonly variant?: 'primary' | 'secondary' | 'quiet' | 'danger';
  readonly className?: string;
  readonly disabled?: boolean;
  readonly extra?: Readonly<Record<`data-${string}`, string>>;
}

export function ActionButton({ ctx, intent, children, variant = 'secondary', className, disabled, extra }: ActionButtonProps) {
  if (!ctx.actions.has(intent.type)) return null;
  return (
    <button
      type="button"
      className={`btn btn-${variant}${className ? ` ${className}` : ''}`}
      data-action={intent.type}
      disabled={disabled}
      onClick={() => ctx.send(intent)}
      {...extra}
    >
      {children}
    </button>
  );
}
