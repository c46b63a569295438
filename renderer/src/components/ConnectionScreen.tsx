import { Tabs } from 'radix-ui';
import { useState, type FormEvent } from 'react';
import { useT } from '../i18n/Msg';
import { ErrorText } from '../i18n/ErrorText';
import { LanguagePick } from '../i18n/LanguagePick';
import { Rich } from '../i18n/Rich';
import { useConnectionStore } from '../stores/connection-store';

interface ExistingForm {
  url: string;
  host: string;
  port: string;
  db: string;
  username: string;
  password: string;
  tls: boolean;
  verifyCertificate: boolean;
  namespace: string;
  serverOrder: boolean;
}

const INITIAL: ExistingForm = { url: '', host: '127.0.0.1', port: '6379', db: '0', username: '', password: '', tls: false, verifyCertificate: true, namespace: 'rpi:', serverOrder: false };

const SAVED_FORM = 'rpi.existingRedis';

/** The last existing Redis connected to, without its password: passwords are never stored. */
function loadForm(): ExistingForm {
  try {
    return { ...INITIAL, ...(JSON.parse(localStorage.getItem(SAVED_FORM) ?? '{}') as Partial<ExistingForm>), password: '' };
  } catch {
    return INITIAL;
  }
}

function saveForm(form: ExistingForm): void {
  let url = '';
  try {
    if (form.url.trim()) {
      const parsed = new URL(form.url.trim());
      parsed.password = '';
      url = parsed.toString();
    }
  } catch {
    url = '';
  }
  localStorage.setItem(SAVED_FORM, JSON.stringify({ ...form, password: '', url }));
}

function FieldError({ field, name }: { field?: string; name: string }) {
  const error = useConnectionStore((s) => s.error);
  if (!error || error.field !== name || field === undefined) return null;
  return (
    <span className="field-error" id={`${name}-error`}>
      <ErrorText error={error} />
    </span>
  );
}

/**
 * Splits a pasted or typed redis:// URL's password out, so it lives only in
 * the masked Password field (and in memory), never in a visible field the
 * browser might keep.
 */
export function splitUrlPassword(text: string): { url: string; password?: string } {
  try {
    const parsed = new URL(text.trim());
    if (!/^rediss?:$/.test(parsed.protocol) || !parsed.password) return { url: text };
    const password = decodeURIComponent(parsed.password);
    parsed.password = '';
    return { url: parsed.toString(), password };
  } catch {
    return { url: text };
  }
}

