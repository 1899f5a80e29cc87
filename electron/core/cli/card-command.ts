// `kiosk card readers` and `kiosk card read`: list PC/SC readers; read and verify a chip.
// Exit codes: 0 read and trusted, 1 read failed (card, reader), 2 bad usage or input,
// 3 read completed but a security check failed (do not trust the document).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApduTraceEntry } from '../../../native/card/apdu/apdu-transport.ts';
import { loadTrustStore, type TrustStore } from '../../../native/card/pa/trust-store.ts';
import { readDocument, type DocumentReadEvent } from '../../../native/card/reader/document-reader.ts';
import { KioskError } from '../../../native/hal/errors.ts';
import { readReport } from '../card/read-report.ts';
import { accessKeysFromOptions } from './access-keys-from-options.ts';
import { pcscSource, simulatedSource, type CardSource } from './card-source.ts';
import { CliError } from './cli-error.ts';
import { registerCommand } from './main.ts';
import { parseOptions } from './parse-options.ts';
import { formatRead } from './format-read.ts';

const READ_USAGE = `usage: kiosk card read (--sim PROFILE [--fault F]... | --reader NAME)
         (--mrz LINES | --doc N --dob YYMMDD --expiry YYMMDD | --can NNNNNN | --qr TEXT)
         [--csca PATH] [--challenge HEX16] [--out DIR] [--wait SECONDS] [--resume-within SECONDS] [--json] [--trace]`;

async function listReaders(args: readonly string[]): Promise<number> {
  const { values } = parseOptions(args, { json: { type: 'boolean' } });
  const { PcscCardReaderManager } = await import('../../../native/drivers/pcsc/pcsc-card-reader-manager.ts');
  const manager = new PcscCardReaderManager({ logger: { warn: () => undefined } });
  try {
    await manager.ready();
    const readers = manager.readers.map((r) => ({ name: r.name, cardPresent: r.cardPresent }));
    if (values.json) console.log(JSON.stringify({ readers }, null, 2));
    else if (readers.length === 0) console.log('no PC/SC readers found');
    else for (const r of readers) console.log(`${r.name}${r.cardPresent ? '  [card present]' : ''}`);
    return 0;
  } catch (err) {
    if (err instanceof KioskError) throw new CliError(err.message, 1);
    throw err;
  } finally {
    manager.dispose();
  }
}

function traceLine(entry: ApduTraceEntry, n: number): string {
  return `apdu ${String(n).padStart(3)} ${entry.step.padEnd(22)} ${entry.command.padEnd(30)} ${entry.secureMessaging ? 'SM' : '  '} -> ${entry.sw} ${String(entry.responseBytes).padStart(6)} B ${entry.ms.toFixed(1).padStart(6)} ms`;
}

