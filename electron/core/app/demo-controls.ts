// The demo's control panel in the core: the `demo.*` requests drive the simulators' control surfaces,
// as a person and the world would in a real lobby. A chip is put on (or taken off) the simulated reader,
// the document scanner reads the profile's front QR or MRZ, a finger is placed on the simulated R30x
// module, the central-service simulator leaves or rejoins loopback, the printer runs out of paper.
// Nothing happens by itself: a person asked for a finger waits until the panel places one.
//
// What is scanned is derived from the profile's own data (its MRZ fields, the DG13 of its chip), so no
// personal string is copied here.

import { encodeCccdQr } from '../../../native/card/cccd/cccd-qr.ts';
import { parseDg13 } from '../../../native/card/lds/dg13.ts';
import { encodeMrz } from '../../../native/card/lds/mrz/mrz.ts';
import { Emitter, type Disposable, type Event } from '../../../native/hal/event.ts';
import type { FingerprintScanner } from '../../../native/hal/fingerprint-scanner.ts';
import type { VirtualCard } from '../../../native/sim/chip/virtual-card.ts';
import type { SimR30xDevice } from '../../../native/sim/fingerprint/sim-r30x-device.ts';
import { cccdFiles } from '../../../native/sim/profiles/cccd-profile.ts';
import { chipProfiles, createChip, isProfileName, type ProfileName } from '../../../native/sim/profiles/index.ts';
import type { DocumentScannerSim } from '../../../native/sim/serial/document-scanner-sim.ts';
import type { EscPosPrinterSim } from '../../../native/sim/serial/escpos-printer-sim.ts';
import type { SimReaderDevice } from '../../../native/sim/sim-reader-device.ts';
import type { Logger } from '../../../native/util/logger.ts';
import type { DemoRequest, Result } from '../../contract/index.ts';
import type { FingerprintMatcher } from '../flows/ports.ts';
import { RequestRefusedError } from '../host/request-refused-error.ts';

/** The simulators the demo drives, collected from the device factories' `onSimulator`. */
export interface DemoSimulators {
  readonly reader?: SimReaderDevice;
  readonly scanner?: DocumentScannerSim;
  readonly finger?: SimR30xDevice;
  /** The fingerprint device the flow uses: its lift requests lift the simulated finger. */
  readonly fingerprintScanner?: Pick<FingerprintScanner, 'onDidRequestLift'>;
  readonly printer?: EscPosPrinterSim;
}

export interface DemoControlsOptions {
  readonly simulators: () => DemoSimulators;
  /** Takes the central simulator off loopback and back. */
  readonly setCentralReachable: (reachable: boolean) => Promise<void>;
  readonly logger: Logger;
}

export type FingerOutcome = 'match' | 'mismatch' | 'unusable';

/**
 * The demo's fingerprint comparison: there is no reference template for a synthetic person, so the
 * panel decides. A finger placed with `mismatch` is refused; any other is accepted.
 */
export class DemoFingerprintMatcher implements FingerprintMatcher {
  private outcome: FingerOutcome = 'match';

  choose(outcome: FingerOutcome): void {
    this.outcome = outcome;
  }

  async match(): Promise<'matched' | 'not-matched'> {
    return this.outcome === 'mismatch' ? 'not-matched' : 'matched';
  }
}

let cccdQr: string | undefined;

/** ISO YYYY-MM-DD from DG13's dd/MM/yyyy. */
function isoDate(text: string | undefined): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text ?? '');
  if (!m) throw new Error('the profile DG13 has no dd/MM/yyyy date');
  return `${m[3]}-${m[2]}-${m[1]}`;
}

/** The CCCD profile's front QR, from its chip's DG13 (built once). */
export function profileQrText(): string {
  if (cccdQr === undefined) {
    const dg13 = cccdFiles().dataGroups[13];
    if (!dg13) throw new Error('the cccd profile has no DG13');
    const info = parseDg13(dg13);
    if (!info.idNumber || !info.fullName || !info.sex || !info.placeOfResidence) throw new Error('the cccd profile DG13 lacks a QR field');
    cccdQr = encodeCccdQr({
      idNumber: info.idNumber,
      oldIdNumber: info.oldIdNumber,
      fullName: info.fullName,
      dateOfBirth: isoDate(info.dateOfBirth),
      sexText: info.sex,
      address: info.placeOfResidence,
      dateOfIssue: isoDate(info.dateOfIssue),
    });
  }
  return cccdQr;
}

