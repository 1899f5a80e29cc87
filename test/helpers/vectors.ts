// Loads the ICAO 9303 worked examples copied from shared/vectors/icao (sources named inside each file).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function loadVector<T = Record<string, unknown>>(name: string): T {
  const path = fileURLToPath(new URL(`../fixtures/icao/${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}
