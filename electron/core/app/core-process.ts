// The core child process: what the Electron shell starts with utilityProcess.fork (and tests with
// child_process.fork). It loads the startup config, starts the core, and talks to its parent in
// CoreProcessMessage / CoreProcessCommand: `core.ready` with the endpoints, or `core.failed` with a
// code and a technician's message and then exit code 2 (config error: restarting will not help) or 1.
// `core.stop` and SIGTERM/SIGINT close the core and exit 0. The parent channel is Electron's
// `process.parentPort` under utilityProcess, Node's `process.send` under child_process.fork.
//
// Arguments (all optional; the KIOSK_* environment applies as for `kiosk start`):
//   --profile NAME       demo | hospital | border-gate (else KIOSK_PROFILE, else demo)
//   --config FILE        a site's config file instead of a profile (else KIOSK_CONFIG)
//   --profile-dir DIR    where the profile files are (the bundled shell's resources)
//   --renderer-dir DIR   the built renderer the host serves
//   --port N             the host's loopback port (default: config ui.port, else a free one)

import { KioskError } from '../../../native/hal/errors.ts';
import { openProcessLoggerOrStderr, type ProcessLogger } from '../../../native/util/log-files.ts';
import { createLogger, type Logger } from '../../../native/util/logger.ts';
import { ConfigError } from '../config/config-error.ts';
import { loadStartupConfig } from '../config/load-kiosk-config.ts';
import { configEnvironment, FLAGS, parseCoreArguments } from './core-arguments.ts';
import type { CoreProcessCommand, CoreProcessMessage, KioskCore } from './kiosk-core-api.ts';
import { startKioskCore } from './start-kiosk-core.ts';

/** Exit codes the supervisor reads (electron/main/core-supervisor.ts). */
export const CORE_EXIT = Object.freeze({ stopped: 0, failed: 1, configInvalid: 2 });

// The arguments and the config environment they make live in core-arguments.ts, so that the shell can
// read the same config (for its own logs and reports) without loading the whole core.
export { configEnvironment, parseCoreArguments, type CoreProcessArguments } from './core-arguments.ts';

