// A card (or passport, or QR code) moving onto the reader, drawn in SVG and animated in CSS.

export function CardIllustration({ kind }: { readonly kind: 'chip' | 'passport' | 'qr' }) {
  return (
    <svg className={`illustration card-illustration card-illustration-${kind}`} viewBox="0 0 320 240" aria-hidden="true">
      <rect className="reader-body" x="40" y="150" width="240" height="70" rx="14" />
      <rect className="reader-pad" x="70" y="140" width="180" height="20" rx="8" />
      <circle className="reader-led" cx="256" cy="186" r="7" />
      <g className="card-moving">
        {kind === 'passport' ? (
          <>
            <rect className="card-passport" x="95" y="20" width="130" height="100" rx="8" />
            <circle className="card-emblem" cx="160" cy="62" r="18" />
            <rect className="card-line-light" x="120" y="92" width="80" height="8" rx="3" />
          </>
        ) : (
          <>
            <rect className="card-body" x="80" y="30" width="160" height="100" rx="10" />
            {kind === 'qr' ? (
              <g className="card-qr">
                <rect x="180" y="50" width="44" height="44" />
                <rect className="card-qr-hole" x="188" y="58" width="12" height="12" />
                <rect className="card-qr-hole" x="204" y="74" width="12" height="12" />
              </g>
            ) : (
              <rect className="card-chip" x="100" y="62" width="34" height="26" rx="4" />
            )}
            <rect className="card-line" x="100" y="102" width="70" height="8" rx="3" />
            <rect className="card-line" x="100" y="46" width="60" height="8" rx="3" />
          </>
        )}
      </g>
      <g className="reader-waves">
        <path d="M285 60 q14 20 0 40" />
        <path d="M298 50 q22 30 0 60" />
      </g>
    </svg>
  );
}
