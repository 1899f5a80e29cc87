// The technician's diagnostics screen over the kiosk (the flow keeps running underneath): devices and
// self-tests, the reader and the last read's APDU trace, queue and sync, recent errors, the config
// summary and version; refresh, export report, lock.

import type { DiagnosticsView, Language } from '../../../electron/contract/index.ts';
import { DIAGNOSTICS_TEXTS as T } from '../i18n/diagnostics-texts.ts';
import { say } from '../i18n/localize.ts';
import { DeviceTable } from './device-table.tsx';
import { formatDuration, formatInstant } from './diagnostics-format.ts';
import type { DiagnosticsState } from './diagnostics-store.ts';
import { ReaderPanel } from './reader-panel.tsx';

export interface DiagnosticsScreenProps {
  readonly language: Language;
  readonly state: DiagnosticsState;
  readonly onRefresh: () => void;
  readonly onSelfTest: (deviceId: string) => void;
  readonly onExport: () => void;
  readonly onLock: () => void;
}

export function DiagnosticsScreen({ language, state, onRefresh, onSelfTest, onExport, onLock }: DiagnosticsScreenProps) {
  const t = (key: keyof typeof T, values: Record<string, string | number> = {}): string => say(T[key], language, values);
  const view = state.view;
  return (
    <div className="overlay overlay-diagnostics" role="dialog" aria-modal="true" aria-labelledby="diag-title">
      <div className="diagnostics" data-testid="diagnostics" lang={language}>
        <header className="diag-header">
          <h2 id="diag-title">{t('title')}</h2>
          <div className="diag-buttons">
            <button type="button" className="btn btn-small" data-testid="diagnostics-refresh" onClick={onRefresh}>
              {t('refresh')}
            </button>
            <button type="button" className="btn btn-small" data-testid="export-report" onClick={onExport} disabled={!view}>
              {t('exportReport')}
            </button>
            <button type="button" className="btn btn-small btn-danger" data-testid="diagnostics-lock" onClick={onLock}>
              {t('lock')}
            </button>
          </div>
        </header>
        {state.notice ? (
          <p className={`diag-notice diag-notice-${state.notice.kind}`} data-testid="diagnostics-notice" role="status">
            {state.notice.kind === 'exported' ? t('exported', { file: state.notice.fileName }) : t('failed', { code: state.notice.code })}
          </p>
        ) : null}
        {view ? <DiagnosticsBody language={language} view={view} state={state} onSelfTest={onSelfTest} /> : <p>{t('loading')}</p>}
      </div>
    </div>
  );
}

function DiagnosticsBody({ language, view, state, onSelfTest }: { language: Language; view: DiagnosticsView; state: DiagnosticsState; onSelfTest: (id: string) => void }) {
  const t = (key: keyof typeof T, values: Record<string, string | number> = {}): string => say(T[key], language, values);
  const { queue, sync, kiosk } = view;
  return (
    <div className="diag-body">
      <p className="diag-version" data-testid="diagnostics-version">
        {t('version', { app: kiosk.appVersion, contract: kiosk.contractVersion, profile: kiosk.profile, kiosk: kiosk.kioskId })} · {kiosk.flow} · {formatInstant(kiosk.startedAt)}
      </p>
      <section className="diag-section">
        <h3>{t('devices')}</h3>
        <DeviceTable language={language} devices={view.devices} selfTests={state.selfTests} onSelfTest={onSelfTest} />
      </section>
      <ReaderPanel language={language} reader={view.reader} />
      <div className="diag-columns">
        <section className="diag-section">
          <h3>{t('queue')}</h3>
          <dl className="diag-pairs" data-testid="queue-pending" data-pending={queue.pending}>
            <dt>{t('pending')}</dt>
            <dd>{queue.pending}</dd>
            <dt>{t('sending')}</dt>
            <dd>{queue.sending}</dd>
            <dt>{t('accepted')}</dt>
            <dd>{queue.accepted}</dd>
            <dt>{t('rejected')}</dt>
            <dd>{queue.rejected}</dd>
            <dt>{t('deadLettered')}</dt>
            <dd>{queue.deadLettered}</dd>
            <dt>{t('oldestPending')}</dt>
            <dd>{queue.oldestPendingAgeMs === null ? t('none') : formatDuration(queue.oldestPendingAgeMs)}</dd>
          </dl>
        </section>
        <section className="diag-section">
          <h3>{t('sync')}</h3>
          <dl className="diag-pairs" data-testid="sync-state" data-breaker={sync.breaker} data-running={String(sync.running)}>
            <dt>{t('state')}</dt>
            <dd>{t(sync.running ? 'syncRunning' : 'syncStopped')}</dd>
            <dt>{t('breaker')}</dt>
            <dd>
              <span className={`state-pill breaker-${sync.breaker}`}>{sync.breaker}</span>
            </dd>
            <dt>{t('lastSuccess')}</dt>
            <dd>{sync.lastSuccessAt === null ? t('never') : formatInstant(sync.lastSuccessAt)}</dd>
            <dt>{t('lastError')}</dt>
            <dd>{sync.lastError ? `${formatInstant(sync.lastError.at)} ${sync.lastError.code}: ${sync.lastError.message}` : t('none')}</dd>
          </dl>
        </section>
      </div>
      <section className="diag-section">
        <h3>{t('recentErrors')}</h3>
        {view.recentErrors.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <ul className="diag-errors" data-testid="recent-errors">
            {view.recentErrors.map((e, i) => (
              <li key={i}>
                {formatInstant(e.at)} <code>{e.code}</code> {e.message}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="diag-section">
        <h3>{t('config')}</h3>
        <dl className="diag-pairs diag-config" data-testid="config-summary">
          {view.config.map((entry) => (
            <div key={entry.key} className="diag-pair">
              <dt>{entry.key}</dt>
              <dd>{entry.value}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
