import { describe, expect, it } from 'vitest';
import { KeyIndex } from '../../electron/core/browser/key-index';
import { FilteredKeys, KeyTree, naturalCompare } from '../../electron/core/browser/key-views';
import { MAX_SCROLL_PX, ROW_HEIGHT, contentHeight, rowAt, scrollFor, scrollToShow } from '../../renderer/src/components/key-browser/scroll-map';

const names = (index: KeyIndex) => Array.from({ length: index.count }, (_, i) => index.name(i).toString('latin1'));

describe('the scanned-key index', () => {
  it('holds each name once in discovery order, binary and empty names included, across table growth', () => {
    const index = new KeyIndex();
    const binary = Buffer.from([0, 255, 10, 58]);
    const batch = Array.from({ length: 50_000 }, (_, i) => Buffer.from(`k:${i}`));
    expect(index.addAll(batch)).toBe(50_000);
    // SCAN's repeats (a rehash returns keys again) are dropped.
    expect(index.addAll(batch.slice(0, 20_000).reverse())).toBe(0);
    expect(index.add(binary)).toBe(50_000);
    expect(index.add(Buffer.alloc(0))).toBe(50_001);
    expect(index.add(Buffer.from(binary))).toBe(-1);
    expect(index.live).toBe(50_002);
    expect(index.name(0).toString()).toBe('k:0');
    expect(index.name(49_999).toString()).toBe('k:49999');
    expect(index.name(50_000).equals(binary)).toBe(true);
    expect(index.find(Buffer.from('k:12345'))).toBe(12_345);
    expect(index.find(Buffer.from('k:-1'))).toBe(-1);
  });

  it('makes room once for a walk of known size, then holds it all without growing', () => {
    const index = new KeyIndex();
    index.add(Buffer.from('k:0'));
    index.expect(100_000, 8);
    const room = index.footprintBytes();
    for (let i = 1; i < 100_000; i++) index.add(Buffer.from(`k:${i}`));
    expect(index.live).toBe(100_000);
    expect(index.footprintBytes()).toBe(room);
    expect(index.find(Buffer.from('k:0'))).toBe(0);
    expect(index.find(Buffer.from('k:99999'))).toBe(99_999);
  });

  it('removes and revives names without moving positions', () => {
    const index = new KeyIndex();
    index.addAll(['a', 'b', 'c'].map((s) => Buffer.from(s)));
    expect(index.remove(Buffer.from('b'))).toBe(1);
    expect(index.live).toBe(2);
    expect(index.isRemoved(1)).toBe(true);
    expect(index.add(Buffer.from('b'))).toBe(-1);
    expect(index.live).toBe(3);
    expect(names(index)).toEqual(['a', 'b', 'c']);
  });

  it('refuses names past its caps and says it is full', () => {
    const index = new KeyIndex({ maxKeys: 3, maxNameBytes: 1000 });
    expect(index.addAll(['a', 'b', 'c', 'd'].map((s) => Buffer.from(s)))).toBe(3);
    expect(index.full).toBe(true);
    const bytes = new KeyIndex({ maxKeys: 100, maxNameBytes: 10 });
    expect(bytes.add(Buffer.alloc(8))).toBe(0);
    expect(bytes.add(Buffer.alloc(3, 1))).toBe(-2);
    expect(bytes.full).toBe(true);
  });
});

