// The shell's IPC channels: one namespace (`kiosk:`), three channels. The contract itself never
// travels over IPC; IPC only hands the renderer a MessagePort that carries it, and says when that
// port's session is over.

/** preload -> main: "give me a contract port" (no payload). */
export const REQUEST_PORT_CHANNEL = 'kiosk:request-port';
/** main -> preload: the port, as `event.ports[0]` (no payload). */
export const CONTRACT_PORT_CHANNEL = 'kiosk:contract-port';
/** main -> preload: the port's session is over (the core stopped or restarted); ask again. */
export const CONTRACT_CLOSED_CHANNEL = 'kiosk:contract-closed';
