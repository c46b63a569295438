import { describe, expect, it } from 'vitest';
import type { ListProgress, RowsWindow } from '../../shared/browser-list';
import { coreOnTestRedis } from '../helpers/core-harness';

describe('a key whose name is empty (SET "" x is legal) is listed, detailed and opened like any other', () => {
  const h = coreOnTestRedis('en:', async (admin) => {
    await admin.set('', 'the empty name');
    await admin.set('a', '1');
    await admin.hset('b', 'f', 'v');
  });

  it('its row, its batch neighbours and its value all read; before, its id was refused and the whole batch with it', async () => {
    const started = await h.call<ListProgress>('browser.list.start', { toEnd: true });
    const win = await h.call<RowsWindow>('browser.list.rows', { scanId: started.scanId, view: 'flat', start: 0, count: 200 });
    const keys = win.rows.flatMap((r) => (r.kind === 'key' ? [r] : []));
    expect(keys).toHaveLength(3);
    expect(keys.find((r) => r.id === ''), JSON.stringify(keys)).toBeDefined();

    const ids = keys.map((r) => r.id);
    const details = await h.call<{ type?: string }[]>('browser.details', { ids });
    expect(details.map((d) => d.type).sort()).toEqual(['hash', 'string', 'string']);
    const meta = await h.call<{ id: string; type?: string }[]>('browser.list.meta', { ids });
    expect(meta.find((m) => m.id === '')).toMatchObject({ type: 'string' });

    const page = await h.call<unknown>('keyEditor.page', { id: '' });
    expect(JSON.stringify(page)).toContain('the empty name');
  });
});
