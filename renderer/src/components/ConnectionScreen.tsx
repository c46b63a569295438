import { Tabs } from 'radix-ui';
import { useState, type FormEvent } from 'react';
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
}

const INITIAL: ExistingForm = { url: '', host: '127.0.0.1', port: '6379', db: '0', username: '', password: '', tls: false, verifyCertificate: true, namespace: 'rpi:' };

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
      {error.message}
    </span>
  );
}

/** The first screen: the private sandbox by default, or an existing Redis. */
export function ConnectionScreen() {
  const { info, busy, error, connect } = useConnectionStore();
  const [tab, setTab] = useState('sandbox');
  const [form, setForm] = useState<ExistingForm>(loadForm);
  const update = (patch: Partial<ExistingForm>) => setForm((f) => ({ ...f, ...patch }));
  const redis = info?.redisServer;

  const submitExisting = (event: FormEvent) => {
    event.preventDefault();
    const submitted = form;
    void connect({
      kind: 'existing',
      url: form.url.trim() || undefined,
      host: form.host.trim(),
      port: Number(form.port),
      db: Number(form.db),
      username: form.username || undefined,
      password: form.password || undefined,
      tls: form.tls,
      verifyCertificate: form.verifyCertificate,
      namespace: form.namespace,
    }).then((ok) => ok && saveForm(submitted));
  };

  const fieldProps = (name: keyof ExistingForm) => ({
    id: `f-${name}`,
    'aria-invalid': error?.field === name || undefined,
    'aria-describedby': error?.field === name ? `${name}-error` : undefined,
  });

  return (
    <div className="connect-screen">
      <div className="connect-card">
        <h1>Redis Pattern Inspector</h1>
        <p className="lede">Watch caching and messaging patterns run step by step on a real Redis — and watch them break.</p>
        <Tabs.Root value={tab} onValueChange={setTab}>
          <Tabs.List className="tabs" aria-label="Where to run the patterns">
            <Tabs.Trigger value="sandbox">Sandbox</Tabs.Trigger>
            <Tabs.Trigger value="existing">Existing Redis</Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="sandbox" className="tab-body">
            <p>
              The app starts its own <code>redis-server</code> on a free loopback port, with no persistence, and stops it when you quit.
              Nothing else on your machine is touched.
            </p>
            {redis && !redis.found && (
              <div className="notice warn" role="status">
                <strong>redis-server is not installed.</strong> {redis.installHint} Or connect to a Redis you already run, under Existing Redis.
              </div>
            )}
            {redis?.found && (
              <p className="muted">
                Found redis-server {redis.version} at <code>{redis.path}</code>.
              </p>
            )}
            <button className="primary" disabled={busy || (redis && !redis.found)} onClick={() => void connect({ kind: 'sandbox', namespace: 'rpi:' })}>
              {busy && tab === 'sandbox' ? 'Starting…' : 'Start sandbox'}
            </button>
          </Tabs.Content>
          <Tabs.Content value="existing" className="tab-body">
            <form onSubmit={submitExisting} className="form-grid" aria-label="Existing Redis">
              <label htmlFor="f-url">URL</label>
              <div>
                <input {...fieldProps('url')} placeholder="redis://user:password@localhost:6379/0 (optional, wins over the fields)" value={form.url} onChange={(e) => update({ url: e.target.value })} />
                <FieldError field={error?.field} name="url" />
              </div>
              <label htmlFor="f-host">Host</label>
              <div>
                <input {...fieldProps('host')} value={form.host} onChange={(e) => update({ host: e.target.value })} />
                <FieldError field={error?.field} name="host" />
              </div>
              <label htmlFor="f-port">Port</label>
              <div className="inline">
                <input {...fieldProps('port')} inputMode="numeric" value={form.port} onChange={(e) => update({ port: e.target.value })} />
                <label htmlFor="f-db">DB</label>
                <input {...fieldProps('db')} inputMode="numeric" value={form.db} onChange={(e) => update({ db: e.target.value })} className="narrow" />
                <FieldError field={error?.field} name="port" />
                <FieldError field={error?.field} name="db" />
              </div>
              <label htmlFor="f-username">Username</label>
              <div>
                <input {...fieldProps('username')} autoComplete="username" placeholder="default" value={form.username} onChange={(e) => update({ username: e.target.value })} />
                <FieldError field={error?.field} name="username" />
              </div>
              <label htmlFor="f-password">Password</label>
              <div>
                <input {...fieldProps('password')} type="password" autoComplete="current-password" value={form.password} onChange={(e) => update({ password: e.target.value })} />
                <FieldError field={error?.field} name="password" />
              </div>
              <label htmlFor="f-tls">TLS</label>
              <div>
                <input id="f-tls" type="checkbox" checked={form.tls} onChange={(e) => update({ tls: e.target.checked })} />
                {form.tls && (
                  <label className="inline-check">
                    <input type="checkbox" checked={form.verifyCertificate} onChange={(e) => update({ verifyCertificate: e.target.checked })} /> Verify certificate
                  </label>
                )}
                <FieldError field={error?.field} name="tls" />
              </div>
              <label htmlFor="f-namespace">Namespace</label>
              <div>
                <input {...fieldProps('namespace')} value={form.namespace} onChange={(e) => update({ namespace: e.target.value })} />
                <span className="muted small">Every key the app writes starts with this prefix; Reset deletes only these keys.</span>
                <FieldError field={error?.field} name="namespace" />
              </div>
              <span />
              <button className="primary" type="submit" disabled={busy}>
                {busy ? 'Connecting…' : 'Connect'}
              </button>
            </form>
          </Tabs.Content>
        </Tabs.Root>
        {error && (!error.field || error.hint || tab === 'sandbox') && (
          <div className="notice error" role="alert">
            {error.message}
            {error.hint && <div className="hint">{error.hint}</div>}
          </div>
        )}
      </div>
    </div>
  );
}
