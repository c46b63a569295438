import { describe, expect, it } from 'vitest';
import { checkActionField, checkParam } from '../../shared/input-check';
import { plainError } from '../../shared/plain-errors';
import { msg } from '../../shared/i18n/message';
import { fmt } from '../helpers/format-message';

const invalid = (message: string, field?: string) => plainError({ code: 'invalid_input', message, field }).message;

describe('errors in the app’s words', () => {
  it('maps the raw schema messages the connection form used to show', () => {
    expect(invalid('port: Invalid input: expected number, received null', 'port')).toBe('Port must be a whole number from 1 to 65535.');
    expect(invalid('db: Too big: expected number to be <=65535', 'db')).toBe('DB must be a whole number from 0 to 65535.');
    expect(invalid('values.score: Invalid input', 'values')).toBe('Score is not valid.');
    expect(invalid('host: Too small: expected string to have >=1 characters', 'host')).toBe('Host is empty.');
    // The same sentence as a message, for the user's language.
    expect(fmt(plainError({ code: 'invalid_input', message: 'port: Invalid input: expected number, received null' }).msg, 'ko')).toBe('포트: 1부터 65535까지의 정수여야 합니다.');
  });

  it('keeps the contract’s own sentences, without the path in front', () => {
    expect(invalid('namespace: End the namespace with a separator (: / . - _ | #), e.g. "rpi:".', 'namespace')).toBe('End the namespace with a separator (: / . - _ | #), e.g. "rpi:".');
  });

  it('says what ioredis’ retry limit means', () => {
    const message = plainError({ code: 'redis_error', message: 'Reached the max retries per request limit (which is 1). Refer to "maxRetriesPerRequest" option for details.' }).message;
    expect(message).toMatch(/^Redis did not answer/);
    expect(message).not.toMatch(/maxRetriesPerRequest/);
  });
});

describe('one check for parameters and action fields', () => {
  const readers = { name: 'readers', label: msg('stampede.param.readers'), min: 1, max: 100, default: 20 };

  it('refuses what the form used to clamp or turn into 0, naming the range', () => {
    expect(checkParam(readers, '200')).toMatchObject({ ok: false, message: 'Concurrent readers can be at most 100 (range 1–100).' });
    expect(checkParam(readers, '')).toMatchObject({ ok: false, message: 'Concurrent readers is empty: enter a whole number from 1–100.' });
    expect(checkParam(readers, '0')).toMatchObject({ ok: false, message: 'Concurrent readers must be at least 1 (range 1–100).' });
    expect(checkParam(readers, '2.5')).toMatchObject({ ok: false, message: 'Concurrent readers must be a whole number from 1–100.' });
    expect(checkParam(readers, '1e2')).toMatchObject({ ok: false, message: expect.stringContaining('"1e2" is not one') });
    expect(checkParam(readers, ' 50 ')).toEqual({ ok: true, value: 50 });
    const slow = checkParam({ ...readers, unit: msg('unit.ms'), max: 5000 }, '6000');
    expect(slow).toMatchObject({ ok: false, message: 'Concurrent readers can be at most 5,000 ms (range 1–5,000 ms).' });
    // The same refusal as a message, in the user's language.
    expect(!slow.ok && fmt(slow.msg, 'ko')).toBe('동시 읽기 수: 최대 5,000ms까지입니다 (범위 1–5,000ms).');
  });

  it('checks action fields the same way, fractions allowed for numbers', () => {
    const score = { name: 'score', label: msg('field.score'), kind: 'number' as const, min: -1e12, max: 1e12 };
    expect(checkActionField(score, '12.5')).toEqual({ ok: true, value: 12.5 });
    expect(checkActionField(score, 'lots')).toMatchObject({ ok: false, message: expect.stringMatching(/^Score must be a number from/) });
    const player = { name: 'player', label: msg('field.player'), kind: 'text' as const, pattern: '[a-z]{1,8}', placeholder: msg('field.player.placeholder') };
    expect(checkActionField(player, 'not ok!')).toMatchObject({ ok: false, message: 'Player is not valid: "not ok!" is not allowed here (e.g. erin).' });
    expect(checkActionField(player, ' erin ')).toEqual({ ok: true, value: 'erin' });
  });
});

describe('the console line that is too long', () => {
  it('is named in the user’s language, the limit with its thousands separator', () => {
    const error = plainError({ code: 'invalid_input', field: 'line', message: 'line: Too big: expected string to have <=65536 characters' });
    expect(error.message).toBe('The command line must be at most 65,536 characters long.');
    expect(fmt(error.msg!, 'ko')).toBe('명령 줄: 최대 65,536자까지입니다.');
  });
});
