// The browser the kiosk is tested in: Debian's Chromium (Playwright's own download is not available
// here), headless, with everything that would reach the network or the GPU turned off.

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/** The hospital kiosk: a portrait touch screen. */
export const PORTRAIT_VIEWPORT = Object.freeze({ width: 1080, height: 1920 });

/** The border gate: a landscape screen. */
export const LANDSCAPE_VIEWPORT = Object.freeze({ width: 1920, height: 1080 });
