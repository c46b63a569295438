/**
 * An exploration as files: the JSON that reproduces it (and that import
 * replays), and a redis-cli script of the shortest failing schedule's
 * commands in the order the server ran them. Pure functions of the
 * exploration, so both transports (and tests) produce the same bytes.
 */
import { EXPLORATION_FORMAT_VERSION, type ExplorationProgress, type ExplorationVariantResult, type ExploredSchedule } from '../../../shared/exploration';
import { formatMessage as format } from '../../../shared/i18n/format';
import type { Locale } from '../../../shared/i18n/catalog';
import { msg, type Message } from '../../../shared/i18n/message';
import type { TraceEntry } from '../../../shared/model';

export const EXPORT_FORMAT = 'redis-pattern-inspector/exploration';
export const EXPORT_FORMAT_VERSION = EXPLORATION_FORMAT_VERSION;

export interface ExportedVariant {
  variantId: string;
  label: string;
  strategy: ExplorationVariantResult['strategy'];
  space: number | null;
  complete: boolean;
  tried: number;
  distinct: number;
  violations: number;
  stuck: number;
  cancelled: boolean;
  measures: Record<string, number>;
  /** The shortest failing schedule (shrunk), or null when no schedule broke the invariant. */
  shortestFailing: (Omit<ExploredSchedule, 'setup'> & { setup: TraceEntry[] }) | null;
}

export interface ExplorationFile {
  format: typeof EXPORT_FORMAT;
  formatVersion: typeof EXPORT_FORMAT_VERSION;
  appVersion: string;
  patternId: string;
  namespace: string;
  params: Record<string, number>;
  strategy: ExplorationProgress['strategy'];
  seed: number;
  schedules: number;
  invariant: string;
  measure: string;
  /** The language of the file's sentences (invariant, measure, labels); everything else is the same in every language. */
  language: Locale;
  variants: ExportedVariant[];
}

/** The exploration file: everything that reproduces it (pattern, parameters, strategy, seed, budget) and what it found. */
export function explorationFile(progress: ExplorationProgress, appVersion: string, namespace: string, locale: Locale = 'en'): ExplorationFile {
  const formatMessage = (m: Message) => format(m, locale);
  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    appVersion,
    patternId: progress.patternId,
    namespace,
    params: { ...progress.params },
    strategy: progress.strategy,
    seed: progress.seed,
    schedules: progress.schedules,
    invariant: formatMessage(progress.invariant),
    measure: formatMessage(progress.measure),
    language: locale,
    variants: progress.variants.map((v) => ({
      variantId: v.variantId,
      label: formatMessage(v.label),
      strategy: v.strategy,
      space: v.space === undefined || !Number.isFinite(v.space) ? null : v.space,
      complete: v.complete ?? false,
      tried: v.tried,
      distinct: v.distinct,
      violations: v.violations,
      stuck: v.stuck,
      cancelled: v.cancelled ?? false,
      measures: { ...v.measures },
      shortestFailing: v.shortest ? { ...v.shortest, setup: v.shortest.setup ?? [] } : null,
    })),
  };
}

/** "rpi-explore-write-behind-lost-update-seed1.json" */
export function exportFilename(progress: Pick<ExplorationProgress, 'patternId' | 'seed'>, format: 'json' | 'redis-cli', variantId?: string): string {
  const base = `rpi-explore-${progress.patternId}${variantId ? `-${variantId}` : ''}-seed${progress.seed}`;
  return format === 'json' ? `${base}.json` : `${base}.redis`;
}

/** Characters redis-cli takes unquoted: no spaces, quotes, backslashes or control bytes. */
const BARE = /^[A-Za-z0-9_:.\-/+=@,*?[\]{}!$%^&()<>~|;]+$/;

/**
 * One argument as redis-cli's line parser (sdssplitargs) reads it back
 * exactly: bare when it is plain, else in double quotes with \" \\ \n \r
 * \t and \xHH for every other control or non-ASCII byte (UTF-8 bytes,
 * so a name in any script survives).
 */
export function redisCliQuote(arg: string): string {
  if (arg !== '' && BARE.test(arg)) return arg;
  let out = '"';
  for (const byte of Buffer.from(arg, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A comment stays on its line. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

const actorOf = (e: TraceEntry) => (e.lane === undefined ? e.actor : `${e.actor}#${e.lane}`);

/** Each Redis command as a redis-cli line under a comment naming its actor; database calls and events as comments only. */
function scriptLines(trace: readonly TraceEntry[], locale: Locale): string[] {
  const say = (m: Message) => format(m, locale);
  const lines: string[] = [];
  const ordered = [...trace].sort((a, b) => (a.kind === 'redis' && b.kind === 'redis' && a.server && b.server ? a.server.seq - b.server.seq : 0));
  for (const e of ordered) {
    if (e.kind === 'redis') {
      lines.push(`# ${actorOf(e)}`);
      lines.push([e.command, ...e.args].map(redisCliQuote).join(' '));
      for (const inner of e.inner ?? []) lines.push(`#   ${say(msg('explore.script.inner', { command: oneLine([inner.command, ...inner.args].join(' ')) }))}`);
    } else if (e.kind === 'db') {
      const values = { actor: actorOf(e), sql: `${oneLine(e.sql)}${e.params.length ? ` [${e.params.join(', ')}]` : ''}` };
      lines.push(`# ${say(e.op === 'read' ? msg('explore.script.dbRead', values) : msg('explore.script.dbWrite', values))}`);
    } else {
      lines.push(`# ${actorOf(e)}: ${oneLine(say(e.text))}`);
    }
  }
  return lines;
}

/**
 * The shortest failing schedule of one variant (the first that has one,
 * unless named) as a redis-cli script: the file without its comments
 * (`grep -v '^#' file | redis-cli`) replays the Redis side of the race
 * in the server's order. Undefined when no variant failed.
 */
export function redisCliScript(progress: ExplorationProgress, appVersion: string, variantId?: string, locale: Locale = 'en'): string | undefined {
  const say = (m: Message) => oneLine(format(m, locale));
  const variant = progress.variants.find((v) => (variantId ? v.variantId === variantId : !!v.shortest));
  const failing = variant?.shortest;
  if (!variant || !failing) return undefined;
  const params = Object.entries(progress.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return [
    `# ${say(msg('explore.script.title', { version: appVersion }))}`,
    `# ${say(msg('explore.script.pattern', { pattern: progress.patternId, variant: variant.variantId, label: variant.label }))}`,
    `# ${say(msg('explore.script.params', { params: params || '—', strategy: progress.strategy, seed: String(progress.seed), schedules: String(progress.schedules) }))}`,
    `# ${say(msg('explore.script.invariant', { invariant: progress.invariant }))}`,
    `# ${say(msg('explore.script.verdict', { value: failing.measure, measure: progress.measure, steps: failing.steps.length, switches: failing.switches }))}`,
    `# ${say(msg('explore.script.schedule', { schedule: failing.schedule.join(' ') }))}`,
    // redis-cli reads a '#' line as a command: the comments are filtered out on the way in.
    `# ${say(msg('explore.script.run'))}`,
    '',
    `# ${say(msg('explore.script.setup'))}`,
    ...scriptLines(failing.setup ?? [], locale),
    '',
    `# ${say(msg('explore.script.race'))}`,
    ...scriptLines(failing.trace, locale),
    '',
  ].join('\n');
}