/** The profile's MRZ lines as printed. */
export function profileMrzLines(profile: ProfileName): readonly string[] {
  return encodeMrz(chipProfiles[profile].mrz);
}

function notAvailable(detail: string): RequestRefusedError {
  return new RequestRefusedError('NOT_AVAILABLE', { detail });
}

export class DemoControls implements Disposable {
  readonly matcher = new DemoFingerprintMatcher();
  private readonly log: Logger;
  private centralReachable = true;
  private readonly centralChanged = new Emitter<boolean>();
  private liftSubscription: Disposable | undefined;
  private liftSource: DemoSimulators['fingerprintScanner'];
  /** One chip per profile and tamper state: the same person presents the same card again (a read resumes on it). */
  private readonly chips = new Map<string, VirtualCard>();

  /** Fires when the demo takes the central service off the network or back. */
  readonly onDidChangeCentral: Event<boolean> = this.centralChanged.event;

  constructor(private readonly options: DemoControlsOptions) {
    this.log = options.logger.child({ module: 'demo-controls' });
  }

  /** Whether the demo has the central service on the network. */
  get centralOnline(): boolean {
    return this.centralReachable;
  }

  /** Answers one demo request. Errors: RequestRefusedError NOT_AVAILABLE when the simulator is missing or the profile lacks what was asked. */
  async handle(request: DemoRequest): Promise<Result> {
    this.log.info({ event: 'demo-control', type: request.type }, 'demo control');
    const sims = this.options.simulators();
    switch (request.type) {
      case 'demo.insertCard': {
        const reader = sims.reader ?? fail('no simulated card reader');
        const profile = this.profile(request.profile);
        reader.insertCard(this.chip(profile, request.tampered === true));
        break;
      }
      case 'demo.removeCard':
        (sims.reader ?? fail('no simulated card reader')).removeCard();
        break;
      case 'demo.scanDocument': {
        const scanner = sims.scanner ?? fail('no simulated document scanner');
        const profile = this.profile(request.profile);
        if (request.kind === 'qr') {
          if (profile !== 'cccd') throw notAvailable(`the ${profile} profile has no front QR`);
          await scanner.scanQr(profileQrText());
        } else {
          await scanner.scanMrz(profileMrzLines(profile));
        }
        break;
      }
      case 'demo.placeFinger': {
        const finger = sims.finger ?? fail('no simulated fingerprint module');
        this.followLifts(sims.fingerprintScanner, finger);
        this.matcher.choose(request.outcome);
        if (finger.fingerPresent) finger.liftFinger();
        finger.placeFinger(request.outcome === 'unusable' ? 'smudged' : 'good');
        break;
      }
      case 'demo.setCentral':
        await this.options.setCentralReachable(request.online);
        if (this.centralReachable !== request.online) {
          this.centralReachable = request.online;
          this.centralChanged.fire(request.online);
        }
        break;
      case 'demo.setPrinter':
        (sims.printer ?? fail('no simulated printer')).setPaperOut(request.paper === 'out');
        break;
    }
    return { kind: 'accepted' };

    function fail(detail: string): never {
      throw notAvailable(detail);
    }
  }

  dispose(): void {
    this.liftSubscription?.dispose();
    this.centralChanged.dispose();
  }

  private chip(profile: ProfileName, tampered: boolean): VirtualCard {
    const key = `${profile}:${tampered}`;
    let chip = this.chips.get(key);
    if (chip === undefined) {
      // A tampered chip: its face (DG2) altered after the SOD was signed, so passive authentication fails.
      chip = createChip(profile, tampered ? { faults: { tamper: { dataGroup: 2 } } } : {});
      this.chips.set(key, chip);
    }
    return chip;
  }

  private profile(name: string): ProfileName {
    if (!isProfileName(name)) throw new RequestRefusedError('NOT_AVAILABLE', { detail: `no simulator profile '${name}' (cccd, passport-td3)` });
    return name;
  }

  /** The person lifts the finger when the scanner asks, as the flow tests' person does. */
  private followLifts(source: DemoSimulators['fingerprintScanner'], finger: SimR30xDevice): void {
    if (source === undefined || source === this.liftSource) return;
    this.liftSubscription?.dispose();
    this.liftSource = source;
    this.liftSubscription = source.onDidRequestLift(() => {
      if (finger.fingerPresent) finger.liftFinger();
    });
  }
}