describe('views over the index', () => {
  const indexOf = (...keys: string[]) => {
    const index = new KeyIndex();
    index.addAll(keys.map((k) => Buffer.from(k)));
    return index;
  };

  it('filters by text, ASCII letters in either case, and follows the index as it grows', () => {
    const index = indexOf('User:1', 'order:1', 'user:2');
    const keys = new FilteredKeys(index, 'USER');
    expect(keys.update()).toBe(2);
    index.add(Buffer.from('USER:3'));
    expect(keys.update()).toBe(3);
    expect([0, 1, 2].map((p) => index.name(keys.at(p)).toString())).toEqual(['User:1', 'user:2', 'USER:3']);
    index.remove(Buffer.from('user:2'));
    expect(keys.update()).toBe(2);
  });

  it('counts folders at every depth and lists the open tree window by window', () => {
    const index = indexOf('a:x:1', 'a:x:2', 'a:y', 'b:1', 'top', 'a:10:k', 'a:9:k');
    const tree = new KeyTree(index, new FilteredKeys(index, ''), ':');
    tree.update();
    const label = (r: { folder?: { segment: Buffer; count: number }; entry?: number }) =>
      r.folder ? `${r.folder.segment.toString()}/${r.folder.count}` : index.name(r.entry!).toString();
    expect(tree.window(0, 10, new Set()).rows.map(label)).toEqual(['a/5', 'b/1', 'top']);
    const a = tree.children(tree.root)[0];
    const open = new Set([a.id]);
    // Folders first in natural order (9 before 10), then keys in discovery order.
    expect(tree.window(0, 20, open).rows.map(label)).toEqual(['a/5', '9/1', '10/1', 'x/2', 'a:y', 'b/1', 'top']);
    expect(tree.window(0, 20, open).total).toBe(7);
    // Any window gives the same rows as the whole list cut there.
    const all = tree.window(0, 20, open).rows.map(label);
    for (let start = 0; start < 7; start++) expect(tree.window(start, 2, open).rows.map(label)).toEqual(all.slice(start, start + 2));
    // A tree takes in a bounded step of keys per call, so no request holds the host long.
    const stepwise = new KeyTree(index, new FilteredKeys(index, ''), ':');
    expect(stepwise.update(3)).toBe(false);
    expect(stepwise.window(0, 10, new Set()).rows.map(label)).toEqual(['a/3']);
    expect(stepwise.update(3)).toBe(false);
    expect(stepwise.update(3)).toBe(true);
    expect(stepwise.window(0, 10, new Set()).rows.map(label)).toEqual(['a/5', 'b/1', 'top']);
    // Keys found later join the counts.
    index.add(Buffer.from('a:x:3'));
    tree.update();
    expect(tree.window(0, 1, new Set()).rows.map(label)).toEqual(['a/6']);
  });
});

describe('name order in the tree', () => {
  it('compares digits as numbers and everything else by bytes', () => {
    const names = ['user:10', 'user:9', 'user:100', 'user:09x', 'User:1', 'user:', 'user:a', '\xff'];
    expect([...names].sort(naturalCompare)).toEqual(['User:1', 'user:', 'user:9', 'user:09x', 'user:10', 'user:100', 'user:a', '\xff']);
  });

  it('sorts a folder’s keys once the scan has paused, and shows discovery order while it runs', () => {
    const index = new KeyIndex();
    index.addAll(['k:10', 'k:2', 'k:1'].map((k) => Buffer.from(k)));
    const tree = new KeyTree(index, new FilteredKeys(index, ''), ':');
    tree.update();
    const k = tree.children(tree.root)[0];
    const keys = (settled: boolean) =>
      tree
        .window(1, 10, new Set([k.id]), settled)
        .rows.map((r) => ('entry' in r ? index.name(r.entry).toString() : ''));
    expect(keys(false)).toEqual(['k:10', 'k:2', 'k:1']);
    expect(keys(true)).toEqual(['k:1', 'k:2', 'k:10']);
    index.add(Buffer.from('k:0'));
    tree.update();
    expect(keys(false)).toEqual(['k:10', 'k:2', 'k:1', 'k:0']);
    expect(keys(true)).toEqual(['k:0', 'k:1', 'k:2', 'k:10']);
  });
});

describe('scrolling any number of rows', () => {
  it('is exact in pixels while the list fits, and a share of the list past the cap', () => {
    expect(contentHeight(100)).toBe(100 * ROW_HEIGHT);
    expect(rowAt(10 * ROW_HEIGHT, 500, 100)).toBe(10);
    expect(scrollFor(10, 500, 100)).toBe(10 * ROW_HEIGHT);

    const million = 1_000_000;
    expect(contentHeight(million)).toBe(MAX_SCROLL_PX);
    const viewport = 560;
    const bottom = MAX_SCROLL_PX - viewport;
    expect(rowAt(0, viewport, million)).toBe(0);
    // The bottom of the scrollbar shows the last screenful.
    expect(rowAt(bottom, viewport, million)).toBeCloseTo(million - viewport / ROW_HEIGHT);
    // Going to a row and reading it back lands on it.
    for (const row of [1, 123_456, 999_000]) expect(rowAt(scrollFor(row, viewport, million), viewport, million)).toBeCloseTo(row, 6);
    // Showing a row below the screen puts it on the last line; one on screen does not move.
    const top = scrollFor(5000, viewport, million);
    expect(scrollToShow(5005, top, viewport, million)).toBe(top);
    expect(rowAt(scrollToShow(6000, top, viewport, million), viewport, million)).toBeCloseTo(6001 - Math.floor(viewport / ROW_HEIGHT), 6);
  });
});
