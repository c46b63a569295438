import { LOCALES } from '../../../shared/i18n/locales';
import { useLocaleStore } from './locale-store';
import { useT } from './Msg';

/**
 * The language, switchable at any time: only the words change, every store
 * (the open run, its past steps) stays as it is. Each language is named in
 * itself, so a user who cannot read the current one still finds theirs.
 */
export function LanguagePick() {
  const t = useT();
  const choice = useLocaleStore((s) => s.choice);
  const setChoice = useLocaleStore((s) => s.setChoice);
  const system = useLocaleStore((s) => s.system);
  return (
    <label className="theme-pick">
      {/* The select names the language in itself; the word "Language" is for screen readers, so the bar stays short. */}
      <span className="visually-hidden">{t('ui.language')}</span>
      <select value={choice} onChange={(e) => setChoice(e.target.value as typeof choice)} aria-label={t('ui.language')} title={t('ui.language')} data-testid="language-pick">
        <option value="system">{t('ui.language.system', { name: t(`ui.language.${system}`) })}</option>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`ui.language.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
