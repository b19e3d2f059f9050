// Small statistics and formatting helpers shared by the benchmark scripts.

export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (values) => quantile(values, 0.5);

// Deterministic shuffle (xorshift32), so the interleaving order differs per round but not per run.
export function shuffled(items, seed) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function fmt(value, digits = 2) {
  if (value === undefined || value === null || Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return '∞';
  const abs = Math.abs(value);
  if (abs >= 1000) return value.toFixed(0);
  if (abs >= 100) return value.toFixed(Math.max(0, digits - 2));
  if (abs >= 10) return value.toFixed(Math.max(0, digits - 1));
  if (abs >= 0.1 || abs === 0) return value.toFixed(digits);
  return value.toPrecision(2);
}

export const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);
export const fmtRatio = (r) => (Number.isNaN(r) ? '–' : `${fmt(r)}×`);

export function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

// A Markdown table: header row + rows (arrays of strings). Numbers are right-aligned.
export function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-–\d.,×%∞<>~ a-zA-Z/]*$/.test(String(r[i] ?? '')) && /\d|–/.test(String(r[i] ?? ''))));
  const line = (cells) =>
    '| ' + cells.map((c, i) => (numeric[i] && i > 0 ? String(c ?? '').padStart(widths[i]) : String(c ?? '').padEnd(widths[i]))).join(' | ') + ' |';
  const sep = '|' + widths.map((w, i) => (numeric[i] && i > 0 ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|';
  return [line(header), sep, ...rows.map(line)].join('\n');
}
