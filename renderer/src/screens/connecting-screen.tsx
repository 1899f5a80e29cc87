// Shown while the renderer has no session with the core (starting, core restarting, connection lost),
// and when the two speak different contract versions. Both languages at once: the person's choice is
// not known without the core. When the Electron shell says it is restarting the device service, the
// screen says that (in all three languages: the border gate's travellers read Chinese).

import { CONTRACT_ERROR_MESSAGES } from '../../../electron/contract/index.ts';
import { TEXTS } from '../i18n/texts.ts';

export function ConnectingScreen({ versionMismatch = false, restarting = false }: { readonly versionMismatch?: boolean; readonly restarting?: boolean }) {
  const title = restarting ? TEXTS.deviceServiceRestarting : TEXTS.connecting;
  return (
    <main className="kiosk kiosk-connecting" data-screen="connecting" data-connection={versionMismatch ? 'version-mismatch' : restarting ? 'restarting' : 'connecting'} lang="vi">
      <div className="kiosk-body">
        <section className="screen screen-connecting" role="status">
          {versionMismatch ? (
            <>
              <span className="big-icon big-icon-warning" aria-hidden="true">
                !
              </span>
              <h1 className="screen-title">{CONTRACT_ERROR_MESSAGES.VERSION_MISMATCH.vi}</h1>
              <p className="screen-lead" lang="en">
                {CONTRACT_ERROR_MESSAGES.VERSION_MISMATCH.en}
              </p>
              <p className="screen-hint">
                {TEXTS.versionMismatchReload.vi} <span lang="en">{TEXTS.versionMismatchReload.en}</span>
              </p>
            </>
          ) : (
            <>
              <div className="spinner" aria-hidden="true" />
              <h1 className="screen-title">{title.vi}</h1>
              <p className="screen-lead" lang="en">
                {title.en}
              </p>
              {restarting ? (
                <p className="screen-lead" lang="zh">
                  {title.zh}
                </p>
              ) : null}
              <p className="screen-hint">
                {TEXTS.connectingDetail.vi} <span lang="en">{TEXTS.connectingDetail.en}</span>
              </p>
            </>
          )}
        </section>
      </div>
    </main>
  );
}