/** The channel to the parent, whichever kind of child this is. */
export interface ParentChannel {
  /** Resolves when the message has been handed to the channel (safe to exit after). */
  post(message: CoreProcessMessage): Promise<void>;
  onCommand(listener: (command: unknown) => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Electron's parentPort, else Node's IPC, else none (run by hand: messages go nowhere). */
export function parentChannel(proc: NodeJS.Process = process): ParentChannel {
  const parentPort = (proc as NodeJS.Process & { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort !== undefined) {
    return {
      post: (m) => {
        parentPort.postMessage(m);
        return new Promise((resolve) => setImmediate(resolve));
      },
      onCommand: (l) => parentPort.on('message', (e) => l(e.data)) };
  }
  if (typeof proc.send === 'function') {
    return {
      post: (m) => new Promise((resolve) => (proc.connected ? proc.send?.(m, undefined, {}, () => resolve()) : resolve())),
      onCommand: (l) => void proc.on('message', l),
    };
  }
  return { post: () => Promise.resolve(), onCommand: () => {} };
}

function isCommand(value: unknown): value is CoreProcessCommand {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  return type === 'core.stop' || type === 'core.reset';
}

/** Runs the core child until it is told to stop. Resolves with the exit code. */
export async function runCoreProcess(argv: readonly string[], env: NodeJS.ProcessEnv, channel: ParentChannel): Promise<number> {
  // stderr until the config says where the logs go (logging.directory: rotated files of kiosk-core).
  let logger: Logger = createLogger({ name: 'kiosk-core' });
  let logFiles: ProcessLogger | null = null;
  const closeLogs = async (code: number): Promise<number> => {
    await logFiles?.close();
    return code;
  };
  let core: KioskCore;
  let stopRequested: string | null = null;
  let stopNow: ((why: string) => void) | null = null;
  // Listening from the first moment: a stop asked for while the core starts is honoured once it has.
  const requestStop = (why: string) => {
    if (stopNow !== null) stopNow(why);
    else stopRequested ??= why;
  };
  process.once('SIGTERM', () => requestStop('SIGTERM'));
  process.once('SIGINT', () => requestStop('SIGINT'));
  // A forked child whose parent died: nobody would ever stop this core.
  process.once('disconnect', () => requestStop('parent-gone'));
  // Set once the core is ready; a reset before that has nothing to reset.
  const started: { core?: KioskCore } = {};
  channel.onCommand((command) => {
    if (!isCommand(command)) {
      logger.warn({ event: 'command-refused' }, 'ignored a message that is no core command');
      return;
    }
    if (command.type === 'core.stop') requestStop('core.stop');
    else if (started.core === undefined) logger.info({ event: 'core-reset-ignored' }, 'a reset before the core is ready has nothing to reset');
    else {
      // The shell's reset (its own idle watchdog, a technician): back to welcome, the person's data wiped.
      logger.info({ event: 'core-reset' }, 'the shell asked for a reset');
      started.core.reset();
    }
  });

  try {
    const args = parseCoreArguments(argv);
    const config = await loadStartupConfig(configEnvironment(args, env));
    logFiles = await openProcessLoggerOrStderr({ service: 'kiosk-core', logging: config.config.logging });
    logger = logFiles.logger;
    for (const warning of config.warnings) logger.warn({ event: 'config-warning' }, warning);
    core = await startKioskCore({
      config,
      logger,
      ...(args.rendererDir === undefined ? {} : { rendererDir: args.rendererDir }),
      ...(args.port === undefined ? {} : { port: args.port }),
    });
  } catch (err) {
    const code = err instanceof KioskError ? err.code : 'CORE_START_FAILED';
    const message = err instanceof Error ? err.message : String(err);
    // The message names config paths and files, never personal data; it is the technician's answer.
    logger.error({ event: 'core-failed', code }, message);
    await channel.post({ type: 'core.failed', code, message: message.slice(0, 4000) });
    return closeLogs(err instanceof ConfigError || code === 'CONFIG_INVALID' ? CORE_EXIT.configInvalid : CORE_EXIT.failed);
  }

  const running = core;
  started.core = core;
  const { url, kioskUrl, contractUrl, token, port } = core;
  logger.info({ event: 'core-ready', port, profile: running.profile, flow: running.flow }, 'the core is ready');
  void channel.post({ type: 'core.ready', endpoints: { url, kioskUrl, contractUrl, token, port }, profile: running.profile, flow: running.flow });

  return new Promise<number>((done) => {
    let stopping = false;
    stopNow = (why: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ event: 'core-stopping', why }, 'the core is stopping');
      void channel.post({ type: 'core.stopping' });
      running.close('stopping').then(
        () => void closeLogs(CORE_EXIT.stopped).then(done),
        (err: unknown) => {
          logger.error({ event: 'core-close-failed', error: (err as Error).name }, 'the core did not close cleanly');
          void closeLogs(CORE_EXIT.failed).then(done);
        },
      );
    };
    if (stopRequested !== null) stopNow(stopRequested);
  });
}

/**
 * The core's own arguments from a process.argv: everything from the first known flag on. Electron's
 * utilityProcess and Node's fork lay out argv[0..1] differently; the flags are the same.
 */
export function coreArgumentsOf(argv: readonly string[]): string[] {
  const first = argv.findIndex((a) => a in FLAGS);
  return first < 0 ? [] : argv.slice(first);
}

// Run when this file is the process's entry: a utility process (it has a parentPort), or a script
// started by path (child_process.fork, bin/run-ts.mjs); not when a test imports it.
const electronChild = (process as NodeJS.Process & { parentPort?: unknown }).parentPort !== undefined;
if (electronChild || /core-process\.(ts|js|mjs)$/.test(process.argv[1] ?? '')) {
  const code = await runCoreProcess(coreArgumentsOf(process.argv), process.env, parentChannel());
  process.exit(code);
}
