import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../shared/i18n/format';
import { msg } from '../../shared/i18n/message';
import { pickParticles } from '../../shared/i18n/particles';

describe('Korean particles picked for the value they follow', () => {
  it('after Hangul: by the final consonant, (으)로 taking 로 after ㄹ', () => {
    expect(pickParticles('사용자을(를) 삭제')).toBe('사용자를 삭제');
    expect(pickParticles('필드 값을(를) 입력')).toBe('필드 값을 입력');
    expect(pickParticles('키이(가) 없습니다')).toBe('키가 없습니다');
    expect(pickParticles('캐시은(는) 비어 있음')).toBe('캐시는 비어 있음');
    expect(pickParticles('세션은(는) 끝남')).toBe('세션은 끝남');
    expect(pickParticles('값(으)로 설정')).toBe('값으로 설정');
    expect(pickParticles('파일(으)로 저장')).toBe('파일로 저장');
    expect(pickParticles('버퍼(으)로 읽기')).toBe('버퍼로 읽기');
    expect(pickParticles('목록과(와) 집합와(과) 해시')).toBe('목록과 집합과 해시');
  });

  it('through closing quotes and brackets, and after digits read as Korean numbers', () => {
    expect(pickParticles('“캐시”을(를) 지웁니다')).toBe('“캐시”를 지웁니다');
    expect(pickParticles('"user:1"을(를) 지웁니다')).toBe('"user:1"을 지웁니다');
    expect(pickParticles('(점수 3)은(는) 그대로')).toBe('(점수 3)은 그대로');
    expect(pickParticles('2(으)로 설정')).toBe('2로 설정');
    expect(pickParticles('7(으)로 설정')).toBe('7로 설정');
    expect(pickParticles('10(으)로 설정')).toBe('10으로 설정');
    expect(pickParticles('5을(를) 더함')).toBe('5를 더함');
  });

  it('after a Redis command, a unit or an actor letter whose reading is settled', () => {
    expect(pickParticles('GET을(를) 보내면')).toBe('GET을 보내면');
    expect(pickParticles('HSCAN(으)로 나눠 읽거나')).toBe('HSCAN으로 나눠 읽거나');
    // The rights messages' commands (found by the independent tester: "INFO을(를) 실행할 수 없습니다").
    expect(pickParticles('Redis 사용자는 INFO을(를) 실행할 수 없습니다')).toBe('Redis 사용자는 INFO를 실행할 수 없습니다');
    expect(pickParticles('SLOWLOG|GET을(를)')).toBe('SLOWLOG|GET을');
    expect(pickParticles('LATENCY|LATEST을(를)')).toBe('LATENCY|LATEST를');
    expect(pickParticles('ACL이(가)')).toBe('ACL이');
    expect(pickParticles('imp-v99.json을(를) 가져오지 않았습니다')).toBe('imp-v99.json을 가져오지 않았습니다');
    expect(pickParticles('CLIENT KILL은(는)')).toBe('CLIENT KILL은');
    expect(pickParticles('DEL(으)로 지움')).toBe('DEL로 지움');
    expect(pickParticles('1.2 MB을(를) 차지해')).toBe('1.2 MB를 차지해');
    expect(pickParticles('A이(가) 락을 잡았습니다')).toBe('A가 락을 잡았습니다');
    expect(pickParticles('R은(는) 안에')).toBe('R은 안에');
    expect(pickParticles('그룹 "workers"은(는) $부터')).toBe('그룹 "workers"는 $부터');
  });

  it('keeps both forms where the text cannot tell the sound, and leaves other parentheses alone', () => {
    expect(pickParticles('alice을(를) 추가')).toBe('alice을(를) 추가');
    expect(pickParticles('AB이(가) 있음')).toBe('AB이(가) 있음');
    expect(pickParticles('msgpack(으)로 디코딩')).toBe('msgpack(으)로 디코딩');
    expect(pickParticles('을(를) 앞에 아무것도 없음')).toBe('을(를) 앞에 아무것도 없음');
    expect(pickParticles('(un)subscribe 외에는')).toBe('(un)subscribe 외에는');
  });

  it('applies to formatted Korean messages, and never to English', () => {
    expect(formatMessage(msg('keyEditor.op.rename', { to: '캐시:사용자' }), 'ko')).toBe('캐시:사용자로 이름 변경');
    expect(formatMessage(msg('keyEditor.ui.deleteTitle', { key: '세션' }), 'ko')).toBe('세션을 삭제할까요?');
    expect(formatMessage(msg('keyEditor.op.rename', { to: 'x(으)로' }), 'en')).toContain('x(으)로');
  });
});
