// Whole card reads on the real PC/SC path: readDocument -> PcscCardReader -> pcsclite -> pcscd -> vpcd ->
// TCP -> VpcdBridge -> ChipSimulator, and the `kiosk` CLI process against the same bridged chip.
// Needs the Debian packages pcscd, libpcsclite-dev and vsmartcard-vpcd (startPcscd names what is missing).

import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../native/card/pa/trust-store.ts';
import { readDocument, type DocumentReadEvent } from '../../native/card/reader/document-reader.ts';
import { PcscCardReaderManager } from '../../native/drivers/pcsc/pcsc-card-reader-manager.ts';
import type { CardReader } from '../../native/hal/card-reader.ts';
import type { VirtualCard } from '../../native/sim/chip/virtual-card.ts';
import { loadTestPki } from '../../native/sim/pki/test-pki.ts';
import { chipProfiles, createChip } from '../../native/sim/profiles/index.ts';
import { VpcdBridge } from '../../native/sim/vpcd/vpcd-bridge.ts';
import type { PcscdHandle } from '../helpers/pcscd.ts';
import { startPcscd, VPCD_READERS } from '../helpers/pcscd.ts';

const READER = VPCD_READERS[0] ?? '';
const PORT = 35963;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cccd = chipProfiles.cccd;
const passport = chipProfiles['passport-td3'];

let pcscd: PcscdHandle | undefined;
let manager: PcscCardReaderManager | undefined;
let reader: CardReader;
let bridge: VpcdBridge | null = null;
const scratch = mkdtempSync(join(tmpdir(), 'kiosk-peer-read-'));

function trustStore(): TrustStore {
  const pki = loadTestPki();
  return TrustStore.fromCertificates([pki.csca.certificate, pki.cscaRsa.certificate], [pki.crl, pki.crlRsa]);
}

