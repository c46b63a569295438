import type { ActorId, Message, SessionState, StepInfo, StepOutcome } from '../../shared/model';
import type { MessageId } from '../../shared/i18n/catalog';
import { OUTCOMES } from '../../shared/outcomes';

export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms)} ms`;
}

/** Formats a renderer message id in the current language (useT()'s function). */
type Translate = (id: MessageId, values?: Record<string, string | number>) => string;

/** A TTL as people read it: 59:58, 1:00:00, 12 s (12초). */
export function formatTtl(ms: number, t: Translate): string {
  if (ms < 0) return t('ui.ttl.none');
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  if (m > 0) return `${m}:${String(s).padStart(2, '0')}`;
  return t('ui.ttl.seconds', { s });
}

/** An actor's name, with its lane (client 2) when it has one. */
export function actorName(actor: ActorId, t: Translate, lane?: number): string {
  const name = t(`ui.actor.${actor}`);
  return lane === undefined ? name : t('ui.actor.lane', { actor: name, lane: lane + 1 });
}

/**
 * What a schedule's step runs, as its table shows it: a Redis command by the
 * name Redis gives it, a database call (the scheduler names it 'SQL read' or
 * 'SQL write') in the user's language, as the trace says it.
 */
export function scheduleWhat(what: string, t: Translate): string {
  return what === 'SQL read' ? t('ui.sql.read') : what === 'SQL write' ? t('ui.sql.write') : what;
}

/** A step's title as the run computed it from its parameters; the pattern list only knows the defaults' titles. */
export function runStepTitle(session: Pick<SessionState, 'stepTitles'> | null | undefined, step: Pick<StepInfo, 'index' | 'title'>): Message {
  return session?.stepTitles?.[step.index] ?? step.title;
}

/** An outcome's tag, as every timeline entry shows it. */
export function outcomeTag(outcome: StepOutcome, t: Translate): string {
  return t(`ui.outcome.${outcome}`);
}

/** Classes that colour an outcome by its tone: the same tone a counter of it uses. */
export function outcomeClass(outcome: StepOutcome): string {
  return `outcome-${outcome} tone-${OUTCOMES[outcome].tone}`;
}

/** What an outcome means, in one line, for its tag's tooltip. */
export function outcomeMeaning(outcome: StepOutcome, t: Translate): string {
  return t(`ui.outcome.${outcome}.meaning`);
}
