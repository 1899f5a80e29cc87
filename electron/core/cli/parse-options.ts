// Thin wrapper over node:util parseArgs that turns its errors into one-line usage errors (exit 2).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.ts';

export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false });
  } catch (err) {
    throw new CliError((err as Error).message.split('\n')[0] ?? 'invalid options');
  }
}
