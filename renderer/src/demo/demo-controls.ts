// The demo profile's simulator controls: each named button and the `demo.*` request it sends. Names are
// shared with the e2e tests and benches (`data-demo="<name>"`).

import type { DemoRequest } from '../../../electron/contract/index.ts';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type DemoRequestToSend = WithoutId<DemoRequest>;

export interface DemoControl {
  readonly name: string;
  /** Button label: the demo panel is for presenters and developers, so one short English/Vietnamese label. */
  readonly label: string;
  readonly group: 'card' | 'scanner' | 'finger' | 'service';
  readonly request: DemoRequestToSend;
}

export const DEMO_CONTROLS: readonly DemoControl[] = Object.freeze([
  { name: 'insert-cccd', label: 'CCCD', group: 'card', request: { type: 'demo.insertCard', profile: 'cccd' } },
  { name: 'insert-passport', label: 'Passport', group: 'card', request: { type: 'demo.insertCard', profile: 'passport-td3' } },
  { name: 'insert-cccd-tampered', label: 'CCCD ✗ tampered', group: 'card', request: { type: 'demo.insertCard', profile: 'cccd', tampered: true } },
  { name: 'insert-passport-tampered', label: 'Passport ✗ tampered', group: 'card', request: { type: 'demo.insertCard', profile: 'passport-td3', tampered: true } },
  { name: 'remove-card', label: 'Remove card', group: 'card', request: { type: 'demo.removeCard' } },
  { name: 'scan-qr-cccd', label: 'QR CCCD', group: 'scanner', request: { type: 'demo.scanDocument', kind: 'qr', profile: 'cccd' } },
  { name: 'scan-mrz-cccd', label: 'MRZ CCCD', group: 'scanner', request: { type: 'demo.scanDocument', kind: 'mrz', profile: 'cccd' } },
  { name: 'scan-mrz-passport', label: 'MRZ Passport', group: 'scanner', request: { type: 'demo.scanDocument', kind: 'mrz', profile: 'passport-td3' } },
  { name: 'finger-match', label: 'Finger ✓', group: 'finger', request: { type: 'demo.placeFinger', outcome: 'match' } },
  { name: 'finger-mismatch', label: 'Finger ✗', group: 'finger', request: { type: 'demo.placeFinger', outcome: 'mismatch' } },
  { name: 'finger-unusable', label: 'Finger smudged', group: 'finger', request: { type: 'demo.placeFinger', outcome: 'unusable' } },
  { name: 'central-offline', label: 'Central offline', group: 'service', request: { type: 'demo.setCentral', online: false } },
  { name: 'central-online', label: 'Central online', group: 'service', request: { type: 'demo.setCentral', online: true } },
  { name: 'printer-out', label: 'Printer: no paper', group: 'service', request: { type: 'demo.setPrinter', paper: 'out' } },
  { name: 'printer-ok', label: 'Printer: paper OK', group: 'service', request: { type: 'demo.setPrinter', paper: 'ok' } },
]);
