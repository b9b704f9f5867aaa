/** A tiny inline SVG trend (-1..1); no chart library, and nothing the CSP would have to allow. */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const width = 160;
  const height = 36;
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const y = (v: number) => ((1 - Math.max(-1, Math.min(1, v))) / 2) * height;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const last = values.at(-1) ?? 0;
  return (
    <figure className="sparkline">
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${label}: latest ${last.toFixed(2)} over ${values.length} turns`}
      >
        <line x1="0" x2={width} y1={height / 2} y2={height / 2} className="sparkline-axis" />
        <polyline points={points} className={last < -0.3 ? 'sparkline-line negative' : 'sparkline-line'} />
      </svg>
      <figcaption>
        {label} · now {last.toFixed(2)}
      </figcaption>
    </figure>
  );
}
