import type { Redis } from 'ioredis';
import type { ClearConsent } from '../../../shared/contract';
import { AppError } from '../app-error';
import { clearNamespace } from '../redis/namespace';
import { walkForFeed } from '../feed/namespace-walk';
import { msg } from '../../../shared/i18n/message';
import { cutDisplay } from '../browser/display-cut';

/** How many existing key names the consent dialog shows, and how much of each. */
const SAMPLE_SIZE = 5;
const SAMPLE_CHARS = 120;

/**
 * A key name as the user can read it, as the key browser shows it: text as
 * text (한글 and emoji included), escaped where it could not be seen or is
 * not UTF-8, long names cut. A dialog about deleting someone's keys must name
 * them recognisably.
 */
export function printableKeyName(key: Buffer): string {
  const { text } = cutDisplay(key, SAMPLE_CHARS, key.length, 'name');
  return key.length > SAMPLE_CHARS ? `${text} (${key.length} bytes)` : text;
}

export interface NamespaceSurvey {
  keys: number;
  sample: string[];
}

/**
 * Decides, in the host and never only in the UI, whether the namespace may
 * be cleared. On someone's existing Redis, keys that were there before the
 * app touched the namespace are deleted only with the user's consent for
 * this very server, db and namespace; once the app has cleared (or found
 * the namespace empty) it owns it for the rest of the connection. Consent
 * lives and dies with the connection: a new connection asks again, and so
 * does one whose server restarted (or may have) meanwhile: keys under the
 * namespace then may have come back from a dump or a failover, unseen.
 */
export class NamespaceConsent {
  private owned: boolean;
  /** Key names the last clears deleted: the next clear unlinks them with its first SCAN (see clearNamespace). */
  private readonly known = new Map<string, Buffer>();

  constructor(
    private readonly server: string,
    private readonly namespace: string,
    /** The sandbox is the app's own server: nothing there belongs to anyone else. */
    private readonly ownedFromStart: boolean,
  ) {
    this.owned = ownedFromStart;
  }

  get ownsNamespace(): boolean {
    return this.owned;
  }

  /** The server is not known to be the one the consent was given for: the next clear surveys and asks again. */
  forget(): void {
    this.owned = this.ownedFromStart;
  }

  /**
   * Deletes every key under the namespace. Before the app owns it, the
   * namespace is first surveyed: keys found there are deleted only when the
   * consent given names this server and namespace and covers at least as
   * many keys as exist now; otherwise nothing is deleted and the refusal
   * carries what the user must be shown (the count and a sample of names).
   */
  async clear(client: Redis, consent?: ClearConsent): Promise<number> {
    if (!this.owned) {
      const survey = await this.survey(client);
      if (survey.keys > 0 && !this.covers(consent, survey)) throw this.refusal(survey);
    }
    const deleted = await clearNamespace(client, this.namespace, this.known);
    this.owned = true;
    return deleted;
  }

  /**
   * Counts the keys under the namespace and keeps the first few names, in one
   * SCAN walk; the Keys feed starting next reuses that walk (walkForFeed).
   */
  async survey(client: Redis): Promise<NamespaceSurvey> {
    const walk = await walkForFeed(client, this.namespace);
    return { keys: walk.count, sample: walk.names.slice(0, SAMPLE_SIZE).map(printableKeyName) };
  }


  private covers(consent: ClearConsent | undefined, survey: NamespaceSurvey): boolean {
    return !!consent && consent.server === this.server && consent.namespace === this.namespace && consent.keys >= survey.keys;
  }

  private refusal(survey: NamespaceSurvey): AppError {
    const n = survey.keys;
    return new AppError(
      'consent_required',
      msg('errors.namespace.consent', { n, namespace: this.namespace, server: this.server }),
      { consent: { server: this.server, namespace: this.namespace, keys: n, sample: survey.sample } },
    );
  }
}
