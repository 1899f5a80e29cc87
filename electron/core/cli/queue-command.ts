// `kiosk queue stats|list|retry|check`: the technician's view of the check-in outbox. Works on the
// configured database (--db, else $KIOSK_DATA_DIR/kiosk.db, else the demo profile's) whether or not the
// kiosk is running: WAL lets it read beside the kiosk and the busy timeout waits out the kiosk's writes.
// It never needs the data key and never prints personal data. Exit 1 when the check finds a problem or
// the database cannot be used.

import { checkIntegrity, listCheckIns, queueStats, retryDeadLetters, SYNC_STATES, type SyncState } from '../store/queue-queries.ts';
import { requireCurrentSchema } from '../store/migrations.ts';
import { SqliteDatabase } from '../store/sqlite-database.ts';
import { StoreError } from '../store/store-error.ts';
import { defaultDatabasePath } from '../store/store-paths.ts';
import { CliError } from './cli-error.ts';
import { registerCommand } from './main.ts';
import { parseOptions } from './parse-options.ts';

const USAGE = `usage: kiosk queue <command> [--db PATH] [--json]
  stats                         counts by state, oldest pending age
  list [--state S] [--limit N]  newest check-ins (no personal data); states: ${SYNC_STATES.join(', ')}
  retry (--key KEY... | --all)  put rejected and dead-lettered check-ins back to pending
  check                         integrity check, schema version, counts`;

const COMMON = { db: { type: 'string' }, json: { type: 'boolean' } } as const;

function formatAge(ms: number | null): string {
  if (ms === null) return '-';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.floor(ms / 1000)} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

function print(json: boolean | undefined, value: unknown, lines: () => string[]): void {
  console.log(json ? JSON.stringify(value, null, 2) : lines().join('\n'));
}

/** Opens the database for a subcommand; turns store faults into one-line failures (exit 1). */
async function withDatabase<T>(path: string, body: (db: SqliteDatabase) => Promise<T>): Promise<T> {
  let db: SqliteDatabase | undefined;
  try {
    db = await SqliteDatabase.open(path, { create: false });
    return await body(db);
  } catch (err) {
    if (err instanceof StoreError) throw new CliError(`${err.code}: ${err.message}`, 1);
    throw err;
  } finally {
    await db?.close().catch(() => undefined);
  }
}

async function stats(args: readonly string[]): Promise<number> {
  const { values } = parseOptions(args, COMMON);
  const path = values.db ?? defaultDatabasePath();
  const result = await withDatabase(path, async (db) => {
    await requireCurrentSchema(db);
    return queueStats(db, Date.now());
  });
  print(values.json, { database: path, ...result }, () => [
    `database       ${path}`,
    ...SYNC_STATES.map((s) => `${s.padEnd(14)} ${String(result.counts[s]).padStart(8)}`),
    `${'total'.padEnd(14)} ${String(result.total).padStart(8)}   personal data purged: ${result.purged}`,
    `oldest pending ${formatAge(result.oldestPendingAgeMs)}`,
    `next attempt   ${result.nextAttemptMs === null ? '-' : new Date(result.nextAttemptMs).toISOString()}`,
  ]);
  return 0;
}

function parseState(value: string | undefined): SyncState | undefined {
  if (value === undefined) return undefined;
  if (!(SYNC_STATES as readonly string[]).includes(value)) throw new CliError(`unknown state '${value}'; use one of: ${SYNC_STATES.join(', ')}`);
  return value as SyncState;
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return 50;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new CliError('--limit must be an integer between 1 and 10000');
  return n;
}

async function list(args: readonly string[]): Promise<number> {
  const { values } = parseOptions(args, { ...COMMON, state: { type: 'string' }, limit: { type: 'string' } });
  const state = parseState(values.state);
  const limit = parseLimit(values.limit);
  const path = values.db ?? defaultDatabasePath();
  const rows = await withDatabase(path, async (db) => {
    await requireCurrentSchema(db);
    return listCheckIns(db, { ...(state === undefined ? {} : { state }), limit });
  });
  print(values.json, rows, () =>
    rows.length === 0
      ? ['no check-ins']
      : [
          `${'created'.padEnd(24)} ${'idempotency key'.padEnd(36)} ${'profile'.padEnd(11)} ${'assurance'.padEnd(11)} ${'state'.padEnd(13)} tries  note`,
          ...rows.map(
            (r) =>
              `${r.createdAt.padEnd(24)} ${r.idempotencyKey.padEnd(36)} ${r.profile.padEnd(11)} ${r.assurance.padEnd(11)} ${r.state.padEnd(13)} ${String(r.attempts).padStart(5)}  ${r.reason ?? r.lastError ?? ''}`,
          ),
        ],
  );
  return 0;
}

async function retry(args: readonly string[]): Promise<number> {
  const { values } = parseOptions(args, { ...COMMON, key: { type: 'string', multiple: true }, all: { type: 'boolean' } });
  const keys = values.key ?? [];
  if ((keys.length === 0) === !values.all) throw new CliError('give either --key KEY (repeatable) or --all');
  const path = values.db ?? defaultDatabasePath();
  const moved = await withDatabase(path, async (db) => {
    await requireCurrentSchema(db);
    return retryDeadLetters(db, values.all ? 'all' : keys, Date.now());
  });
  print(values.json, { moved }, () => [`${moved} check-in(s) put back to pending`]);
  return 0;
}

async function check(args: readonly string[]): Promise<number> {
  const { values } = parseOptions(args, COMMON);
  const path = values.db ?? defaultDatabasePath();
  let report;
  try {
    report = await withDatabase(path, (db) => checkIntegrity(db));
  } catch (err) {
    // A file that is not a database at all fails at open: that is a finding, not a usage error.
    if (!(err instanceof CliError) || !err.message.startsWith('STORE_CORRUPT')) throw err;
    report = { ok: false, integrity: [err.message], schemaVersion: 0 };
  }
  print(values.json, { database: path, ...report }, () => {
    const lines = [`database       ${path}`, `integrity      ${report.integrity.join('; ')}`];
    if ('counts' in report) {
      lines.push(`schema version ${report.schemaVersion} (this kiosk: ${report.expectedSchemaVersion})`);
      lines.push(`counters       ${report.countersMatch ? 'match the rows' : 'DO NOT match the rows'}`);
      lines.push(`check-ins      ${SYNC_STATES.map((s) => `${s} ${report.counts[s]}`).join(', ')}`);
      lines.push(`audit entries  ${report.auditEntries}`, `data keys      ${report.keyIds.join(', ') || '-'}`);
    }
    lines.push(report.ok ? 'OK' : 'PROBLEMS FOUND');
    return lines;
  });
  return report.ok ? 0 : 1;
}

registerCommand({
  name: 'queue',
  summary: 'queue stats|list|retry|check: the check-in outbox (--db PATH, --json)',
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === 'stats') return stats(rest);
    if (sub === 'list') return list(rest);
    if (sub === 'retry') return retry(rest);
    if (sub === 'check') return check(rest);
    throw new CliError(USAGE);
  },
});
