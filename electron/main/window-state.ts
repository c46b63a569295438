import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is remembered between launches: the normal (unmaximised) bounds, and whether the window was maximised. */
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1440, height: 900 };
export const MIN_SIZE = { width: 1024, height: 640 };

const coordinate = z.number().int().min(-100_000).max(100_000);
const length = z.number().int().min(1).max(100_000);
const WindowStateSchema = z
  .object({
    bounds: z.object({ x: coordinate, y: coordinate, width: length, height: length }).strict(),
    maximized: z.boolean(),
  })
  .strict();

/** The saved state, or undefined when the file is missing, not JSON or not this shape (then the defaults apply). */
export function parseWindowState(text: string | undefined): WindowState | undefined {
  if (!text) return undefined;
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function readWindowState(file: string): WindowState | undefined {
  try {
    return parseWindowState(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Written to a temporary file and renamed, so a crash mid-write leaves the previous state, not half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(state), { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // Remembering the window is a convenience; failing to is not an error worth interrupting quit for.
  }
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/**
 * Where to open the window, given the saved state and the displays' work
 * areas now (the primary first). The saved bounds go on the display they
 * overlap most, shrunk to fit it and moved fully onto it; if they overlap no
 * display (a monitor was unplugged) or nothing was saved, the window opens
 * centred on the primary display. x/y undefined means "let Electron centre it".
 */
export function placeWindow(saved: WindowState | undefined, workAreas: Rect[]): { x?: number; y?: number; width: number; height: number; maximized: boolean } {
  const primary = workAreas[0];
  const fit = (size: { width: number; height: number }, area: Rect | undefined) => ({
    width: area ? Math.min(Math.max(size.width, Math.min(MIN_SIZE.width, area.width)), area.width) : Math.max(size.width, MIN_SIZE.width),
    height: area ? Math.min(Math.max(size.height, Math.min(MIN_SIZE.height, area.height)), area.height) : Math.max(size.height, MIN_SIZE.height),
  });
  if (!saved) return { ...fit(DEFAULT_SIZE, primary), maximized: false };
  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = overlapArea(saved.bounds, area);
    if (overlap > bestArea) [best, bestArea] = [area, overlap];
  }
  if (!best) return { ...fit(saved.bounds, primary), maximized: saved.maximized };
  const size = fit(saved.bounds, best);
  return {
    x: clamp(saved.bounds.x, best.x, best.x + best.width - size.width),
    y: clamp(saved.bounds.y, best.y, best.y + best.height - size.height),
    ...size,
    maximized: saved.maximized,
  };
}
