// The composition root: a validated kiosk config becomes a running kiosk core. Devices (real or
// simulated) -> store -> central service (remote, or the demo's simulator on loopback) -> sync engine
// and retention -> diagnostics -> the flow over ports built from the devices -> the host serving the
// renderer and the contract. Whatever fails on the way closes what was already opened, in reverse order,
// and rejects with a typed KioskError; close() does the same for a running core.

import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TrustStore } from '../../../native/card/pa/trust-store.ts';
import type { CardReaderDevice } from '../../../native/hal/card-reader-device.ts';
import type { DeviceRegistry } from '../../../native/hal/device-registry.ts';
import type { DocumentScanner } from '../../../native/hal/document-scanner.ts';
import { DeviceUnavailableError, KioskError } from '../../../native/hal/errors.ts';
import type { Disposable } from '../../../native/hal/event.ts';
import type { FingerprintScanner } from '../../../native/hal/fingerprint-scanner.ts';
import type { Gate } from '../../../native/hal/gate.ts';
import type { Printer } from '../../../native/hal/printer.ts';
import type { Logger } from '../../../native/util/logger.ts';
import type { StateSnapshot } from '../../contract/index.ts';
import { retentionOptions, syncEngineOptions } from '../config/core-options.ts';
import type { KioskConfig } from '../config/kiosk-config-schema.ts';
import { createDeviceRegistry } from '../devices/create-device-registry.ts';
import type { SimulatorControls } from '../devices/device-factory.ts';
import { DiagnosticsService } from '../diagnostics/diagnostics-service.ts';
import { StoreTicketNumbers } from '../flows/adapters/store-ticket-numbers.ts';
import { CentralDepartmentList, FallbackDepartmentSource, StaticDepartmentSource } from '../flows/adapters/department-sources.ts';
import { DocumentReaderCardPort, type CardReaderSource } from '../flows/adapters/document-reader-card-port.ts';
import { ScannerFingerprintPort } from '../flows/adapters/scanner-fingerprint-port.ts';
import { startHost, type Host } from '../host/start-host.ts';
import { CheckInStore } from '../store/check-in-store.ts';
import { RetentionSweeper } from '../store/retention-sweeper.ts';
import { SyncEngine } from '../sync/sync-engine.ts';
import { bannersOf, deviceViewOf, sameBanners } from './banners.ts';
import { openCentral, type CentralConnection } from './central-for-profile.ts';
import { coreKeyProvider, coreTrustStore } from './core-resources.ts';
import { DemoControls, type DemoSimulators } from './demo-controls.ts';
import { DiagnosticsController } from './diagnostics-controller.ts';
import { FlowHost, stateSnapshot } from './flow-host.ts';
import { IdleReset } from './idle-reset.ts';
import type { KioskCore, StartKioskCoreOptions } from './kiosk-core-api.ts';
import { ReadTraceRecorder } from './read-trace-recorder.ts';
import { RecentErrors } from './recent-errors.ts';
import { servedRenderer } from './renderer-placeholder.ts';
import { requestRouter } from './request-router.ts';
import { SyncEvents } from './sync-events.ts';

const REPOSITORY_ROOT = new URL('../../../', import.meta.url);
/** Where `npm run build:renderer` writes the renderer. */
export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('out/renderer/', REPOSITORY_ROOT));

/** The core could not start for a reason that is not already a KioskError (a bug, most likely). */
export class CoreStartError extends KioskError {
  constructor(message: string, cause: unknown) {
    super('CORE_START_FAILED', message, { cause, step: 'core.start' });
  }
}

/**
 * The kiosk's package.json: at the repository root for the sources, and two folders above the bundle
 * once built (out/main/core-process.js -> package.json, also inside a packaged app.asar).
 */
const PACKAGE_JSON_CANDIDATES = [new URL('package.json', REPOSITORY_ROOT), new URL('../../package.json', import.meta.url)];

function packageVersion(): string {
  for (const candidate of PACKAGE_JSON_CANDIDATES) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'edge-kiosk' && typeof pkg.version === 'string') return pkg.version.slice(0, 40);
    } catch {
      // not this one: try the next place
    }
  }
  return '0.0.0';
}

/** Closers run in reverse order of registration; each failure is logged and the rest still run. */
class Teardown {
  private readonly steps: { name: string; run: () => unknown }[] = [];

