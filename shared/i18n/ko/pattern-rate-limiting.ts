import type en from '../en/pattern-rate-limiting';

/** 한국어 속도 제한 패턴 메시지 (ICU MessageFormat). en/pattern-rate-limiting.ts의 모든 id가 있어야 합니다. */
const ko: Record<keyof typeof en, string> = {
  'group.Rate limiting.sentence': '사용자가 윈도우당 정해진 수만큼만 요청하게 합니다. 요청을 세는 세 가지 방법, 윈도우 경계에서 한도의 두 배를 통과시키는 고정 윈도우, 그리고 만료되지 않는 카운터를 보여 줍니다.',

  'rate.title': '속도 제한: 알고리즘 세 개, 버스트 하나',
  'rate.summary':
    '같은 버스트를 고정 윈도우(INCR), 슬라이딩 로그(Sorted Set), 토큰 버킷(Lua)에 보냅니다. 고정 윈도우는 윈도우 경계에서 한도의 두 배를 통과시킵니다.',
  'rate.param.limit': '윈도우당 한도',
  'rate.param.window': '윈도우',
  'rate.param.burst': '버스트당 요청 수',
  'rate.param.clients': '동시에 보내는 클라이언트',
  'rate.algo.fixed': '고정 윈도우 (INCR + EXPIRE)',
  'rate.algo.sliding': '슬라이딩 로그 (Sorted Set)',
  'rate.algo.token': '토큰 버킷 (Lua)',
  'rate.step.before': '윈도우 경계 직전(t = {at, number}초)에 클라이언트 {clients, number}개가 요청 {burst, number}개 전송',
  'rate.step.after': '경계 직후(t = {at, number}초)에 요청 {burst, number}개 더',
  'rate.step.later': '반 윈도우 뒤(t = {at, number}초)에 요청 {burst, number}개 더',
  'rate.allowed': '고정 윈도우 {fixed, number}개, 슬라이딩 로그 {sliding, number}개, 토큰 버킷 {token, number}개',
  'rate.before': '한도는 {window, number}초당 {limit, number}개입니다. 요청 {burst, number}개 중 허용: {allowed}. 토큰 버킷에는 토큰이 {tokens, number}개 남았습니다.',
  'rate.after':
    '허용: {allowed}. 고정 윈도우는 경계에서 새 카운터로 시작했기 때문에(INCR 응답 {firstCount, number}) {span, number}초 안에 요청 {fixedMost, number}개를 통과시켰습니다. {window, number}초당 {limit, number}개 한도의 {times, number}배입니다. {sliding} {token}',
  'rate.later':
    '허용: {allowed}. {sliding} {token} 토큰 버킷이 보장하는 것은 한 번에 최대 {limit, number}개, 그리고 {window, number}초마다 {limit, number}개씩 더입니다. 그래서 {window, number}초 구간 하나에 최대 {bound, number}개까지 들어올 수 있지만, 경계 한 곳에 몰리지 않고 퍼져서 들어옵니다.',
  'rate.most.within': '{name}: 어느 {window, number}초 구간에서도 허용은 최대 {most, number}개로 한도 안입니다.',
  'rate.most.over': '{name}: {window, number}초 안에(t = {from, number}–{to, number}초) {most, number}개를 허용해 한도 {limit, number}개를 넘었습니다.',
  'rate.seen.fixed': 'INCR 응답 {seen, number}',
  'rate.seen.sliding': 'ZCARD 응답 {seen, number}',
  'rate.seen.token': '남은 토큰 {seen, number}개',
  'rate.panel.title': '시간순 요청: {window, number}초당 {limit, number}개 한도',
  'rate.panel.allowed': '허용',
  'rate.panel.denied': '거부',
  'rate.panel.most': '{window, number}초 구간 최대 허용',
  'rate.panel.window': '윈도우 {from, number}–{to, number}초: 허용 {allowed, number}개, 거부 {denied, number}개',
  'rate.panel.request': '{time, number}초, {who}: {verdict} ({detail})',
  'rate.panel.allowedMark': '허용',
  'rate.panel.deniedMark': '거부',
  'rate.panel.edge': '{at, number}초 윈도우 경계',
  'rate.panel.empty': '아직 요청이 없습니다. 단계를 실행하세요.',
  'rate.panel.axis': '시간(초)',

  'rateTtl.title': '속도 제한: 만료되지 않는 카운터',
  'rateTtl.summary':
    'INCR 다음 EXPIRE: 그 사이에 죽은 클라이언트는 TTL 없는 카운터를 남기고, 그 사용자는 영원히 거부됩니다. INCR과 EXPIRE를 스크립트 하나로 묶으면 나뉠 수 없습니다.',
  'rateTtl.param.requests': '단계당 요청 수',
  'rateTtl.way.split': 'INCR 다음 EXPIRE',
  'rateTtl.way.atomic': 'INCR과 EXPIRE를 스크립트 하나로',
  'rateTtl.step.splitDies': '클라이언트가 INCR을 보내고 EXPIRE 전에 죽음',
  'rateTtl.step.atomicDies': '스크립트 사용: 클라이언트가 요청을 보내고 죽음',
  'rateTtl.step.requests': '사용자가 요청 {requests, number}개 전송 ({way})',
  'rateTtl.step.wait': '윈도우가 끝날 때까지 대기({window, number}초)',
  'rateTtl.step.again': '사용자가 다시 옴: 방식마다 요청 {requests, number}개',
  'rateTtl.event.died': '클라이언트 프로세스 종료',
  'rateTtl.pttl.none': 'PTTL -1 (만료 없음)',
  'rateTtl.pttl.gone': 'PTTL -2 (키 없음)',
  'rateTtl.pttl.left': 'PTTL {ms, number}ms',
  'rateTtl.splitDies':
    'INCR 응답이 {count, number}이므로 이 클라이언트가 EXPIRE로 윈도우를 정해야 했지만, 그 전에 죽었습니다. 카운터는 {count, number}이고 {pttl}입니다. 아무것도 이 키를 지우지 않습니다.',
  'rateTtl.atomicDies': '클라이언트가 죽기 전에 스크립트가 INCR과 EXPIRE를 함께 실행했습니다. 카운터는 {count, number}이고 {pttl}입니다. 죽어도 둘은 나뉘지 않습니다.',
  'rateTtl.requests':
    '허용 {allowed, number}개, 거부 {denied, number}개(한도 {limit, number}). INCR은 {count, number}까지 올랐고 {pttl}입니다.{stuck, select, yes { 카운터가 초기화되지 않으므로 한도를 넘은 뒤로는 모든 요청이 거부됩니다.} other {}}',
  'rateTtl.wait': '스크립트 카운터: EXISTS {atomicExists, number}, {atomicPttl}. 윈도우가 끝났습니다. 분리된 카운터: EXISTS {splitExists, number}, {splitPttl}. 여전히 남아 있습니다.',
  'rateTtl.again':
    '요청 {requests, number}개 중 INCR 다음 EXPIRE 방식은 {splitAllowed, number}개를 허용했습니다(INCR 응답 최대 {splitCount, number}, {splitPttl}). 스크립트 방식은 새 윈도우에서 {atomicAllowed, number}개를 허용했습니다({atomicPttl}).',
  'rateTtl.panel.title': '카운터, 두 가지 방식',
  'rateTtl.panel.count': '카운터 (INCR)',
  'rateTtl.panel.pttl': 'TTL',
  'rateTtl.panel.allowed': '허용',
  'rateTtl.panel.denied': '거부',

  'explore.rate.invariant': '클라이언트들의 명령이 어떤 순서로 실행되든, 윈도우 길이만큼의 어느 구간에도 허용된 요청이 한도보다 많으면 안 됩니다.',
  'explore.rate.measure': '한 윈도우 안 최대 허용 수',
  'explore.rate.fixed': '고정 윈도우: 정렬된 윈도우마다 카운터 하나에 INCR',
  'explore.rate.sliding': '슬라이딩 로그: 정리, ZCARD, ZADD를 스크립트 하나로',
  'explore.rate.token': '토큰 버킷: 충전과 차감을 스크립트 하나로 (버스트 동안 충전이 토큰 하나 미만일 때 성립)',
  'explore.rateTtl.invariant': '클라이언트가 어디서 죽든, 존재하는 속도 제한 카운터에는 모두 TTL이 있어야 합니다.',
  'explore.rateTtl.measure': 'TTL 없는 카운터 수',
  'explore.rateTtl.split': 'INCR 다음 EXPIRE: 명령 두 개',
  'explore.rateTtl.atomic': '스크립트 하나: INCR과 EXPIRE를 함께',
};

export default ko;