/** Resolves once pcscd no longer reports a card on the reader (it notices a removal at its next poll). */
async function untilAbsent(timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (reader.cardPresent) {
    if (Date.now() > deadline) throw new Error(`pcscd still reports a card on "${READER}" after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Takes the card away and waits until pcscd has seen it go. */
async function detach(): Promise<void> {
  await bridge?.close();
  bridge = null;
  await untilAbsent();
}

/** Puts `card` on the vpcd reader and waits until pcscd reports it present. */
async function attach(card: VirtualCard): Promise<VpcdBridge> {
  await untilAbsent();
  const present = reader.waitForCard(10_000);
  bridge = new VpcdBridge(card, { port: PORT });
  await bridge.connect();
  await present;
  return bridge;
}

function kiosk(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['bin/kiosk.mjs', ...args], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  pcscd = await startPcscd();
  manager = new PcscCardReaderManager();
  await manager.ready();
  const found = manager.readers.find((candidate) => candidate.name === READER);
  if (!found) throw new Error(`reader "${READER}" not listed (have: ${manager.readers.map((r) => r.name).join(', ')})`);
  reader = found;
});

afterEach(detach);

afterAll(async () => {
  manager?.dispose();
  await pcscd?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('readDocument through pcscd and vpcd', () => {
  it('reads the CCCD with PACE-CAM and passes PA, AA and chip authentication', async () => {
    await attach(createChip('cccd'));
    const result = await readDocument(reader, { keys: [cccd.canKey!], trustStore: trustStore() });

    expect(result.access).toMatchObject({ method: 'PACE', mapping: 'CAM', keyKind: 'can' });
    expect(result.verification.passive.verdict).toBe('passed');
    expect(result.verification.active.verdict).toBe('passed');
    expect(result.verification.chip).toMatchObject({ verdict: 'passed', method: 'PACE-CAM' });
    expect(result.verification).toMatchObject({ assurance: 'PA_AA_OR_CA', trusted: true });
    expect(result.document.dg13?.idNumber).toBe(cccd.mrz.optionalData1);
  });

  it('reads the TD3 passport with BAC and passes PA and RSA active authentication', async () => {
    await attach(createChip('passport-td3'));
    const result = await readDocument(reader, { keys: [passport.mrzKey], trustStore: trustStore() });

    expect(result.access).toMatchObject({ method: 'BAC', cipher: '3DES' });
    expect(result.verification.passive.verdict).toBe('passed');
    expect(result.verification.active.verdict).toBe('passed');
    expect(result.verification).toMatchObject({ assurance: 'PA_AA_OR_CA', trusted: true });
  });

  it('resumes DG2 after the card is taken away mid-file and attached again', async () => {
    const chip = createChip('cccd', { extendedLength: false });
    await attach(chip);
    const events: DocumentReadEvent[] = [];
    let pulled = false;
    const result = await readDocument(reader, {
      keys: [cccd.canKey!],
      trustStore: trustStore(),
      resumeWithinMs: 15_000,
      onEvent: (event) => {
        events.push(event);
        if (!pulled && event.type === 'progress' && event.progress.file === 'DG2' && event.progress.bytesRead * 2 >= event.progress.totalBytes) {
          pulled = true;
          const removed = bridge;
          void removed?.close().then(() => new Promise((resolve) => setTimeout(resolve, 300))).then(() => attach(chip));
        }
      },
    });

    // pcscd notices the removal only at its next poll: the reader must wait that out, not count it as more losses.
    expect(events.filter((e) => e.type === 'card-lost' || e.type === 'card-back').map((e) => e.type)).toEqual(['card-lost', 'card-back']);
    const lost = events.find((event) => event.type === 'card-lost');
    expect(lost).toMatchObject({ type: 'card-lost', file: 'DG2' });
    expect(lost?.type === 'card-lost' && lost.bytesRead).toBeGreaterThan(0);
    expect(result.apdu.resumes).toBeGreaterThanOrEqual(1);
    expect(result.files.get('DG2')).toEqual(chip.fileSystem.dataGroup(2)!.content);
    expect(result.verification).toMatchObject({ assurance: 'PA_AA_OR_CA', trusted: true });
  });
});

describe('the kiosk CLI through pcscd and vpcd', () => {
  it('lists the vpcd readers with `kiosk card readers`', async () => {
    await attach(createChip('cccd'));
    const run = await kiosk(['card', 'readers', '--json']);
    const listed = (JSON.parse(run.stdout) as { readers: { name: string; cardPresent: boolean }[] }).readers;

    expect(run.code).toBe(0);
    expect(listed.map((r) => r.name)).toEqual(expect.arrayContaining([...VPCD_READERS]));
    expect(listed.find((r) => r.name === READER)?.cardPresent).toBe(true);
  });

  it('reads the bridged CCCD with `kiosk card read --reader --can` and verifies it against a CSCA folder', async () => {
    await attach(createChip('cccd'));
    const csca = join(scratch, 'csca');
    loadTestPki().writeTrustStoreFolder(csca);
    const run = await kiosk(['card', 'read', '--reader', READER, '--can', cccd.canKey!.can, '--csca', csca, '--out', scratch, '--json']);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;

    expect(run.code).toBe(0);
    expect(report).toMatchObject({ source: `PC/SC reader '${READER}'`, assurance: 'PA_AA_OR_CA', trusted: true, access: { method: 'PACE', keyKind: 'can' } });
  });

  it('reads a chip that `kiosk sim card` attached to vpcd from another process, which leaves on SIGINT', async () => {
    await detach();
    const sim = spawn(process.execPath, ['bin/kiosk.mjs', 'sim', 'card', '--profile', 'passport-td3', '--vpcd', `127.0.0.1:${PORT}`], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let simErr = '';
    sim.stderr.on('data', (d: Buffer) => (simErr += d.toString()));
    try {
      await reader.waitForCard(30_000);
      const { documentNumber, dateOfBirth, dateOfExpiry } = passport.mrzKey;
      const run = await kiosk(['card', 'read', '--reader', READER, '--doc', documentNumber, '--dob', dateOfBirth, '--expiry', dateOfExpiry, '--json']);
      const report = JSON.parse(run.stdout) as { access: { method: string }; assurance: string; verification: { passive: { verdict: string }; active: { verdict: string } } };

      expect(simErr).toContain('attached to vpcd');
      // No --csca: passive authentication cannot chain to a CSCA, so the level stays CHIP_READ (nothing failed).
      expect(run.code).toBe(0);
      expect(report.verification.passive.verdict).toBe('unverified');
      expect(report.assurance).toBe('CHIP_READ');
      expect(report.access.method).toBe('BAC');
      expect(report.verification.active.verdict).toBe('passed');
    } finally {
      const exited = new Promise<number | null>((resolve) => sim.once('exit', (code) => resolve(code)));
      sim.kill('SIGINT');
      expect(await exited).toBe(0);
    }
    await untilAbsent();
  });
});
