/** Server charts: a pause in sampling (the panel hidden) is a gap, not a line across seconds nobody measured (found by a new user). */
import { describe, expect, it } from 'vitest';
import { timeColumns } from '../../renderer/src/components/server/time-columns';
import type { ServerSample } from '../../shared/server-console';

const at = (ms: number, ops: number) => ({ at: ms, ops }) as unknown as ServerSample;
const ops = { value: (s: ServerSample) => (s as unknown as { ops: number }).ops };

describe('chart columns', () => {
  it('draws samples a second apart as one line', () => {
    expect(timeColumns([at(1000, 1), at(2000, 2), at(3100, 3)], [ops])).toEqual([[1, 2, 3.1], [1, 2, 3]]);
  });

  it('puts a null inside a pause longer than 2.5 s, so the line breaks there', () => {
    expect(timeColumns([at(1000, 1), at(2000, 2), at(27_000, 800), at(28_000, 790)], [ops])).toEqual([
      [1, 2, 14.5, 27, 28],
      [1, 2, null, 800, 790],
    ]);
  });
});
