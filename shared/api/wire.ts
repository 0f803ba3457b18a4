/**
 * The envelope both transports carry (Electron IPC and the browser-mode WebSocket). Requests get one
 * result; subscriptions get batches until `end`, and the client acknowledges each batch so the host
 * can hold back when the renderer falls behind.
 */
import type { ApiErrorData } from './errors';

/** The single Electron IPC channel the envelope travels on. */
export const WIRE_CHANNEL = 'loupe:wire';

export type ClientMessage =
  | { k: 'call'; id: number; ch: string; p: unknown }
  | { k: 'sub'; id: number; ch: string; p: unknown }
  | { k: 'unsub'; id: number }
  | { k: 'ack'; id: number };

export type HostMessage =
  | { k: 'result'; id: number; ok: true; v: unknown }
  | { k: 'result'; id: number; ok: false; e: ApiErrorData }
  /** JSON streams: the events of one batch. */
  | { k: 'batch'; id: number; evs: unknown[] }
  /** Binary streams: one batch is the concatenation of the chunks. */
  | { k: 'bytes'; id: number; b: Uint8Array }
  | { k: 'end'; id: number; e?: ApiErrorData };

const BINARY_KEY = '$bytes';

/**
 * JSON for the WebSocket: Uint8Array values (e.g. terminal input) travel as base64 inside text frames;
 * byte batches of binary streams travel as binary frames (see `encodeBytesFrame`).
 */
export function encodeJson(message: ClientMessage | HostMessage): string {
  return JSON.stringify(message, (_key, value: unknown) =>
    value instanceof Uint8Array ? { [BINARY_KEY]: toBase64(value) } : value,
  );
}

export function decodeJson(text: string): unknown {
  // The reviver runs on every value (every field of every log line in a batch): skip it when no
  // bytes can be inside. A line that merely mentions the key takes the slow path, still correct.
  if (!text.includes(`"${BINARY_KEY}"`)) return JSON.parse(text);
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      const encoded = record[BINARY_KEY];
      if (typeof encoded === 'string' && Object.keys(record).length === 1) return fromBase64(encoded);
    }
    return value;
  });
}

/** A binary frame: 4-byte big-endian subscription id, then the payload. */
export function encodeBytesFrame(id: number, bytes: Uint8Array): Uint8Array {
  const frame = new Uint8Array(4 + bytes.byteLength);
  new DataView(frame.buffer).setUint32(0, id);
  frame.set(bytes, 4);
  return frame;
}

export function decodeBytesFrame(frame: Uint8Array): { id: number; bytes: Uint8Array } {
  if (frame.byteLength < 4) throw new Error(`binary frame of ${frame.byteLength} bytes is shorter than its header`);
  const id = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0);
  return { id, bytes: frame.subarray(4) };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Map([...ALPHABET].map((c, i) => [c, i]));

// Hand-rolled because shared/ may use neither Buffer (Node) nor btoa (DOM).
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += b === undefined ? '=' : ALPHABET[(n >> 6) & 63]!;
    out += c === undefined ? '=' : ALPHABET[n & 63]!;
  }
  return out;
}

export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of clean) {
    const digit = LOOKUP.get(char);
    if (digit === undefined) throw new Error(`invalid base64 character ${JSON.stringify(char)}`);
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (value >> bits) & 0xff;
    }
  }
  return out;
}
