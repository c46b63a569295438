import type { ActorId } from '../../../shared/model';
import { msg, type Message } from '../../../shared/i18n/message';

/** Each actor's name as the UI shows it, for sentences the core builds about an actor (each id written out, so the catalog check finds it). */
export const ACTOR_NAMES: Record<ActorId, Message> = {
  client: msg('ui.actor.client'),
  clientA: msg('ui.actor.clientA'),
  clientB: msg('ui.actor.clientB'),
  clientC: msg('ui.actor.clientC'),
  worker: msg('ui.actor.worker'),
  subscriber: msg('ui.actor.subscriber'),
  subscriberB: msg('ui.actor.subscriberB'),
  psubscriber: msg('ui.actor.psubscriber'),
  mailer: msg('ui.actor.mailer'),
  database: msg('ui.actor.database'),
  admin: msg('ui.actor.admin'),
};
