// The `kiosk` command line. Each subcommand lives in its own module; this file only dispatches.
// Exit codes: 0 success, 1 the operation failed (card, device), 2 bad usage or input.

import { CliError } from './cli-error.ts';

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  run(args: readonly string[]): Promise<number>;
}

const commands: CliCommand[] = [];

/** Registers a subcommand (called by command modules at import time). */
export function registerCommand(command: CliCommand): void {
  commands.push(command);
}

function usage(): string {
  const lines = ['usage: kiosk <command> [options]', '', 'commands:'];
  for (const c of commands) lines.push(`  ${c.name.padEnd(14)} ${c.summary}`);
  lines.push('  help           show this help');
  return lines.join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  await import('./commands.ts');
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`kiosk: unknown command '${name}'; 'kiosk help' lists the commands`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof CliError) {
      console.error(`kiosk ${name}: ${err.message}`);
      return err.exitCode;
    }
    throw err;
  }
}