async function readCard(args: readonly string[]): Promise<number> {
  const { values } = parseOptions(args, {
    sim: { type: 'string' },
    fault: { type: 'string', multiple: true },
    reader: { type: 'string' },
    mrz: { type: 'string' },
    doc: { type: 'string' },
    dob: { type: 'string' },
    expiry: { type: 'string' },
    can: { type: 'string' },
    qr: { type: 'string' },
    csca: { type: 'string' },
    challenge: { type: 'string' },
    out: { type: 'string' },
    wait: { type: 'string' },
    'resume-within': { type: 'string' },
    json: { type: 'boolean' },
    trace: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    console.log(READ_USAGE);
    return 0;
  }
  if (values.sim !== undefined && values.reader !== undefined) throw new CliError('give either --sim or --reader, not both');
  if (values.fault && values.sim === undefined) throw new CliError('--fault only applies to --sim');
  const keys = accessKeysFromOptions(values);
  const challenge = values.challenge === undefined ? undefined : parseChallenge(values.challenge);
  const waitMs = seconds(values.wait, 'wait', 10);
  const resumeWithinMs = seconds(values['resume-within'], 'resume-within', 10);

  const source: CardSource = values.sim !== undefined ? await simulatedSource(values.sim, values.fault ?? []) : await pcscSource(values.reader);
  try {
    let trustStore: TrustStore | undefined;
    let trustNote = 'none (passive authentication cannot chain to a CSCA)';
    if (values.csca !== undefined) {
      trustStore = await loadTrustStore(values.csca);
      const rejected = trustStore.report.filter((r) => r.status !== 'loaded');
      trustNote = `${trustStore.certificates.length} CSCA certificate(s) from ${values.csca}${rejected.length ? `, ${rejected.length} file(s) skipped` : ''}`;
    } else if (source.profile) {
      const { loadTestPki } = await import('../../../native/sim/pki/test-pki.ts');
      const pki = loadTestPki();
      trustStore = (await import('../../../native/card/pa/trust-store.ts')).TrustStore.fromCertificates([pki.csca.certificate, pki.cscaRsa.certificate], [pki.crl, pki.crlRsa]);
      trustNote = 'the simulator test CSCA (synthetic)';
    }
    if (keys.length === 0) {
      if (!source.profile) throw new CliError(`give unlock data (--mrz, --doc/--dob/--expiry, --can or --qr)\n${READ_USAGE}`);
      const { chipProfiles } = await import('../../../native/sim/profiles/index.ts');
      keys.push(chipProfiles[source.profile].mrzKey);
    }
    if (!source.reader.cardPresent) {
      if (!values.json) console.error(`waiting up to ${waitMs / 1000} s for a card on ${source.description}...`);
      await source.reader.waitForCard(waitMs);
    }
    let apduNumber = 0;
    const trace = values.trace ? (entry: ApduTraceEntry) => console.error(traceLine(entry, ++apduNumber)) : undefined;
    let lastPercent = -1;
    const onEvent = values.json
      ? undefined
      : (event: DocumentReadEvent) => {
          if (event.type === 'progress' && event.progress.file === 'DG2' && process.stderr.isTTY) {
            const percent = Math.floor((100 * event.progress.bytesRead) / Math.max(1, event.progress.totalBytes));
            if (percent !== lastPercent) process.stderr.write(`\rreading photo ${percent}%`);
            lastPercent = percent;
          } else if (event.type === 'card-lost') {
            console.error(`\ncard lost while reading ${event.file} at byte ${event.bytesRead}; present it again...`);
          } else if (event.type === 'card-back') {
            console.error('card back; resuming');
          }
        };
    const result = await readDocument(source.reader, {
      keys,
      trustStore,
      resumeWithinMs,
      ...(challenge ? { activeAuthenticationChallenge: challenge } : {}),
      ...(trace ? { trace } : {}),
      ...(onEvent ? { onEvent } : {}),
    });
    if (lastPercent >= 0) process.stderr.write('\n');
    const face = result.document.dg2?.faces[0];
    let facePath: string | undefined;
    if (face) {
      const dir = values.out ?? mkdtempSync(join(tmpdir(), 'kiosk-card-'));
      facePath = join(dir, face.mimeType === 'image/jpeg' ? 'face.jpg' : 'face.jp2');
      writeFileSync(facePath, face.bytes, { mode: 0o600 });
    }
    const report = readReport(result, { source: source.description, ...(facePath ? { facePath } : {}) });
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else console.log(formatRead(report, trustNote));
    return result.verification.trusted && result.document.mrz ? 0 : 3;
  } catch (err) {
    if (err instanceof KioskError) {
      throw new CliError(`card read failed: ${err.message}${err.swText && !err.message.includes('SW') ? err.swText : ''} [${err.code}${err.step ? ` at ${err.step}` : ''}]`, 1);
    }
    throw err;
  } finally {
    await source.dispose();
  }
}

function parseChallenge(hex: string): Uint8Array {
  if (!/^[0-9a-fA-F]{16}$/.test(hex)) throw new CliError('--challenge must be 8 bytes as 16 hex digits');
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

function seconds(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback * 1000;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 3600) throw new CliError(`--${name} must be a number of seconds between 0 and 3600`);
  return n * 1000;
}

registerCommand({
  name: 'card',
  summary: 'card readers | card read: list PC/SC readers; read and verify a chip ID card or passport',
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === 'readers') return listReaders(rest);
    if (sub === 'read') return readCard(rest);
    throw new CliError(`usage: kiosk card readers [--json] | kiosk card read ...\n${READ_USAGE}`);
  },
});
