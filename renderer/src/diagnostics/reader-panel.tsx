// The card reader's ATR and the last read: outcome, access protocol, timings, counts, and its APDU
// trace (command headers and status words only, never data bytes).

import type { DiagnosticsView, Language } from '../../../electron/contract/index.ts';
import { DIAGNOSTICS_TEXTS as T } from '../i18n/diagnostics-texts.ts';
import { say } from '../i18n/localize.ts';
import { formatInstant } from './diagnostics-format.ts';

export function ReaderPanel({ language, reader }: { readonly language: Language; readonly reader: DiagnosticsView['reader'] }) {
  const t = (key: keyof typeof T, values: Record<string, string | number> = {}): string => say(T[key], language, values);
  const read = reader.lastRead;
  return (
    <section className="diag-section">
      <h3>{t('reader')}</h3>
      <p>
        {t('atr')}: <code data-testid="reader-atr">{reader.atr ? reader.atr.toUpperCase().replace(/(..)(?=.)/g, '$1 ') : t('noCard')}</code>
      </p>
      <h4>{t('lastRead')}</h4>
      {read ? (
        <>
          <p data-testid="last-read" data-ok={String(read.ok)}>
            {formatInstant(read.at)} · <strong className={read.ok ? 'ok' : 'bad'}>{t(read.ok ? 'readOk' : 'readFailed')}</strong>
            {read.errorCode ? ` (${read.errorCode})` : ''}
            {read.access ? ` · ${t('access')}: ${read.access}` : ''}
          </p>
          {read.timings ? (
            <p>{t('timings', { access: Math.round(read.timings.accessMs), holder: Math.round(read.timings.holderMs), total: Math.round(read.timings.totalMs) })}</p>
          ) : null}
          <p>{t('counts', { apdus: read.apduCount, sent: read.bytesSent, received: read.bytesReceived, resumes: read.resumes })}</p>
          <div className="trace-scroll">
            <table className="diag-table trace-table" data-testid="apdu-trace" data-rows={read.trace.length}>
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t('step')}</th>
                  <th>{t('command')}</th>
                  <th>{t('sm')}</th>
                  <th>{t('sizes')}</th>
                  <th>{t('sw')}</th>
                  <th>{t('ms')}</th>
                </tr>
              </thead>
              <tbody>
                {read.trace.map((line, i) => (
                  <tr key={i}>
                    <td>{i + 1}</td>
                    <td>{line.step}</td>
                    <td>
                      <code>{line.command}</code>
                    </td>
                    <td>{line.secureMessaging ? 'SM' : ''}</td>
                    <td>
                      {line.commandBytes}/{line.responseBytes}
                    </td>
                    <td>
                      <code className={swClass(line.sw)}>{line.sw}</code>
                    </td>
                    <td>{line.ms.toFixed(1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p>{t('noRead')}</p>
      )}
    </section>
  );
}

/** 9000 is success; 61xx-63xx are warnings a read expects (more data, end of file); the rest failed. */
function swClass(sw: string): string {
  if (sw === '9000') return 'ok';
  return /^6[123]/.test(sw) ? '' : 'bad';
}
