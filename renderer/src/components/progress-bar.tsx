// A determinate progress bar (role=progressbar, aria-valuenow 0..100) for the chip read.

export function ProgressBar({ fraction, label, tone = 'normal' }: { readonly fraction: number; readonly label: string; readonly tone?: 'normal' | 'paused' }) {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const percent = Math.round(clamped * 100);
  return (
    <div className={`progress progress-${tone}`} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={label}>
      <div className="progress-fill" style={{ transform: `scaleX(${clamped})` }} />
      <span className="progress-value" aria-hidden="true">
        {percent}%
      </span>
    </div>
  );
}
