// A finger and a scanner pad, animated by phase: coming down (place), held with a scan line
// (capturing), going up (lift), a shake (retry), a green tick (matched) or a red cross (mismatch).

import type { ScreenOf } from '../../../electron/contract/index.ts';

export type FingerPhase = ScreenOf<'fingerprint'>['phase'];

export function FingerAnimation({ phase }: { readonly phase: FingerPhase }) {
  return (
    <svg className={`illustration finger-animation finger-phase-${phase}`} viewBox="0 -80 240 360" aria-hidden="true" data-phase={phase}>
      <rect className="scanner-body" x="30" y="190" width="180" height="70" rx="16" />
      <rect className="scanner-glass" x="70" y="176" width="100" height="30" rx="10" />
      <rect className="scanner-line" x="74" y="180" width="92" height="4" rx="2" />
      <g className="finger">
        <path className="finger-shape" d="M92 20 a28 28 0 0 1 56 0 v140 a28 28 0 0 1 -56 0z" />
        <path className="finger-nail" d="M104 26 a16 16 0 0 1 32 0 v22 h-32z" />
        <path className="finger-ridge" d="M104 140 q16 -12 32 0 M100 152 q20 -14 40 0 M104 164 q16 -10 32 0" />
      </g>
      {phase === 'matched' ? <path className="finger-result finger-result-ok" d="M160 60 l18 18 l34 -40" /> : null}
      {phase === 'mismatch' ? <path className="finger-result finger-result-bad" d="M164 36 l40 40 M204 36 l-40 40" /> : null}
    </svg>
  );
}
