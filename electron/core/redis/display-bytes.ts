import { TextDecoder } from 'node:util';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Shows a key or value as text: valid UTF-8 as is (control characters
 * escaped), anything else byte by byte as \xNN, the way redis-cli does.
 */
export function displayBytes(bytes: Buffer, limit = 200): string {
  const slice = bytes.length > limit ? bytes.subarray(0, limit) : bytes;
  let text: string;
  try {
    // eslint-disable-next-line no-control-regex -- escaping control characters is the point
    text = strictUtf8.decode(slice).replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  } catch {
    text = [...slice].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
  }
  return bytes.length > limit ? `${text}…` : text;
}
