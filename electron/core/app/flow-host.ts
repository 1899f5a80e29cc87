// The check-in flow the config names, running: the machine (hospital or border gate) with its settings
// from the config and its ports from the composition root, in a FlowRunner; and the contract
// StateSnapshot of its current view, numbered, with the banners and the kiosk's languages.

import type { Disposable, Event } from '../../../native/hal/event.ts';
import type { Logger } from '../../../native/util/logger.ts';
import type { Banner, FlowKind, Language, StateSnapshot } from '../../contract/index.ts';
import { borderGateFlowSettings, hospitalFlowSettings } from '../config/flow-settings-from-config.ts';
import type { KioskConfig } from '../config/kiosk-config-schema.ts';
import { createBorderGateMachine } from '../flows/border-gate/border-gate-machine.ts';
import { borderGateView } from '../flows/border-gate/border-gate-view.ts';
import type { FlowIntent } from '../flows/flow-events.ts';
import { FlowRunner } from '../flows/flow-runner.ts';
import type { FlowViewModel } from '../flows/flow-view-parts.ts';
import { createHospitalCheckInMachine } from '../flows/hospital/hospital-check-in-machine.ts';
import { hospitalView } from '../flows/hospital/hospital-view.ts';
import type {
  CardPort,
  CheckInOutbox,
  DepartmentSource,
  DocumentScanPort,
  FingerprintMatcher,
  FingerprintPort,
  GatePort,
  IdentityVerifier,
  TicketNumbers,
  TicketPrinter,
} from '../flows/ports.ts';

/** What the flows need from the devices and services, built by the composition root. */
export interface FlowPorts {
  readonly card: CardPort;
  readonly scanner?: DocumentScanPort;
  readonly fingerprint?: FingerprintPort;
  readonly matcher?: FingerprintMatcher;
  readonly outbox: CheckInOutbox;
  readonly printer: TicketPrinter;
  readonly gate: GatePort;
  readonly verifier?: IdentityVerifier;
  readonly departments?: DepartmentSource;
  readonly ticketNumbers: TicketNumbers;
}

/** A started flow, whichever machine it runs. */
interface RunningFlow extends Disposable {
  readonly view: FlowViewModel;
  readonly deadlineAt: number | null;
  readonly onDidChangeView: Event<FlowViewModel>;
  send(intent: FlowIntent): void;
}

export class FlowHost implements Disposable {
  readonly kind: FlowKind;
  /** The languages the screen offers, in button order. */
  readonly languages: readonly Language[];
  /** How long after the last screen left the flow is reset (the config's idleResetSeconds). */
  readonly idleResetMs: number;
  private readonly runner: RunningFlow;

  /** Starts the configured flow. Throws KioskError CONFIG_INVALID when the config lacks its section. */
  constructor(config: KioskConfig, ports: FlowPorts, logger: Logger) {
    const log = logger.child({ module: 'flow' });
    if (config.flow === 'hospital') {
      const settings = hospitalFlowSettings(config);
      const machine = createHospitalCheckInMachine({ settings, ...ports, logger: log });
      this.runner = new FlowRunner(machine, (snapshot) => hospitalView(snapshot, settings), { logger: log });
      this.kind = 'hospital';
      this.languages = Object.freeze([...config.ui.languages]);
      this.idleResetMs = (config.flows.hospital?.idleResetSeconds ?? 120) * 1000;
    } else {
      const settings = borderGateFlowSettings(config);
      const machine = createBorderGateMachine({ settings, ...ports, logger: log });
      this.runner = new FlowRunner(machine, (snapshot) => borderGateView(snapshot, settings), { logger: log });
      this.kind = 'border-gate';
      this.languages = Object.freeze([...(config.flows.borderGate?.languages ?? config.ui.languages)]);
      this.idleResetMs = (config.flows.borderGate?.idleResetSeconds ?? 60) * 1000;
    }
  }

  get view(): FlowViewModel {
    return this.runner.view;
  }

  get deadlineAt(): number | null {
    return this.runner.deadlineAt;
  }

  get onDidChangeView(): Event<FlowViewModel> {
    return this.runner.onDidChangeView;
  }

  send(intent: FlowIntent): void {
    this.runner.send(intent);
  }

  dispose(): void {
    this.runner.dispose();
  }
}

export interface SnapshotParts {
  readonly seq: number;
  readonly at: number;
  readonly deadlineAt: number | null;
  readonly languages: readonly Language[];
  readonly banners: readonly Banner[];
  readonly kioskId: string;
}

/** The contract snapshot of a flow view. */
export function stateSnapshot(model: FlowViewModel, parts: SnapshotParts): StateSnapshot {
  return {
    seq: parts.seq,
    at: parts.at,
    flow: model.flow,
    state: model.state,
    language: parts.languages.includes(model.language) ? model.language : (parts.languages[0] ?? 'vi'),
    languages: [...parts.languages],
    actions: [...model.actions],
    deadlineAt: parts.deadlineAt === null ? null : Math.round(parts.deadlineAt),
    banners: [...parts.banners],
    view: model.view,
    kioskId: parts.kioskId,
  };
}
