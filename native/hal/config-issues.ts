// Turns zod issues into one clear line each for the person who wrote the config file:
//   devices[2].driver: 'escpos' is not one of escpos-serial, sim
//   devices[0].transport.baudRate: 1234 is not one of 1200, 2400, ...
// Shared by the devices section (device-config.ts) and, later, the whole kiosk config.

import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/** `devices[2].transport.baudRate` from `['devices', 2, 'transport', 'baudRate']`. */
export function formatConfigPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_][\w-]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(top level)' : out;
}

/** A config value as it is quoted in a message: strings in single quotes, long values cut. */
export function quoteConfigValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = `'${value}'`;
  else if (value === undefined) text = 'nothing';
  else if (typeof value === 'bigint') text = `${value}`;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function listValues(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : quoteConfigValue(v))).join(', ');
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${quoteConfigValue(value)}`;
}

/** Every literal a union accepts, when each of its branches failed only on one literal value. */
function unionLiterals(issue: Extract<Issue, { code: 'invalid_union' }>): unknown[] | undefined {
  if (issue.errors.length === 0) return undefined;
  const values: unknown[] = [];
  for (const branch of issue.errors) {
    const [only] = branch;
    if (branch.length !== 1 || only === undefined || only.code !== 'invalid_value' || only.path.length !== 0) return undefined;
    values.push(...only.values);
  }
  return values;
}

function describe(issue: Issue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_value':
      if (input === undefined) return `is required (one of ${listValues(issue.values)})`;
      return `${quoteConfigValue(input)} is not one of ${listValues(issue.values)}`;
    case 'invalid_type':
      if (input === undefined) return `is required (${issue.expected})`;
      return `expected ${issue.expected}, got ${typeName(input)}`;
    case 'invalid_union': {
      if ('discriminator' in issue && typeof issue.discriminator === 'string') {
        const options = (issue as { options?: readonly unknown[] }).options ?? [];
        const value = input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[issue.discriminator] : input;
        return value === undefined ? `is required (one of ${listValues(options)})` : `${quoteConfigValue(value)} is not one of ${listValues(options)}`;
      }
      const literals = unionLiterals(issue);
      if (literals) return `${quoteConfigValue(input)} is not one of ${listValues(literals)}`;
      return `${quoteConfigValue(input)} is not valid here`;
    }
    case 'too_small':
      if (issue.origin === 'string') return `must be at least ${issue.minimum} character(s) long`;
      if (issue.origin === 'array') return `must list at least ${issue.minimum} item(s)`;
      return `${quoteConfigValue(input)} must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} character(s) long`;
      if (issue.origin === 'array') return `must list at most ${issue.maximum} item(s)`;
      return `${quoteConfigValue(input)} must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
    case 'not_multiple_of':
      return `${quoteConfigValue(input)} must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return issue.message.startsWith('Unrecognized key')
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`
        : issue.message;
    case 'invalid_format':
      return issue.message.startsWith('Invalid') ? `${quoteConfigValue(input)} is not a valid ${issue.format}` : `${quoteConfigValue(input)} ${issue.message}`;
    default:
      return issue.message;
  }
}

/**
 * One line per problem, `path: what is wrong (and what is allowed)`, with `prefix` (e.g. `devices`)
 * before each path. Parse with `{ reportInput: true }` so that the lines can quote the bad value.
 */
export function formatConfigIssues(issues: readonly Issue[], prefix: readonly PathKey[] = []): string[] {
  return issues.map((issue) => {
    const input = (issue as { input?: unknown }).input;
    return `${formatConfigPath([...prefix, ...issue.path])}: ${describe(issue, input)}`;
  });
}
