// Every device with its health (state, reason, detail, since) and a self-test button, with the last
// self-test's result and step timings beneath its row.

import { Fragment } from 'react';
import type { DeviceView, Language } from '../../../electron/contract/index.ts';
import { DIAGNOSTICS_TEXTS as T } from '../i18n/diagnostics-texts.ts';
import { localized, say } from '../i18n/localize.ts';
import { formatDuration, formatInstant } from './diagnostics-format.ts';
import type { SelfTestState } from './diagnostics-store.ts';

export interface DeviceTableProps {
  readonly language: Language;
  readonly devices: readonly DeviceView[];
  readonly selfTests: Readonly<Record<string, SelfTestState>>;
  readonly onSelfTest: (deviceId: string) => void;
}

export function DeviceTable({ language, devices, selfTests, onSelfTest }: DeviceTableProps) {
  const t = (key: keyof typeof T, values: Record<string, string | number> = {}): string => say(T[key], language, values);
  return (
    <table className="diag-table" data-testid="device-table">
      <thead>
        <tr>
          <th>{t('device')}</th>
          <th>{t('role')}</th>
          <th>{t('state')}</th>
          <th>{t('reason')}</th>
          <th>{t('since')}</th>
          <th>{t('selfTest')}</th>
        </tr>
      </thead>
      <tbody>
        {devices.map((device) => {
          const test = selfTests[device.id];
          return (
            <Fragment key={device.id}>
              <tr data-device={device.id} data-state={device.state}>
                <td>
                  <strong>{device.id}</strong>
                  <br />
                  <small>
                    {device.driver}
                    {device.required ? ` · ${t('required')}` : ''}
                  </small>
                </td>
                <td>{device.role}</td>
                <td>
                  <span className={`state-pill state-${device.state}`}>{device.state}</span>
                </td>
                <td>
                  {device.reason ?? '—'}
                  {device.detail ? (
                    <>
                      <br />
                      <small>{device.detail}</small>
                    </>
                  ) : null}
                </td>
                <td>{formatInstant(device.since)}</td>
                <td>
                  <button type="button" className="btn btn-small" data-selftest={device.id} disabled={test?.running === true} onClick={() => onSelfTest(device.id)}>
                    {test?.running ? t('selfTestRunning') : t('selfTest')}
                  </button>
                </td>
              </tr>
              {test && (test.result || test.errorCode) ? (
                <tr className="selftest-row">
                  <td colSpan={6}>
                    {test.result ? (
                      <div className="selftest-result" data-testid="selftest-result" data-device={device.id} data-ok={String(test.result.ok)}>
                        <strong className={test.result.ok ? 'ok' : 'bad'}>{t(test.result.ok ? 'selfTestOk' : 'selfTestFailed', { ms: Math.round(test.result.totalMs) })}</strong>
                        {test.result.userMessage ? <span> — {localized(test.result.userMessage, language)}</span> : null}
                        <ol className="selftest-steps">
                          {test.result.steps.map((step, i) => (
                            <li key={i} className={step.ok ? 'ok' : 'bad'}>
                              {step.ok ? '✓' : '✗'} {step.name} · {formatDuration(step.ms)}
                              {step.detail ? ` · ${step.detail}` : ''}
                            </li>
                          ))}
                        </ol>
                      </div>
                    ) : (
                      <div className="selftest-result" data-testid="selftest-result" data-device={device.id} data-ok="false">
                        <strong className="bad">{t('failed', { code: test.errorCode ?? '' })}</strong>
                      </div>
                    )}
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
