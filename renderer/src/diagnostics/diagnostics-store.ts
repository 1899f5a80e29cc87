// The technician's diagnostics session as the renderer holds it: closed, the PIN pad, or open with the
// core's DiagnosticsView. Unlocking is per contract session, so a lost connection or a
// `diagnosticsLocked` event closes it; `diagnostics`, `deviceHealth` and `sync` events keep the view
// current. The PIN is kept only while it is typed and dropped as soon as it is sent.

import type { CoreEvent, DiagnosticsView, LocalizedText, SelfTestView } from '../../../electron/contract/index.ts';
import type { ContractClient, OutgoingRequest } from '../contract/contract-client.ts';
import { RequestFailedError } from '../contract/request-failed-error.ts';

export const PIN_MIN_DIGITS = 4;
export const PIN_MAX_DIGITS = 12;

export type PinProblem =
  | { readonly code: 'PIN_TOO_SHORT' }
  | { readonly code: 'PIN_WRONG'; readonly triesLeft: number | null; readonly message: LocalizedText | null }
  | { readonly code: 'LOCKED_OUT'; readonly retryAt: number | null; readonly message: LocalizedText | null }
  | { readonly code: string; readonly message: LocalizedText | null };

export interface SelfTestState {
  readonly running: boolean;
  readonly result: SelfTestView | null;
  readonly errorCode: string | null;
}

export interface DiagnosticsState {
  readonly mode: 'closed' | 'pin' | 'open';
  /** Digits typed so far (shown as dots). */
  readonly pin: string;
  readonly unlocking: boolean;
  readonly pinProblem: PinProblem | null;
  readonly view: DiagnosticsView | null;
  readonly selfTests: Readonly<Record<string, SelfTestState>>;
  /** The last action's outcome for the status line (refresh/export failures, export file name). */
  readonly notice: { readonly kind: 'exported'; readonly fileName: string } | { readonly kind: 'failed'; readonly code: string } | null;
}

/** Saves a report file for the technician (a Blob URL and `<a download>` in the browser). */
export type ReportDownloader = (fileName: string, json: string) => void;

const CLOSED: DiagnosticsState = Object.freeze({ mode: 'closed', pin: '', unlocking: false, pinProblem: null, view: null, selfTests: {}, notice: null });

/** Tries left as the core's PIN_WRONG detail states them ("3 tries left", "remaining: 3"), else null. */
export function triesLeftFrom(detail: string | undefined): number | null {
  if (!detail) return null;
  const match = /(\d+)\s*(?:tries|attempts)?\s*(?:left|remaining)/i.exec(detail) ?? /(?:left|remaining)\D{0,3}(\d+)/i.exec(detail);
  return match ? Number(match[1]) : null;
}

export class DiagnosticsStore {
  private state: DiagnosticsState = CLOSED;
  private readonly listeners = new Set<() => void>();
  private readonly client: ContractClient;
  private readonly download: ReportDownloader;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(client: ContractClient, download: ReportDownloader) {
    this.client = client;
    this.download = download;
    this.unsubscribe.push(
      client.onEvent((event) => this.onEvent(event)),
      client.subscribe(() => {
        if (client.getState().status !== 'open' && this.state.mode !== 'closed') this.set(CLOSED);
      }),
    );
  }

