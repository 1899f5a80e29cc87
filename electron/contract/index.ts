/**
 * The contract between the kiosk's UI (renderer, or a local agent such as a hospital web system) and
 * the core process. Environment-neutral: zod schemas and types only, parsed on both sides.
 *
 * ## Transport
 * JSON text messages, one per frame: over a WebSocket on 127.0.0.1 (browser shell, local agent), or a
 * MessagePort relayed by the Electron shell. On the WebSocket, the page is opened as
 * `http://127.0.0.1:PORT/#token=TOKEN` (a fragment never reaches the server or a Referer); the page
 * connects to `ws://127.0.0.1:PORT/contract?token=TOKEN`, and the core refuses the upgrade (HTTP 403)
 * unless the token is the one it generated at start and the Origin is its own.
 *
 * ## Session
 * 1. client -> `{ type: 'hello', id, version: 1, role?: 'screen' | 'agent' }`
 * 2. core   -> `{ type: 'ok', id, result: { kind: 'hello', sessionId, kiosk } }`, then the latest
 *    `{ type: 'snapshot', snapshot }`. Any other version gets `VERSION_MISMATCH` and the session closes;
 *    any other request before hello gets `HELLO_REQUIRED` (only `ping` is answered before hello).
 * 3. client -> intents (`flow.*`), diagnostics (`diagnostics.*`, after `diagnostics.unlock` with the
 *    PIN, per session), demo controls (`demo.*`, demo profile only), `ping`. Every request carries an
 *    `id` and gets exactly one `ok` (with a `result`) or `error` (with a typed `code`, a localized
 *    `message` and, for refused frames, `issues`); the session stays usable after any error except
 *    VERSION_MISMATCH and UNAUTHORIZED.
 * 4. core -> snapshots after every change (all sessions), events (`deviceHealth`, `sync` to all;
 *    `diagnostics` to unlocked sessions; `shutdown` before the core stops).
 *
 * ## Rules
 * - Every object is strict: an unknown field is refused (BAD_MESSAGE), so a typo never passes silently.
 * - The renderer renders the snapshot's `view` (a discriminated union on `screen`) and offers the
 *   snapshot's `actions`; it holds no flow logic.
 * - Personal data appears only in a view's `holder` (name, document tail, photo as a data URL).
 *   Neither side logs message bodies; `redactSnapshot` removes `holder` where a snapshot must be kept.
 * - Frames are bounded: MAX_CLIENT_MESSAGE_BYTES one way, MAX_SERVER_MESSAGE_BYTES the other.
 *
 * @module
 */

export * from './common.ts';
export * from './contract-version.ts';
export * from './contract-errors.ts';
export * from './requests.ts';
export * from './screens.ts';
export * from './state-snapshot.ts';
export * from './diagnostics-view.ts';
export * from './server-messages.ts';
export * from './message-codec.ts';
