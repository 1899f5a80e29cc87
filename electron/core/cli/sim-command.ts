// `kiosk sim card --profile P --vpcd HOST:PORT`: attaches a simulated chip to vsmartcard's virtual
// reader, so pcscd and any PC/SC application (including `kiosk card read --reader`) see a real card.
// Runs until interrupted (Ctrl-C) or until vpcd closes the connection.

import { VPCD_DEFAULT_PORT, VpcdBridge } from '../../../native/sim/vpcd/vpcd-bridge.ts';
import { createChip, isProfileName, PROFILE_NAMES } from '../../../native/sim/profiles/index.ts';
import { KioskError } from '../../../native/hal/errors.ts';
import { parseFaults } from './card-source.ts';
import { CliError } from './cli-error.ts';
import { registerCommand } from './main.ts';
import { parseOptions } from './parse-options.ts';
import { simCentral } from './sim-central-command.ts';

const USAGE = 'usage: kiosk sim card --profile PROFILE [--vpcd HOST:PORT] [--fault F]...\n       kiosk sim central [--port N] [--tls] [--data DIR] [--kiosk KEYID=PUBLIC.pem[:KIOSKID]]... [--fault NAME=VALUE]...';

function parseEndpoint(value: string | undefined): { host: string; port: number } {
  if (value === undefined) return { host: '127.0.0.1', port: VPCD_DEFAULT_PORT };
  const m = /^([^:]+):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) throw new CliError(`--vpcd must be HOST:PORT, e.g. 127.0.0.1:${VPCD_DEFAULT_PORT}`);
  return { host: m[1]!, port };
}

async function simCard(args: readonly string[]): Promise<number> {
  const { values } = parseOptions(args, { profile: { type: 'string' }, vpcd: { type: 'string' }, fault: { type: 'string', multiple: true } });
  if (values.profile === undefined) throw new CliError(`${USAGE}\nprofiles: ${PROFILE_NAMES.join(', ')}`);
  if (!isProfileName(values.profile)) throw new CliError(`unknown profile '${values.profile}'; use one of: ${PROFILE_NAMES.join(', ')}`);
  const { faults, selectMasterFile } = parseFaults(values.fault ?? []);
  const endpoint = parseEndpoint(values.vpcd);
  const chip = createChip(values.profile, { faults, ...(selectMasterFile === undefined ? {} : { selectMasterFile }) });
  const bridge = new VpcdBridge(chip, endpoint);
  try {
    await bridge.connect();
  } catch (err) {
    const reason = err instanceof KioskError ? err.message : String(err);
    throw new CliError(`cannot reach vpcd at ${endpoint.host}:${endpoint.port} (${reason}); is pcscd running with vsmartcard-vpcd installed?`, 1);
  }
  console.error(`simulated ${values.profile} chip attached to vpcd at ${endpoint.host}:${endpoint.port}; Ctrl-C to remove it`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    bridge.onDidDisconnect(stop);
  });
  await bridge.close();
  return 0;
}

registerCommand({
  name: 'sim',
  summary: 'sim card: attach a simulated chip to vsmartcard vpcd; sim central: run the central-service simulator',
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === 'card') return simCard(rest);
    if (sub === 'central') return simCentral(rest);
    throw new CliError(USAGE);
  },
});
