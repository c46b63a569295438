/**
 * Reads one web-mode message into a request envelope, or says why not, with
 * the request id whenever one can be found, so the renderer can settle the
 * request it sent instead of waiting for an answer that never comes.
 */
import type { z } from 'zod';
import { RequestEnvelope } from '../../../shared/contract';
import { msg, type Message } from '../../../shared/i18n/message';

export type Envelope = z.output<typeof RequestEnvelope>;

export type EnvelopeRead =
  | { kind: 'request'; envelope: Envelope }
  /** The renderer's heartbeat: answered with `{ pong }`, never dispatched. */
  | { kind: 'ping'; ping: number }
  | { kind: 'malformed'; id: number | null; message: string; msg: Message };

/** A request id is what the renderer sends: a non-negative safe integer. */
function asId(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

function ownField(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** The renderer writes `{"id":N,...` first: a message cut or broken later still names its request. */
const LEADING_ID = /^\s*\{\s*"id"\s*:\s*(\d{1,16})\s*[,}]/;

function malformed(id: number | null, why: string): EnvelopeRead {
  const detail = why.slice(0, 200);
  // The reason is the parser's (English, technical); the sentence around it is the user's language.
  return { kind: 'malformed', id, message: `Malformed request: ${detail}`, msg: msg('errors.transport.malformed', { detail }) };
}

export function readEnvelope(data: Buffer, isBinary: boolean): EnvelopeRead {
  if (isBinary) return malformed(null, 'binary frames are not part of the protocol');
  const text = data.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const leading = LEADING_ID.exec(text.slice(0, 64));
    return malformed(leading ? asId(Number(leading[1])) : null, (err as Error).message);
  }
  const ping = asId(ownField(json, 'ping'));
  if (ping !== null && ownField(json, 'channel') === undefined) return { kind: 'ping', ping };
  const parsed = RequestEnvelope.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.');
    return malformed(asId(ownField(json, 'id')), where ? `${where}: ${issue.message}` : (issue?.message ?? 'not a request'));
  }
  return { kind: 'request', envelope: parsed.data };
}
