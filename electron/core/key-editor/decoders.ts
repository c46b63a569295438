import { Gunzip, Inflate, Unzlib } from 'fflate';
import { Unpackr } from 'msgpackr';

/** Decompressed output kept at most; what lies beyond is left undecoded and said. */
export const DECODE_OUTPUT_BYTES = 256 * 1024;

export type Compression = 'gzip' | 'deflate';

/** gzip starts 1f 8b; a zlib stream's two header bytes, read as a big-endian number, are a multiple of 31 with method 8 (deflate). */
export function sniffCompression(bytes: Buffer): Compression | undefined {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  if (bytes.length >= 2 && (bytes[0] & 0x0f) === 8 && ((bytes[0] << 8) | bytes[1]) % 31 === 0) return 'deflate';
  return undefined;
}

/**
 * Decompresses at most DECODE_OUTPUT_BYTES of `input` with fflate's
 * streaming decoders, pushing the input in slices and stopping as soon as
 * enough came out, so a gzip bomb costs no more than the bound. `deflate`
 * takes a zlib stream (78 xx) or, failing that, raw deflate.
 */
export function decompress(input: Buffer, kind: Compression, inputWhole: boolean): { out: Buffer; cut: boolean; error?: string } {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  const take = (chunk: Uint8Array, final: boolean) => {
    chunks.push(chunk);
    size += chunk.length;
    if (final) ended = true;
  };
  const zlibHeader = input.length >= 2 && (input[0] & 0x0f) === 8 && ((input[0] << 8) | input[1]) % 31 === 0;
  const stream = kind === 'gzip' ? new Gunzip(take) : zlibHeader ? new Unzlib(take) : new Inflate(take);
  const SLICE = 16 * 1024;
  try {
    for (let i = 0; i < input.length && size < DECODE_OUTPUT_BYTES; i += SLICE) {
      const last = i + SLICE >= input.length;
      stream.push(input.subarray(i, i + SLICE), last && inputWhole);
    }
  } catch (err) {
    const out = Buffer.concat(chunks).subarray(0, DECODE_OUTPUT_BYTES);
    return { out, cut: true, error: (err as Error).message };
  }
  const all = Buffer.concat(chunks);
  return { out: all.subarray(0, DECODE_OUTPUT_BYTES), cut: all.length > DECODE_OUTPUT_BYTES || !ended };
}

/** MessagePack maps and arrays start with these bytes (fixmap, fixarray, array16/32, map16/32). */
export function looksLikeMsgpack(bytes: Buffer): boolean {
  const b = bytes[0];
  return b !== undefined && ((b >= 0x80 && b <= 0x9f) || (b >= 0xdc && b <= 0xdf));
}

// Records and structures are msgpackr extensions other writers never send; plain MessagePack is what is read.
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true, int64AsType: 'string' });

/** JSON for one decoded value: bytes as a short description, maps with non-string keys as entry lists. */
function jsonable(value: unknown): unknown {
  if (value instanceof Uint8Array) return `<${value.length} bytes: ${Buffer.from(value.subarray(0, 32)).toString('hex')}${value.length > 32 ? '…' : ''}>`;
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => [jsonable(k), jsonable(v)]);
  if (Array.isArray(value)) return value.map(jsonable);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonable(v)]));
  return value;
}

/**
 * Decodes one whole MessagePack value as indented JSON; what follows the
 * first value (a second value or stray bytes) is an error, not ignored.
 */
export function decodeMsgpack(bytes: Buffer): { json: string } | { error: string } {
  try {
    const values = unpackr.unpackMultiple(bytes) as unknown[];
    if (values.length !== 1) return { error: `${values.length} values` };
    return { json: JSON.stringify(jsonable(values[0]), null, 2) ?? 'null' };
  } catch (err) {
    return { error: (err as Error).message.slice(0, 200) };
  }
}
