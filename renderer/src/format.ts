import type { ActorId, SessionState, StepInfo, StepOutcome } from '../../shared/model';
import { OUTCOMES } from '../../shared/outcomes';

export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms)} ms`;
}

/** A TTL as people read it: 59:58, 1:00:00, 12 s. */
export function formatTtl(ms: number): string {
  if (ms < 0) return 'no expiry';
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  if (m > 0) return `${m}:${String(s).padStart(2, '0')}`;
  return `${s} s`;
}

export const ACTOR_LABELS: Record<ActorId, string> = {
  client: 'client',
  clientA: 'client A',
  clientB: 'client B',
  worker: 'worker',
  subscriber: 'subscriber A',
  subscriberB: 'subscriber B',
  psubscriber: 'pattern sub',
  mailer: 'mailer',
  database: 'database',
  admin: 'admin',
};

/** A step's title as the run computed it from its parameters; the pattern list only knows the defaults' titles. */
export function runStepTitle(session: Pick<SessionState, 'stepTitles'> | null | undefined, step: Pick<StepInfo, 'index' | 'title'>): string {
  return session?.stepTitles?.[step.index] ?? step.title;
}

/** An outcome's tag, as every timeline entry shows it. */
export function outcomeTag(outcome: StepOutcome): string {
  return OUTCOMES[outcome].tag;
}

/** Classes that colour an outcome by its tone: the same tone a counter of it uses. */
export function outcomeClass(outcome: StepOutcome): string {
  return `outcome-${outcome} tone-${OUTCOMES[outcome].tone}`;
}

/** What an outcome means, in one line, for its tag's tooltip. */
export function outcomeMeaning(outcome: StepOutcome): string {
  return OUTCOMES[outcome].meaning;
}
