/** Phrases several patterns put into their messages. */
import { msg, type Message } from '../../../shared/i18n/message';

/** A measured time as the narratives quote it: two decimals under 10 ms, whole milliseconds above. */
export function duration(ms: number): Message {
  return ms < 10 ? msg('common.msFine', { ms }) : msg('common.ms', { ms: Math.round(ms) });
}

/** "alice 1500, bob 1200" as Redis replied them, or "nobody". */
export function players(board: [string, number][]): string | Message {
  return board.map(([m, s]) => `${m} ${s}`).join(', ') || msg('common.nobody');
}
