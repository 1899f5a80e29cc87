// The state snapshot: everything the kiosk screen shows at one moment. The core sends a new one after
// every change; the renderer replaces what it shows with it (no merging, no local flow logic). A client
// that connects or reloads receives the latest snapshot right after its `hello`, so nothing is lost.

import { z } from 'zod';
import { CountSchema, EpochMsSchema, IdentifierSchema, LanguageSchema, LocalizedTextSchema } from './common.ts';
import { FlowIntentTypeSchema } from './requests.ts';
import { FlowKindSchema, ScreenViewSchema } from './screens.ts';

/** A strip across the top of every screen: offline, a device restarting, the printer low on paper. */
export const BannerSchema = z.strictObject({
  kind: z.enum(['offline', 'deviceRestarting', 'printerLow', 'demo']),
  message: LocalizedTextSchema,
});
export type Banner = z.infer<typeof BannerSchema>;

export const StateSnapshotSchema = z.strictObject({
  /** Increases by one with every snapshot of this core process; clients drop older ones. */
  seq: CountSchema,
  at: EpochMsSchema,
  flow: FlowKindSchema,
  /** The machine's state path for logs and tests, e.g. `reading.chip` (never shown to a person). */
  state: z.string().min(1).max(120).regex(/^[A-Za-z0-9._-]+$/),
  language: LanguageSchema,
  /** Languages offered on this kiosk, in the order of the language buttons. */
  languages: z.array(LanguageSchema).min(1).max(3),
  /** The intents the screen offers now; the renderer shows a control for each and nothing else. */
  actions: z.array(FlowIntentTypeSchema).max(16),
  /** When the current step gives up (its timeout or the idle reset), for a countdown; null if never. */
  deadlineAt: EpochMsSchema.nullable(),
  banners: z.array(BannerSchema).max(4),
  view: ScreenViewSchema,
  /** The kiosk's own id (for the hospital agent and support), not personal. */
  kioskId: IdentifierSchema,
});
export type StateSnapshot = z.infer<typeof StateSnapshotSchema>;

/** A snapshot without personal fields: fit for logs and support reports, not for rendering. */
export type RedactedSnapshot = Omit<StateSnapshot, 'view'> & { readonly view: { readonly screen: StateSnapshot['view']['screen'] } & Record<string, unknown> };

/**
 * The snapshot with every personal field removed (the holder's name, photo, document tail), for logs,
 * support reports and the "no personal data remains after an idle reset" checks.
 */
export function redactSnapshot(snapshot: StateSnapshot): RedactedSnapshot {
  if (!hasPersonalData(snapshot)) return snapshot;
  const { holder: _holder, ...rest } = snapshot.view as StateSnapshot['view'] & { holder?: unknown };
  return { ...snapshot, view: rest };
}

/** Whether a snapshot carries personal data (its view has a `holder`). */
export function hasPersonalData(snapshot: StateSnapshot): boolean {
  return 'holder' in snapshot.view && snapshot.view.holder !== undefined;
}