  constructor(private readonly log: Logger) {}

  add(name: string, run: () => unknown): void {
    this.steps.push({ name, run });
  }

  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step.run();
      } catch (err) {
        this.log.warn({ event: 'close-step-failed', step: step.name, code: err instanceof KioskError ? err.code : err instanceof Error ? err.name : 'unknown' }, 'a close step failed');
      }
    }
  }
}

function firstDevice<T>(registry: DeviceRegistry, role: string): T | undefined {
  return registry.list().find((d) => d.role === role && d.device !== undefined)?.device as T | undefined;
}

function unavailable(role: string): DeviceUnavailableError {
  return new DeviceUnavailableError('DEVICE_NOT_CONFIGURED', `no ${role} device could be built`, { step: 'flow.device' });
}

/** The simulators of a demo, by role, from the controls the device factories handed out. */
function demoSimulators(registry: DeviceRegistry, controls: ReadonlyMap<string, SimulatorControls>): DemoSimulators {
  const of = (role: string) => {
    const id = registry.list().find((d) => d.role === role && controls.has(d.id))?.id;
    return id === undefined ? undefined : controls.get(id);
  };
  return {
    reader: of('cardReader')?.device as DemoSimulators['reader'],
    scanner: of('documentScanner')?.simulator as DemoSimulators['scanner'],
    finger: of('fingerprint')?.device as DemoSimulators['finger'],
    fingerprintScanner: firstDevice<FingerprintScanner>(registry, 'fingerprint'),
    printer: of('printer')?.simulator as DemoSimulators['printer'],
  };
}

/**
 * Starts the kiosk core. Rejects with a KioskError: ConfigError-like CONFIG_INVALID (a flow section
 * missing), StoreError (key unavailable or too open, database corrupt or read-only), CentralConfigError
 * or CentralStartError, HostStartError (port in use), CoreStartError for anything else. Nothing started
 * is left running when it rejects.
 */
