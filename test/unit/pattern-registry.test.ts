import { describe, expect, it } from 'vitest';
import { PATTERNS, summarize } from '../../electron/core/patterns';
import { PATTERN_GROUPS } from '../../shared/model';
import { fmt } from '../helpers/format-message';

describe('the pattern registry', () => {
  it('has unique ids, a group and a sentence for each, and defaults inside their ranges', () => {
    expect(new Set(PATTERNS.map((p) => p.id)).size).toBe(PATTERNS.length);
    for (const p of PATTERNS) {
      expect(PATTERN_GROUPS).toContain(p.group);
      expect(fmt(p.summary)).toMatch(/^[A-Z].{20,}\.$/);
      expect(fmt(p.summary, 'ko').length).toBeGreaterThan(10);
      for (const param of p.params) {
        expect(param.default).toBeGreaterThanOrEqual(param.min);
        expect(param.default).toBeLessThanOrEqual(param.max);
      }
    }
    const order = (g: (typeof PATTERN_GROUPS)[number]) => PATTERN_GROUPS.indexOf(g);
    const groups = PATTERNS.map((p) => p.group);
    expect(groups).toEqual([...groups].sort((a, b) => order(a) - order(b)));
  });

  it('shows real code for every step: cut from the pattern source, never empty, never a marker', () => {
    for (const p of PATTERNS) {
      const summary = summarize(p);
      expect(summary.steps.length).toBeGreaterThan(0);
      for (const step of summary.steps) {
        expect(step.code.trim().length, `${p.id} step ${step.index}`).toBeGreaterThan(20);
        expect(step.code).not.toMatch(/#(end)?region/);
        expect(step.code).toMatch(/async function|function|const /);
        expect(fmt(step.title).length).toBeGreaterThan(3);
        expect(fmt(step.title, 'ko').length).toBeGreaterThan(3);
      }
    }
  });

  it('covers every pattern of the article and a failure scenario for each that can fail', () => {
    const ids = PATTERNS.map((p) => p.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'cache-aside',
        'cache-aside-stale-refill',
        'cache-aside-stampede',
        'write-through',
        'write-through-race',
        'write-behind',
        'write-behind-lost-update',
        'write-behind-crash',
        'pubsub',
        'pubsub-missed',
        'leaderboard',
        'lua-withdraw',
      ]),
    );
  });
});
