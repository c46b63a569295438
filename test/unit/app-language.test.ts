/** app.language through the real dispatch and a real AppCore: the renderer's language reaches the host's listener, checked at the boundary. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import type { Locale } from '../../shared/i18n/locales';

const told: Locale[] = [];
const core = new AppCore({ dataDir: mkdtempSync(path.join(tmpdir(), 'rpi-lang-')), transport: 'electron', version: 'test', onLanguage: (locale) => told.push(locale) });
afterAll(() => core.shutdown());

describe('app.language', () => {
  it('tells the host listener each language the renderer shows', async () => {
    expect(await dispatch(core.handlers, 'app.language', { locale: 'ko' })).toEqual({ ok: true, value: null });
    expect(await dispatch(core.handlers, 'app.language', { locale: 'en' })).toEqual({ ok: true, value: null });
    expect(told).toEqual(['ko', 'en']);
  });

  it('refuses a language the app does not speak, or any other shape, before the listener hears of it', async () => {
    for (const input of [{ locale: 'fr' }, { locale: 'KO' }, {}, { locale: 'ko', extra: 1 }, { locale: 1 }, null]) {
      const result = await dispatch(core.handlers, 'app.language', input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
    expect(told).toEqual(['ko', 'en']);
  });

  it('answers in web mode too, where no menu listens', async () => {
    const web = new AppCore({ dataDir: mkdtempSync(path.join(tmpdir(), 'rpi-lang-')), transport: 'web', version: 'test' });
    expect(await dispatch(web.handlers, 'app.language', { locale: 'ko' })).toEqual({ ok: true, value: null });
    await web.shutdown();
  });
});

describe('a hand-made request the app never sends', () => {
  it('is refused in the user’s words, with the technical detail quoted inside, never zod’s English alone', async () => {
    const notObject = await dispatch(core.handlers, 'app.info', []);
    expect(notObject).toMatchObject({ ok: false, error: { code: 'invalid_input', msg: { id: 'errors.input.notObject' } } });
    const extra = await dispatch(core.handlers, 'app.info', { extra: 1 });
    expect(extra).toMatchObject({ ok: false, error: { msg: { id: 'errors.input.unknownField', values: { fields: '“extra”' } } } });
    const odd = await dispatch(core.handlers, 'explore.replay', { variantId: 'article', schedule: 'x' });
    expect(odd).toMatchObject({ ok: false, error: { msg: { id: expect.stringMatching(/^(errors\.input\.malformed|issue\.)/) } } });
  });
});

describe('a message that is no request at all', () => {
  it('an unknown request name and an unreadable message are refused in the user’s words too', async () => {
    const { readEnvelope } = await import('../../electron/core/transport/ws-envelope');
    expect(await dispatch(core.handlers, 'nope.x', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel', msg: { id: 'errors.transport.unknownChannel', values: { channel: '"nope.x"' } } } });
    expect(await dispatch(core.handlers, 5, {})).toMatchObject({ ok: false, error: { msg: { id: 'errors.transport.unknownChannel' } } });
    expect(readEnvelope(Buffer.from('{"id":5, broken'), false)).toMatchObject({ kind: 'malformed', id: 5, msg: { id: 'errors.transport.malformed' } });
  });
});
