// The shell's IPC channels: one namespace (`kiosk:`). The contract itself never
// travels over IPC; IPC only hands the renderer a MessagePort that carries it, and says when that
// port's session is over.

/** preload -> main: "give me a contract port" (no payload). */
export const REQUEST_PORT_CHANNEL = 'kiosk:request-port';
/** main -> preload: the port, as `event.ports[0]` (no payload). */
export const CONTRACT_PORT_CHANNEL = 'kiosk:contract-port';
/** main -> preload: the port's session is over (the core stopped or restarted); ask again. */
export const CONTRACT_CLOSED_CHANNEL = 'kiosk:contract-closed';

/** main -> preload: a heartbeat, with its sequence number. A hung renderer main thread cannot answer. */
export const HEARTBEAT_CHANNEL = 'kiosk:heartbeat';
/** preload -> main: the answer, with the same number. */
export const HEARTBEAT_ACK_CHANNEL = 'kiosk:heartbeat-ack';
/** main -> preload: the core is being restarted by the shell ('restarting'); the next port says it is back. */
export const CORE_STATUS_CHANNEL = 'kiosk:core-status';

/** crash screen -> main (invoke): write the shell's diagnostics report; answers `{ ok, path? }`. */
export const CRASH_EXPORT_CHANNEL = 'kiosk:crash-export';
/** crash screen -> main: forget the crash loop and start the core again. */
export const CRASH_RETRY_CHANNEL = 'kiosk:crash-retry';
