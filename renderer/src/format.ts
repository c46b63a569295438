import type { ActorId } from '../../shared/model';

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
