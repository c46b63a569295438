import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { MessageId } from '../../../shared/i18n/catalog';
import { flatValues, type Message } from '../../../shared/i18n/message';
import { pickParticles } from '../../../shared/i18n/particles';

type Values = Record<string, string | number>;

/**
 * The one way the renderer turns text into the user's language: `t(id,
 * values)` for the renderer's own strings (typed ids), `t(message)` for a
 * Message the core sent.
 */
export function useT(): (idOrMessage: MessageId | Message, values?: Values) => string {
  const intl = useIntl();
  return useCallback(
    (idOrMessage, values) => {
      // Korean particles are picked once the values are in (을/를 after the word it follows).
      const finish = intl.locale === 'ko' ? pickParticles : (text: string) => text;
      if (typeof idOrMessage === 'string') return finish(intl.formatMessage({ id: idOrMessage }, values));
      // A core message may embed phrases that are messages themselves: each in the same language.
      const format = (m: Message): string => intl.formatMessage({ id: m.id }, flatValues(m.values, format));
      return finish(format(idOrMessage));
    },
    [intl],
  );
}

/** A core Message (or a renderer id) rendered as text in the current language. */
export function Msg({ m, id, values }: { m?: Message; id?: MessageId; values?: Values }) {
  const t = useT();
  if (m) return <>{t(m)}</>;
  return <>{id ? t(id, values) : null}</>;
}
