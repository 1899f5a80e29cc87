// Merges config layers (base profile file, override file, environment) and remembers which layer set
// each value, so that a problem can say where the bad value came from. Mappings merge field by field;
// a list or a scalar replaces what was there; `null` removes a field (to drop, say, the base's `tls`).

export type ConfigPath = readonly (string | number)[];

/** Which layer set each value, by path; the deepest recorded prefix of a problem's path names its origin. */
export class ConfigProvenance {
  private readonly origins = new Map<string, string>();

  record(path: ConfigPath, origin: string): void {
    this.origins.set(JSON.stringify(path), origin);
  }

  /** The layer that set `path` or the nearest mapping above it that a single layer set. */
  originOf(path: readonly PropertyKey[]): string | undefined {
    for (let length = path.length; length >= 1; length--) {
      const origin = this.origins.get(JSON.stringify(path.slice(0, length)));
      if (origin !== undefined) return origin;
    }
    return undefined;
  }
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function recordLeaves(value: unknown, path: ConfigPath, origin: string, provenance: ConfigProvenance): void {
  provenance.record(path, origin);
  if (isMapping(value)) for (const [key, inner] of Object.entries(value)) recordLeaves(inner, [...path, key], origin, provenance);
}

/** Sets an own property even for a key such as `__proto__`, which plain assignment would turn into a prototype change. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * `layer` merged over `base` (neither is changed). Records in `provenance` that `origin` set every
 * value `layer` holds.
 */
export function mergeConfigLayer(base: Record<string, unknown>, layer: Record<string, unknown>, origin: string, provenance: ConfigProvenance, path: ConfigPath = []): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(layer)) {
    const at = [...path, key];
    const current = Object.hasOwn(merged, key) ? merged[key] : undefined;
    if (value === null) {
      delete merged[key];
      provenance.record(at, origin);
    } else if (isMapping(value) && isMapping(current)) {
      setOwn(merged, key, mergeConfigLayer(current, value, origin, provenance, at));
    } else {
      setOwn(merged, key, value);
      recordLeaves(value, at, origin, provenance);
    }
  }
  return merged;
}
