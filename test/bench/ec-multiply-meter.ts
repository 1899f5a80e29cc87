// Counts the elliptic-curve scalar multiplications of a read (EcGroup.multiply, OpenSSL or @noble/curves) and
// the CPU they take, split into the terminal's and the simulated chip's. They dominate PACE, so the
// bench reports them beside the phase split. Instrumentation only: the method is wrapped for the
// duration of one read and restored afterwards; the protocol code is untouched.

import { EcGroup } from '../../native/card/protocol/domain-parameters/ec-group.ts';

export interface EcCost {
  count: number;
  cpuMs: number;
}

export function cpuNowMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export class EcMultiplyMeter {
  readonly terminal: EcCost = { count: 0, cpuMs: 0 };
  readonly chip: EcCost = { count: 0, cpuMs: 0 };
  /** Set by the caller while the chip simulator is working, so its multiplications count as the chip's. */
  inChip = false;
  private original: EcGroup['multiply'] | undefined;

  /** Wraps EcGroup.prototype.multiply. Throws when already installed or when the method is gone. */
  install(): void {
    if (this.original) throw new Error('EcMultiplyMeter installed twice');
    const original = EcGroup.prototype.multiply;
    if (typeof original !== 'function') throw new Error('EcGroup.multiply not found: update the bench meter');
    this.original = original;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the wrapper needs both `this`es
    const meter = this;
    EcGroup.prototype.multiply = function (this: EcGroup, ...args: Parameters<EcGroup['multiply']>) {
      const cost = meter.inChip ? meter.chip : meter.terminal;
      const started = cpuNowMs();
      try {
        return original.apply(this, args);
      } finally {
        cost.count++;
        cost.cpuMs += cpuNowMs() - started;
      }
    };
  }

  uninstall(): void {
    if (this.original) EcGroup.prototype.multiply = this.original;
    this.original = undefined;
  }
}
