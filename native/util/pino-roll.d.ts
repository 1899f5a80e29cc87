// pino-roll 4.0.0 ships no types: the part of its API log-files.ts uses.

declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';

  export interface PinoRollOptions {
    /** Base path; rotated files are `<file>.<n><extension>`. */
    readonly file: string;
    /** Largest file before a roll: a number in MB, or a string with k/m/g. */
    readonly size?: number | string;
    readonly frequency?: number | 'daily' | 'hourly';
    readonly extension?: string;
    readonly mkdir?: boolean;
    readonly mode?: number;
    /** `count` files are kept besides the active one; `removeOtherLogFiles` counts earlier processes' files too. */
    readonly limit?: { readonly count?: number; readonly removeOtherLogFiles?: boolean };
    readonly sync?: boolean;
  }

  /** A SonicBoom stream that rolls its file. */
  export interface RollingStream extends DestinationStream {
    readonly file: string;
    flush(callback?: (err?: Error) => void): void;
    flushSync(): void;
    end(): void;
    once(event: 'close' | 'ready', listener: () => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
  }

  export default function build(options: PinoRollOptions): Promise<RollingStream>;
}