/** The first screen: the private sandbox by default, or an existing Redis. */
export function ConnectionScreen() {
  const { info, busy, error, connect, disconnect } = useConnectionStore();
  const t = useT();
  const [tab, setTab] = useState('sandbox');
  const [form, setForm] = useState<ExistingForm>(loadForm);
  // The URL field is masked until its password has been moved out: it may be typed with one.
  const [showUrl, setShowUrl] = useState(false);
  const takeUrlPassword = () => {
    const { url, password } = splitUrlPassword(form.url);
    if (password !== undefined) {
      update({ url, password });
      setShowUrl(true);
    }
  };
  const update = (patch: Partial<ExistingForm>) => setForm((f) => ({ ...f, ...patch }));
  const redis = info?.redisServer;

  const submitExisting = (event: FormEvent) => {
    event.preventDefault();
    // A URL typed and submitted with Enter never blurred: take its password out now.
    const split = splitUrlPassword(form.url);
    const submitted = { ...form, url: split.url, password: split.password ?? form.password };
    if (split.password !== undefined) setForm(submitted);
    void connect({
      kind: 'existing',
      url: submitted.url.trim() || undefined,
      host: submitted.host.trim(),
      port: Number(submitted.port),
      db: Number(submitted.db),
      username: submitted.username || undefined,
      password: submitted.password || undefined,
      tls: submitted.tls,
      verifyCertificate: submitted.verifyCertificate,
      namespace: submitted.namespace,
      serverOrder: submitted.serverOrder,
    }).then((ok) => ok && saveForm(submitted));
  };

  const fieldProps = (name: keyof ExistingForm) => ({
    id: `f-${name}`,
    'aria-invalid': error?.field === name || undefined,
    'aria-describedby': error?.field === name ? `${name}-error` : undefined,
  });

  return (
    <main className="connect-screen">
      <div className="connect-card">
        {/* Before connecting too: a reader whose system is set to another language must not have to connect first to read this form. */}
        <div className="connect-language">
          <LanguagePick />
        </div>
        <h1>Redis Pattern Inspector</h1>
        <p className="lede">{t('ui.connect.lede')}</p>
        <Tabs.Root value={tab} onValueChange={setTab}>
          <Tabs.List className="tabs" aria-label={t('ui.connect.where')}>
            <Tabs.Trigger value="sandbox">{t('ui.connect.sandbox')}</Tabs.Trigger>
            <Tabs.Trigger value="existing">{t('ui.connect.existing')}</Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="sandbox" className="tab-body">
            <p>
              <Rich id="ui.connect.sandboxBody" />
            </p>
            {redis && !redis.found && (
              <div className="notice warn" role="status">
                <Rich id="ui.connect.notInstalled" values={{ hint: redis.installHintMsg ? t(redis.installHintMsg) : redis.installHint }} />
              </div>
            )}
            {redis?.found && (
              <p className="muted">
                <Rich id="ui.connect.found" values={{ version: redis.version ?? '', path: redis.path ?? '' }} />
              </p>
            )}
            <div className="inline">
              <button className="primary" disabled={busy || (redis && !redis.found)} onClick={() => void connect({ kind: 'sandbox', namespace: 'rpi:' })}>
                {t(busy && tab === 'sandbox' ? 'ui.connect.starting' : 'ui.connect.startSandbox')}
              </button>
              {busy && tab === 'sandbox' && (
                <button type="button" onClick={() => void disconnect()}>
                  {t('ui.cancel')}
                </button>
              )}
            </div>
          </Tabs.Content>
          <Tabs.Content value="existing" className="tab-body">
            {/* autoComplete off: the browser must not keep what is typed here in its profile. */}
            <form onSubmit={submitExisting} className="form-grid" aria-label={t('ui.connect.existing')} autoComplete="off">
              <label htmlFor="f-url">{t('ui.connect.url')}</label>
              <div>
                <div className="inline">
                  <input
                    {...fieldProps('url')}
                    className="grow"
                    type={showUrl ? 'text' : 'password'}
                    autoComplete="off"
                    spellCheck={false}
                    placeholder={t('ui.connect.urlPlaceholder')}
                    value={form.url}
                    onChange={(e) => update({ url: e.target.value })}
                    onBlur={takeUrlPassword}
                    onPaste={() => setTimeout(takeUrlPassword)}
                  />
                  <button type="button" className="small" aria-pressed={showUrl} onClick={() => setShowUrl((v) => !v)}>
                    {t(showUrl ? 'ui.connect.hideUrl' : 'ui.connect.showUrl')}
                  </button>
                </div>
                <span className="muted small">{t('ui.connect.urlNote')}</span>
                <FieldError field={error?.field} name="url" />
              </div>
              <label htmlFor="f-host">{t('ui.connect.host')}</label>
              <div>
                <input {...fieldProps('host')} value={form.host} onChange={(e) => update({ host: e.target.value })} />
                <FieldError field={error?.field} name="host" />
              </div>
              <label htmlFor="f-port">{t('ui.connect.port')}</label>
              <div className="inline">
                <input {...fieldProps('port')} inputMode="numeric" value={form.port} onChange={(e) => update({ port: e.target.value })} />
                <label htmlFor="f-db">{t('ui.connect.db')}</label>
                <input {...fieldProps('db')} inputMode="numeric" value={form.db} onChange={(e) => update({ db: e.target.value })} className="narrow" />
                <FieldError field={error?.field} name="port" />
                <FieldError field={error?.field} name="db" />
              </div>
              <label htmlFor="f-username">{t('ui.connect.username')}</label>
              <div>
                <input {...fieldProps('username')} autoComplete="username" placeholder="default" value={form.username} onChange={(e) => update({ username: e.target.value })} />
                <FieldError field={error?.field} name="username" />
              </div>
              <label htmlFor="f-password">{t('ui.connect.password')}</label>
              <div>
                <input {...fieldProps('password')} type="password" autoComplete="off" value={form.password} onChange={(e) => update({ password: e.target.value })} />
                <FieldError field={error?.field} name="password" />
              </div>
              <label htmlFor="f-tls">{t('ui.connect.tls')}</label>
              <div>
                <input id="f-tls" type="checkbox" checked={form.tls} onChange={(e) => update({ tls: e.target.checked })} />
                {form.tls && (
                  <label className="inline-check">
                    <input type="checkbox" checked={form.verifyCertificate} onChange={(e) => update({ verifyCertificate: e.target.checked })} /> {t('ui.connect.verify')}
                  </label>
                )}
                <FieldError field={error?.field} name="tls" />
              </div>
              <label htmlFor="f-namespace">{t('ui.connect.namespace')}</label>
              <div>
                <input {...fieldProps('namespace')} value={form.namespace} onChange={(e) => update({ namespace: e.target.value })} />
                <span className="muted small">{t('ui.connect.namespaceNote')}</span>
                <FieldError field={error?.field} name="namespace" />
              </div>
              <label htmlFor="f-serverOrder">{t('ui.connect.serverOrder')}</label>
              <div>
                <input id="f-serverOrder" type="checkbox" checked={form.serverOrder} onChange={(e) => update({ serverOrder: e.target.checked })} />
                <span className="muted small">
                  {' '}
                  {t('ui.connect.serverOrderNote')}
                </span>
              </div>
              <span />
              <div className="inline">
                <button className="primary" type="submit" disabled={busy}>
                  {t(busy ? 'ui.connect.connecting' : 'ui.connect.connect')}
                </button>
                {busy && (
                  <button type="button" onClick={() => void disconnect()}>
                    {t('ui.cancel')}
                  </button>
                )}
              </div>
            </form>
          </Tabs.Content>
        </Tabs.Root>
        {error && (!error.field || error.hint || tab === 'sandbox') && (
          <div className="notice error" role="alert">
            <ErrorText error={error} />
            {error.hint && <div className="hint">{error.hintMsg ? t(error.hintMsg) : error.hint}</div>}
          </div>
        )}
      </div>
    </main>
  );
}
