import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { MessageId } from '../../../shared/i18n/catalog';

/** The markup a renderer message may use around a placeholder or phrase; nothing else is rendered as markup. */
const TAGS = {
  code: (chunks: ReactNode[]) => <code>{chunks}</code>,
  strong: (chunks: ReactNode[]) => <strong>{chunks}</strong>,
};

/**
 * A renderer message with inline markup (<code>{namespace}</code>,
 * <strong>…</strong>), so a sentence stays one message in every language
 * however its words are ordered around the code.
 */
export function Rich({ id, values }: { id: MessageId; values?: Record<string, string | number> }) {
  return <FormattedMessage id={id} values={{ ...TAGS, ...values }} />;
}
