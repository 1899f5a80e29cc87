// The actor logic both flows invoke: a watcher of the card reader and the document scanner, a chip read
// that reports its progress, a fingerprint capture (and comparison, when a matcher exists) that
// reports the phases a screen animates, and the central service's AA nonce and identity verification. Each stops its work when the flow leaves the step: the actor's
// cleanup aborts the signal handed to the port.

import { fromCallback, fromPromise, type EventObject } from 'xstate';
import type { AccessKey } from '../../../native/card/access-key.ts';
import type { FlowDeviceEvent } from './flow-events.ts';
import { flowUnavailable } from './flow-problem.ts';
import type { PersonSession } from './person-session.ts';
import type { CardPort, DocumentScanPort, FingerprintMatcher, FingerprintPort, Identity, IdentityVerifier } from './ports.ts';

/** Sends CARD.INSERTED / CARD.REMOVED / SCANNED for as long as the flow runs. */
export function presentationWatcher(card: CardPort, scanner: DocumentScanPort | undefined) {
  return fromCallback<EventObject>(({ sendBack }) => {
    const send = (event: FlowDeviceEvent) => sendBack(event);
    const subscriptions = [
      card.onDidInsertCard(() => send({ type: 'CARD.INSERTED' })),
      card.onDidRemoveCard(() => send({ type: 'CARD.REMOVED' })),
      ...(scanner ? [scanner.onDidScan((scan) => send({ type: 'SCANNED', scan }))] : []),
    ];
    return () => {
      for (const s of subscriptions) s.dispose();
    };
  });
}

export interface ChipReadInput {
  readonly keys: readonly AccessKey[];
  readonly challenge: Uint8Array | undefined;
}

/** Reads the chip: READ.EVENT while it goes, then READ.DONE or READ.FAILED (nothing once stopped). */
export function chipReader(card: CardPort) {
  return fromCallback<EventObject, ChipReadInput>(({ sendBack, input }) => {
    const abort = new AbortController();
    const send = (event: FlowDeviceEvent) => {
      if (!abort.signal.aborted) sendBack(event);
    };
    card
      .read({
        keys: input.keys,
        ...(input.challenge ? { challenge: input.challenge } : {}),
        signal: abort.signal,
        onEvent: (event) => send({ type: 'READ.EVENT', event }),
      })
      .then(
        (read) => send({ type: 'READ.DONE', read }),
        (error: unknown) => send({ type: 'READ.FAILED', error }),
      );
    return () => abort.abort();
  });
}

export interface FingerprintInput {
  readonly identity: Identity | undefined;
}

/**
 * One capture: FINGER.PHASE as the scanner asks to place, hold and lift; then FINGER.DONE with the
 * verdict (`matched` / `not-matched` from the matcher, `captured` without one), or FINGER.FAILED
 * (FINGERPRINT_UNAVAILABLE without a scanner).
 */
export function fingerprintCapturer(scanner: FingerprintPort | undefined, matcher: FingerprintMatcher | undefined, timeoutMs: number) {
  const port = scanner ?? { capture: () => Promise.reject(flowUnavailable('FINGERPRINT_UNAVAILABLE')) };
  return fromCallback<EventObject, FingerprintInput>(({ sendBack, input }) => {
    const abort = new AbortController();
    const send = (event: FlowDeviceEvent) => {
      if (!abort.signal.aborted) sendBack(event);
    };
    (async () => {
      const sample = await port.capture({ timeoutMs, signal: abort.signal, onPhase: (phase) => send({ type: 'FINGER.PHASE', phase }) });
      const verdict = matcher && input.identity ? await matcher.match(sample, input.identity, abort.signal) : 'captured';
      send({ type: 'FINGER.DONE', sample, verdict });
    })().catch((error: unknown) => send({ type: 'FINGER.FAILED', error }));
    return () => abort.abort();
  });
}

/** The AA nonce from the central service (unavailable without a verifier). */
export function nonceIssuer(verifier: IdentityVerifier | undefined) {
  return fromPromise(async () => {
    if (!verifier) throw flowUnavailable();
    return verifier.issueNonce();
  });
}

/** The central service's verdict on the chip read (and fingerprint) of a session with a nonce. */
export function identityVerification(verifier: IdentityVerifier | undefined) {
  return fromPromise(async ({ input }: { input: PersonSession }) => {
    if (!verifier || !input.read || !input.nonce) throw flowUnavailable();
    return verifier.verifyIdentity({
      nonceId: input.nonce.nonceId,
      ...input.read.evidence,
      ...(input.fingerprint ? { fingerprintPng: input.fingerprint.png } : {}),
    });
  });
}