export async function startKioskCore(options: StartKioskCoreOptions): Promise<KioskCore> {
  const loaded = options.config;
  const config: KioskConfig = loaded.config;
  const log = options.logger.child({ module: 'core' });
  const demo = config.profile === 'demo';
  const teardown = new Teardown(log);
  const disposables: Disposable[] = [];
  teardown.add('subscriptions', () => disposables.splice(0).forEach((d) => d.dispose()));
  try {
    return await compose();
  } catch (err) {
    log.error({ event: 'core-start-failed', code: err instanceof KioskError ? err.code : 'CORE_START_FAILED' }, 'the kiosk core did not start');
    await teardown.run();
    if (err instanceof KioskError) throw err;
    throw new CoreStartError(`the kiosk core did not start: ${err instanceof Error ? err.message : String(err)}`, err);
  }

  async function compose(): Promise<KioskCore> {
    const appVersion = options.appVersion ?? packageVersion();
    const recentErrors = new RecentErrors();

    // Devices: every one built and given a first chance to open; the absent ones come back by themselves.
    const simulatorControls = new Map<string, SimulatorControls>();
    const registry = createDeviceRegistry(config.devices, { logger: options.logger, onSimulator: (id, controls) => simulatorControls.set(id, controls) });
    teardown.add('devices', () => registry.dispose());
    await registry.start();

    // The store, with its data key: a check-in is acknowledged only after its commit.
    mkdirSync(config.store.dataDir, { recursive: true, mode: 0o700 });
    const store = await CheckInStore.open({ path: config.store.databasePath, keys: coreKeyProvider(config.store, options.safeStorage), busyTimeoutMs: config.store.busyTimeoutMs });
    teardown.add('store', () => store.close());

    const central: CentralConnection = await openCentral(loaded, options.logger);
    teardown.add('central', () => central.close());

    const engine = new SyncEngine({ outbox: store, uploader: central.client, ...syncEngineOptions(config.sync), logger: options.logger.child({ module: 'sync' }) });
    engine.start();
    teardown.add('sync', () => engine.stop());
    const sweeper = new RetentionSweeper({ store, ...retentionOptions(config.store), logger: options.logger.child({ module: 'retention' }) });
    sweeper.start();
    teardown.add('retention', () => sweeper.stop());

    const trustStore: TrustStore = await coreTrustStore(config.trustStore.path, log);
    const trace = new ReadTraceRecorder();
    teardown.add('trace', () => trace.dispose());
    const startedAt = Date.now();
    const controller = new DiagnosticsController({
      config: loaded,
      appVersion,
      startedAt,
      registry,
      diagnostics: new DiagnosticsService(registry),
      store,
      engine,
      trace,
      errors: recentErrors,
      logger: options.logger,
    });
    teardown.add('diagnostics', () => controller.dispose());

    const demoControls = demo
      ? new DemoControls({ simulators: () => demoSimulators(registry, simulatorControls), setCentralReachable: (on) => central.setReachable(on), logger: options.logger })
      : undefined;
    if (demoControls) teardown.add('demo', () => demoControls.dispose());

    // The flow's ports over the registry's devices: the device objects stay the same across unplug and
    // replug (the registry reopens them), and each driver raises typed errors while its device is away.
    const readerSource: CardReaderSource = {
      get reader() {
        return firstDevice<CardReaderDevice>(registry, 'cardReader')?.reader;
      },
      onDidChangeHealth: registry.onDidChangeHealth,
    };
    const cardPort = new DocumentReaderCardPort({ reader: readerSource, trustStore, resumeWithinMs: resumeWindowMs(config), trace: trace.record });
    teardown.add('card-port', () => cardPort.dispose());
    const fingerprintDevice = firstDevice<FingerprintScanner>(registry, 'fingerprint');
    const scanner = firstDevice<DocumentScanner>(registry, 'documentScanner');
    const printer = firstDevice<Printer>(registry, 'printer');
    const gate = firstDevice<Gate>(registry, 'gate');
    const hospital = config.flows.hospital;
    // The central service's list when it answers in time (the last one it gave through an outage), the
    // config's otherwise.
    const configDepartments = hospital?.departments ?? [];
    const departments =
      config.flow === 'hospital' && hospital?.departmentsFromCentral
        ? new FallbackDepartmentSource(new CentralDepartmentList(central.client), configDepartments)
        : new StaticDepartmentSource(configDepartments);
    const flow = new FlowHost(
      config,
      {
        card: trace.wrap(cardPort),
        ...(scanner ? { scanner } : {}),
        ...(fingerprintDevice ? { fingerprint: new ScannerFingerprintPort(fingerprintDevice) } : {}),
        ...(demoControls ? { matcher: demoControls.matcher } : {}),
        outbox: store,
        printer: printer ?? { print: () => Promise.reject(unavailable('printer')) },
        gate: gate ?? { pulse: () => Promise.reject(unavailable('gate')) },
        verifier: central.client,
        departments,
        ticketNumbers: new StoreTicketNumbers(store),
      },
      options.logger,
    );
    teardown.add('flow', () => flow.dispose());

    // Snapshots: one per view change or banner change, numbered.
    let seq = 0;
    let banners = currentBanners();
    let lastSnapshot: StateSnapshot | undefined;
    // Set once the host listens; snapshots and events before that are only kept.
    const hostRef: { current?: Host } = {};
    function currentBanners() {
      const reachable = (demoControls?.centralOnline ?? true) && engine.status.breaker !== 'open';
      return bannersOf({ centralReachable: reachable, devices: registry.list(), demo });
    }
    function publishSnapshot(): void {
      const snapshot = stateSnapshot(flow.view, { seq: ++seq, at: Date.now(), deadlineAt: flow.deadlineAt, languages: flow.languages, banners, kioskId: config.kiosk.id });
      try {
        hostRef.current?.broadcast(snapshot);
        lastSnapshot = snapshot;
      } catch (err) {
        log.error({ event: 'snapshot-invalid', state: snapshot.state, detail: err instanceof Error ? err.message.slice(0, 300) : 'unknown' }, 'a snapshot breaks the contract');
      }
    }
    function refreshBanners(): void {
      const next = currentBanners();
      if (sameBanners(next, banners)) return;
      banners = next;
      publishSnapshot();
    }
    disposables.push(flow.onDidChangeView(() => publishSnapshot()));

    const syncEvents = new SyncEvents({
      queueView: () => controller.queueView(),
      syncView: () => controller.syncView(),
      publish: (event) => hostRef.current?.publish(event),
      logger: log,
    });
    teardown.add('sync-events', () => syncEvents.dispose());
    disposables.push(
      registry.onDidChangeHealth((change) => {
        const device = registry.get(change.id);
        if (device) hostRef.current?.publish({ kind: 'deviceHealth', device: deviceViewOf(device) });
        if (change.health.state === 'faulted' && change.previous.state !== 'faulted') recentErrors.add(change.health.reason ?? 'DEVICE_FAULTED', `${change.id}: ${change.health.detail ?? change.health.state}`);
        refreshBanners();
        controller.refreshUnlocked();
      }),
      engine.onDidChangeStatus(() => {
        refreshBanners();
        syncEvents.changed();
        controller.refreshUnlocked();
      }),
      store.onDidEnqueue(() => syncEvents.changed()),
      ...(demoControls ? [demoControls.onDidChangeCentral(() => refreshBanners())] : []),
    );

    // Sessions that said hello as agents (seen at their first request): they are not screens for the idle reset.
    const agents = new Set<string>();
    const rendered = servedRenderer(options.rendererDir ?? DEFAULT_RENDERER_DIR);
    teardown.add('renderer-placeholder', () => rendered.dispose());
    if (!rendered.built) log.warn({ event: 'renderer-not-built' }, 'the renderer is not built (npm run build:renderer); serving a placeholder page');
    const runningHost = await startHost({
      rendererDir: rendered.dir,
      port: options.port ?? 0,
      ...(options.token === undefined ? {} : { token: options.token }),
      kiosk: { kioskId: config.kiosk.id, flow: flow.kind, languages: flow.languages, appVersion, demo },
      logger: options.logger,
      onMessage: requestRouter({
        sendToFlow: (intent) => flow.send(intent),
        current: () => ({ actions: lastSnapshot?.actions ?? flow.view.actions, state: flow.view.state }),
        diagnostics: (request, session) => controller.handle(request, session),
        ...(demoControls ? { demo: (request) => demoControls.handle(request) } : {}),
        onRequest: (session) => {
          if (session.role === 'agent' && !agents.has(session.id)) {
            agents.add(session.id);
            session.onDidClose(() => agents.delete(session.id));
          }
        },
        onIntent: (request) => {
          // Activity moves the deadline without changing the view: the countdown needs a new snapshot.
          if (request.type === 'flow.activity' && flow.deadlineAt !== lastSnapshot?.deadlineAt) publishSnapshot();
        },
      }),
    });
    hostRef.current = runningHost;
    teardown.add('host', () => runningHost.close(closeReason));
    publishSnapshot();

    const idle = new IdleReset({
      screens: () => runningHost.sessionCount - agents.size,
      busy: () => !['welcome', 'idle'].includes(flow.view.state.split('.')[0] ?? ''),
      reset: () => {
        log.info({ event: 'idle-reset', state: flow.view.state }, 'no screen connected: the flow is reset');
        flow.send({ type: 'RESET' });
      },
      idleMs: options.idleResetMs ?? flow.idleResetMs,
    });
    teardown.add('idle-reset', () => idle.dispose());

    let closeReason: 'stopping' | 'restarting' = 'stopping';
    let closing: Promise<void> | undefined;
    log.info({ event: 'core-started', profile: config.profile, flow: flow.kind, port: runningHost.port, renderer: rendered.built }, 'kiosk core started');
    return {
      url: runningHost.url,
      kioskUrl: runningHost.kioskUrl,
      contractUrl: runningHost.contractUrl,
      token: runningHost.token,
      port: runningHost.port,
      profile: config.profile,
      flow: flow.kind,
      startedAt,
      services: { store, sync: engine, centralSimulator: () => central.simulator },
      reset() {
        flow.send({ type: 'RESET' });
      },
      close(reason = 'stopping') {
        closeReason = reason;
        closing ??= teardown.run().then(() => log.info({ event: 'core-closed', reason }, 'kiosk core closed'));
        return closing;
      },
    };
  }
}

/** How long a card lifted mid-read may take to come back, from the running flow's settings. */
function resumeWindowMs(config: KioskConfig): number {
  const seconds = config.flow === 'hospital' ? config.flows.hospital?.timeouts.resumeCardSeconds : config.flows.borderGate?.timeouts.resumeCardSeconds;
  return (seconds ?? 10) * 1000;
}
