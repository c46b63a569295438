import { Highlight, themes } from 'prism-react-renderer';
import { useT } from '../i18n/Msg';
import { useThemeStore } from '../stores/theme-store';

/** The TypeScript the step runs (or its Python version), highlighted. */
export function CodePane({ code, language = 'tsx' }: { code: string; language?: 'tsx' | 'python' }) {
  const dark = useThemeStore((s) => s.resolved === 'dark');
  const t = useT();
  return (
    <Highlight code={code} language={language} theme={dark ? themes.vsDark : themes.github}>
      {({ className, style, tokens, getLineProps, getTokenProps }) => (
        <pre className={`code ${className}`} style={{ ...style, background: 'transparent' }} aria-label={t('ui.code')}>
          {tokens.map((line, i) => (
            <div key={i} {...getLineProps({ line })}>
              <span className="line-no">{i + 1}</span>
              {line.map((token, key) => (
                <span key={key} {...getTokenProps({ token })} />
              ))}
            </div>
          ))}
        </pre>
      )}
    </Highlight>
  );
}
