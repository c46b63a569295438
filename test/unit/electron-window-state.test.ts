import { describe, expect, it } from 'vitest';
import { parseWindowState, placeWindow, type Rect } from '../../electron/main/window-state';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1410 };
const state = (x: number, y: number, width: number, height: number, maximized = false) => ({ bounds: { x, y, width, height }, maximized });

describe('the remembered window state', () => {
  it('accepts only its own shape', () => {
    expect(parseWindowState(JSON.stringify(state(10, 20, 1200, 800, true)))).toEqual(state(10, 20, 1200, 800, true));
    for (const text of [
      undefined,
      '',
      'not json',
      'null',
      '[]',
      JSON.stringify({ bounds: { x: 1, y: 2, width: 3 }, maximized: false }),
      JSON.stringify(state(1, 2, 0, 800)),
      JSON.stringify(state(1.5, 2, 1200, 800)),
      JSON.stringify(state(1e9, 2, 1200, 800)),
      JSON.stringify({ ...state(1, 2, 1200, 800), extra: true }),
      JSON.stringify({ bounds: { x: '1', y: 2, width: 1200, height: 800 }, maximized: false }),
    ])
      expect(parseWindowState(text), String(text)).toBeUndefined();
  });

  it('opens at the default size, centred, when nothing was saved', () => {
    expect(placeWindow(undefined, [laptop])).toEqual({ width: 1440, height: 900, maximized: false });
    // A small screen gets a window that fits it.
    expect(placeWindow(undefined, [{ x: 0, y: 0, width: 1280, height: 720 }])).toEqual({ width: 1280, height: 720, maximized: false });
  });

  it('restores bounds that fit where they were', () => {
    expect(placeWindow(state(100, 80, 1300, 850), [laptop, rightMonitor])).toEqual({ x: 100, y: 80, width: 1300, height: 850, maximized: false });
    expect(placeWindow(state(2100, 100, 1600, 1000, true), [laptop, rightMonitor])).toEqual({ x: 2100, y: 100, width: 1600, height: 1000, maximized: true });
  });

  it('moves a window hanging off an edge fully onto the display it mostly covers', () => {
    expect(placeWindow(state(1500, 600, 1200, 800), [laptop])).toEqual({ x: 720, y: 250, width: 1200, height: 800, maximized: false });
    expect(placeWindow(state(-300, -50, 1200, 800), [laptop])).toEqual({ x: 0, y: 0, width: 1200, height: 800, maximized: false });
    // Mostly on the right monitor: it goes there, not back to the laptop.
    expect(placeWindow(state(1800, 100, 1400, 900), [laptop, rightMonitor])).toMatchObject({ x: 1920, y: 100 });
  });

  it('shrinks a window larger than its display, never below what the display allows', () => {
    expect(placeWindow(state(0, 0, 3000, 2000), [laptop])).toEqual({ x: 0, y: 0, width: 1920, height: 1050, maximized: false });
    expect(placeWindow(state(0, 0, 300, 200), [laptop])).toEqual({ x: 0, y: 0, width: 1024, height: 640, maximized: false });
  });

  it('centres on the primary display a window whose display is gone', () => {
    expect(placeWindow(state(2500, 200, 1600, 1000, true), [laptop])).toEqual({ width: 1600, height: 1000, maximized: true });
    expect(placeWindow(state(-5000, -5000, 1200, 800), [laptop])).toEqual({ width: 1200, height: 800, maximized: false });
  });
});
