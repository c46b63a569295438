import { describe, expect, it } from 'vitest';
import type { ExplorationProgress } from '../../shared/exploration';
import { msg } from '../../shared/i18n/message';
import { explorationFile, exportFilename, redisCliQuote, redisCliScript } from '../../electron/core/explorer/export';

describe('explorer export: the file and the redis-cli script', () => {
  it('quotes arguments so redis-cli reads them back exactly', () => {
    expect(redisCliQuote('rpi:pending:1')).toBe('rpi:pending:1');
    expect(redisCliQuote('42')).toBe('42');
    expect(redisCliQuote('')).toBe('""');
    expect(redisCliQuote('a b')).toBe('"a b"');
    expect(redisCliQuote('say "hi"')).toBe('"say \\"hi\\""');
    expect(redisCliQuote('back\\slash')).toBe('"back\\\\slash"');
    expect(redisCliQuote("it's")).toBe('"it\'s"');
    expect(redisCliQuote('line1\nline2\r\tx')).toBe('"line1\\nline2\\r\\tx"');
    expect(redisCliQuote('\x00\x7f')).toBe('"\\x00\\x7f"');
    expect(redisCliQuote('é')).toBe('"\\xc3\\xa9"');
    expect(redisCliQuote('{"id":1}')).toBe('"{\\"id\\":1}"');
  });

  const progress: ExplorationProgress = {
    id: 1,
    patternId: 'write-behind-lost-update',
    params: { first: 10, second: 5 },
    strategy: 'auto',
    seed: 1,
    schedules: 1000,
    invariant: msg('explore.lostUpdate.invariant'),
    measure: msg('explore.lostUpdate.measure'),
    running: false,
    startedAt: 0,
    elapsedMs: 10,
    variants: [
      {
        variantId: 'article',
        label: msg('explore.lostUpdate.article'),
        strategy: 'exhaustive',
        space: 21,
        complete: true,
        tried: 21,
        distinct: 21,
        violations: 7,
        stuck: 0,
        measures: { 0: 14, 5: 7 },
        done: true,
        shortest: {
          schedule: ['worker', 'client', 'worker'],
          steps: [
            { actor: 'worker', what: 'GET' },
            { actor: 'client', what: 'INCRBY' },
            { actor: 'worker', what: 'DEL' },
          ],
          switches: 2,
          ok: false,
          measure: 5,
          setup: [{ kind: 'redis', actor: 'client', command: 'INCRBY', args: ['rpi:score:1', '10'], reply: '10', durationMs: 1, at: 0 }],
          trace: [
            { kind: 'redis', actor: 'worker', command: 'GET', args: ['rpi:score:1'], reply: '10', durationMs: 1, at: 1 },
            { kind: 'db', actor: 'worker', op: 'write', sql: 'UPDATE scores\n SET points = points + ?', params: [10], rows: 1, durationMs: 0, at: 2 },
            { kind: 'redis', actor: 'client', lane: 2, command: 'SET', args: ['rpi:note', 'a "b"\nc'], reply: 'OK', durationMs: 1, at: 3 },
            { kind: 'redis', actor: 'worker', command: 'DEL', args: ['rpi:score:1'], reply: '1', durationMs: 1, at: 4 },
          ],
        },
      },
      { variantId: 'safe', label: msg('explore.lostUpdate.safe'), strategy: 'exhaustive', tried: 21, distinct: 21, violations: 0, stuck: 0, measures: { 0: 21 }, done: true },
    ],
  };

  it('builds the JSON with what reproduces the exploration and what it found', () => {
    const file = explorationFile(progress, '1.2.3', 'rpi:');
    expect(file).toMatchObject({ format: 'redis-pattern-inspector/exploration', formatVersion: 1, appVersion: '1.2.3', patternId: 'write-behind-lost-update', namespace: 'rpi:', params: { first: 10, second: 5 }, strategy: 'auto', seed: 1, schedules: 1000 });
    expect(file.invariant).toMatch(/none is lost/);
    expect(file.variants[0]).toMatchObject({ variantId: 'article', violations: 7, tried: 21, space: 21, complete: true, shortestFailing: { schedule: ['worker', 'client', 'worker'], switches: 2 } });
    expect(file.variants[1].shortestFailing).toBeNull();
    expect(JSON.parse(JSON.stringify(file))).toEqual(file);
    expect(exportFilename(progress, 'json')).toBe('rpi-explore-write-behind-lost-update-seed1.json');
  });

  it('writes the failing schedule as redis-cli lines, a comment naming the actor before each, in server order', () => {
    const script = redisCliScript(progress, '1.2.3')!;
    const lines = script.split('\n');
    const race = lines.slice(lines.indexOf('# The race, one command at a time in the order the server ran them') + 1).filter(Boolean);
    expect(race).toEqual([
      '# worker',
      'GET rpi:score:1',
      '# worker → database (write, not a Redis command): UPDATE scores SET points = points + ? [10]',
      '# client#2',
      'SET rpi:note "a \\"b\\"\\nc"',
      '# worker',
      'DEL rpi:score:1',
    ]);
    expect(lines).toContain('INCRBY rpi:score:1 10');
    expect(script).toMatch(/^# Redis Pattern Inspector 1\.2\.3/);
    expect(script).toMatch(/# Verdict: violated, 5 points lost/);
    // Every line that is not a comment is one command.
    expect(lines.filter((l) => l && !l.startsWith('#'))).toHaveLength(4);
    expect(redisCliScript({ ...progress, variants: [progress.variants[1]] }, '1')).toBeUndefined();
    expect(script).toContain("grep -v '^#' this-file | redis-cli -n 15");
  });

  it('in Korean when the user reads the app in Korean: the sentences, not the commands, ids or numbers (found by the independent tester)', () => {
    const script = redisCliScript(progress, '1.2.3', undefined, 'ko')!;
    const lines = script.split('\n');
    expect(script).toMatch(/^# Redis Pattern Inspector 1\.2\.3: 가장 짧은 실패 스케줄/);
    expect(lines).toContain('# 경쟁: 서버가 실행한 순서대로 한 번에 명령 하나씩');
    expect(lines).toContain('# worker → 데이터베이스 (쓰기, Redis 명령 아님): UPDATE scores SET points = points + ? [10]');
    // The commands are the same bytes in every language.
    const commands = (s: string) => s.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(commands(script)).toEqual(commands(redisCliScript(progress, '1.2.3')!));
    const file = explorationFile(progress, '1.2.3', 'rpi:', 'ko');
    expect(file.language).toBe('ko');
    expect(file.invariant).not.toBe(explorationFile(progress, '1.2.3', 'rpi:').invariant);
    expect(file.seed).toBe(progress.seed);
  });
});