  getState = (): DiagnosticsState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  dispose(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  /** The corner gesture or Ctrl+Alt+D: show the PIN pad (nothing happens when already open). */
  openPad(): void {
    if (this.state.mode === 'closed' && this.client.getState().status === 'open') this.set({ ...CLOSED, mode: 'pin' });
  }

  closePad(): void {
    if (this.state.mode === 'pin') this.set(CLOSED);
  }

  typeDigit(digit: string): void {
    if (this.state.mode !== 'pin' || this.state.unlocking || !/^\d$/.test(digit) || this.state.pin.length >= PIN_MAX_DIGITS) return;
    this.set({ ...this.state, pin: this.state.pin + digit, pinProblem: null });
  }

  clearPin(): void {
    if (this.state.mode === 'pin') this.set({ ...this.state, pin: '', pinProblem: null });
  }

  /** Sends `diagnostics.unlock`; on success fetches the view. PIN errors stay on the pad. */
  async submitPin(): Promise<void> {
    if (this.state.mode !== 'pin' || this.state.unlocking) return;
    const pin = this.state.pin;
    if (pin.length < PIN_MIN_DIGITS) return this.set({ ...this.state, pin: '', pinProblem: { code: 'PIN_TOO_SHORT' } });
    this.set({ ...this.state, pin: '', unlocking: true, pinProblem: null });
    try {
      const result = await this.client.request({ type: 'diagnostics.unlock', pin });
      this.set({ ...CLOSED, mode: 'open', view: result.kind === 'diagnostics' ? result.view : null });
      if (result.kind !== 'diagnostics') await this.refresh();
    } catch (error) {
      if (this.state.mode !== 'pin') return;
      this.set({ ...this.state, unlocking: false, pinProblem: pinProblemOf(error) });
    }
  }

  async refresh(): Promise<void> {
    await this.whileOpen({ type: 'diagnostics.refresh' }, (result) => {
      if (result.kind === 'diagnostics') this.set({ ...this.state, view: result.view, notice: null });
    });
  }

  async selfTest(deviceId: string): Promise<void> {
    if (this.state.mode !== 'open') return;
    const previous = this.state.selfTests[deviceId];
    this.setSelfTest(deviceId, { running: true, result: previous?.result ?? null, errorCode: null });
    try {
      const result = await this.client.request({ type: 'diagnostics.selfTest', deviceId });
      if (result.kind === 'selfTest') this.setSelfTest(deviceId, { running: false, result: result.result, errorCode: null });
    } catch (error) {
      this.setSelfTest(deviceId, { running: false, result: null, errorCode: codeOf(error) });
    }
  }

  async exportReport(): Promise<void> {
    await this.whileOpen({ type: 'diagnostics.export' }, (result) => {
      if (result.kind !== 'report') return;
      this.download(result.fileName, result.json);
      this.set({ ...this.state, notice: { kind: 'exported', fileName: result.fileName } });
    });
  }

  /** Locks the session at the core and closes the screen (at once: the flow is underneath). */
  lock(): void {
    const wasOpen = this.state.mode === 'open';
    this.set(CLOSED);
    if (wasOpen) this.client.request({ type: 'diagnostics.lock' }).catch(() => undefined);
  }

  private async whileOpen(request: OutgoingRequest, onOk: (result: Awaited<ReturnType<ContractClient['request']>>) => void): Promise<void> {
    if (this.state.mode !== 'open') return;
    try {
      const result = await this.client.request(request);
      if (this.state.mode === 'open') onOk(result);
    } catch (error) {
      if (this.state.mode !== 'open') return;
      const code = codeOf(error);
      // The core ended the unlocked session (inactivity): back to closed, the pad is one gesture away.
      if (code === 'DIAGNOSTICS_LOCKED') return this.set(CLOSED);
      this.set({ ...this.state, notice: { kind: 'failed', code } });
    }
  }

  private onEvent(event: CoreEvent): void {
    const { view } = this.state;
    switch (event.kind) {
      case 'diagnostics':
        if (this.state.mode === 'open') this.set({ ...this.state, view: event.view });
        return;
      case 'diagnosticsLocked':
        if (this.state.mode === 'open') this.set(CLOSED);
        return;
      case 'deviceHealth':
        if (this.state.mode === 'open' && view) {
          const known = view.devices.some((d) => d.id === event.device.id);
          const devices = known ? view.devices.map((d) => (d.id === event.device.id ? event.device : d)) : [...view.devices, event.device];
          this.set({ ...this.state, view: { ...view, devices } });
        }
        return;
      case 'sync':
        if (this.state.mode === 'open' && view) this.set({ ...this.state, view: { ...view, queue: event.queue, sync: event.sync } });
        return;
      case 'shutdown':
        return;
    }
  }

  private setSelfTest(deviceId: string, value: SelfTestState): void {
    this.set({ ...this.state, selfTests: { ...this.state.selfTests, [deviceId]: value } });
  }

  private set(next: DiagnosticsState): void {
    this.state = Object.freeze(next);
    for (const listener of [...this.listeners]) listener();
  }
}

function codeOf(error: unknown): string {
  return error instanceof RequestFailedError ? error.code : 'INTERNAL';
}

function pinProblemOf(error: unknown): PinProblem {
  if (!(error instanceof RequestFailedError)) return { code: 'INTERNAL', message: null };
  const contractError = error.contractError;
  const message = contractError?.message ?? null;
  if (error.code === 'PIN_WRONG') return { code: 'PIN_WRONG', triesLeft: triesLeftFrom(contractError?.detail), message };
  if (error.code === 'LOCKED_OUT') return { code: 'LOCKED_OUT', retryAt: contractError?.retryAt ?? null, message };
  return { code: error.code, message };
}
