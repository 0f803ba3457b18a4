/**
 * resource.Quantity as kubectl prints it: exact arithmetic on nano-units and Go's canonical form
 * (largest exact SI or binary suffix), so that sums like 200m+250m+50m+50m print "550m".
 */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value in units of 10^-9. */
  nanos: bigint;
  format: QuantityFormat;
}

const NANO = 1_000_000_000n;
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

export const ZERO: Quantity = { nanos: 0n, format: 'DecimalSI' };

export function parseQuantity(text: unknown): Quantity | undefined {
  if (typeof text === 'number') text = String(text);
  if (typeof text !== 'string') return undefined;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  const digits = `${m[2]}${m[3] ?? ''}`;
  const fracLen = (m[3] ?? '').length;
  let exp10 = -fracLen;
  let binaryShift = 0;
  let format: QuantityFormat = 'DecimalSI';
  if (m[4]) {
    exp10 += Number(m[4].slice(1));
    format = 'DecimalExponent';
  } else if (m[5] && m[5] in BINARY) {
    binaryShift = BINARY[m[5]]!;
    format = 'BinarySI';
  } else {
    exp10 += DECIMAL[m[5] ?? '']!;
  }
  let value = BigInt(digits || '0') * (1n << BigInt(binaryShift));
  const scale = exp10 + 9;
  // Go rounds sub-nano precision up (away from zero).
  if (scale >= 0) value *= 10n ** BigInt(scale);
  else {
    const div = 10n ** BigInt(-scale);
    value = (value + div - 1n) / div;
  }
  return { nanos: sign * value, format };
}

export const add = (a: Quantity, b: Quantity): Quantity => ({ nanos: a.nanos + b.nanos, format: a.format });
export const max = (a: Quantity, b: Quantity): Quantity => (b.nanos > a.nanos ? { nanos: b.nanos, format: a.format } : a);

/** MilliValue / Value round up like Go. */
export const milliValue = (q: Quantity): number => Number(ceilDiv(q.nanos, 1_000_000n));
export const value = (q: Quantity): number => Number(ceilDiv(q.nanos, NANO));

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

const SI_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BIN_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const negative = q.nanos < 0n;
  const abs = negative ? -q.nanos : q.nanos;
  const sign = negative ? '-' : '';
  let format = q.format;
  if (format === 'BinarySI' && (abs < 1024n * NANO || abs % NANO !== 0n)) format = 'DecimalSI';
  if (format === 'BinarySI') {
    let n = abs / NANO;
    let k = 0;
    while (k < BIN_SUFFIX.length - 1 && n % 1024n === 0n) {
      n /= 1024n;
      k++;
    }
    return `${sign}${n}${BIN_SUFFIX[k]}`;
  }
  // Decimal: mantissa * 10^exp with exp a multiple of 3, mantissa as small as exactness allows.
  let mantissa = abs;
  let exp = -9;
  while (mantissa % 1000n === 0n && exp < 18) {
    mantissa /= 1000n;
    exp += 3;
  }
  if (format === 'DecimalExponent') return exp === 0 ? `${sign}${mantissa}` : `${sign}${mantissa}e${exp}`;
  return `${sign}${mantissa}${SI_SUFFIX[exp]}`;
}

/** Canonical text of a quantity as the API sent it (unparseable text is shown as is). */
export function canonical(text: unknown): string {
  const q = parseQuantity(text);
  return q ? formatQuantity(q) : String(text ?? '');
}
