import type en from '../en/pattern-sessions';

/** 한국어 세션 관리 메시지 (ICU MessageFormat). en/pattern-sessions.ts의 모든 id가 있어야 합니다. */
const ko: Record<keyof typeof en, string> = {
  'group.Sessions': '세션 관리',
  'group.Sessions.sentence': '일하는 동안은 로그인을 유지하고, 멈추면 끝냅니다: 요청마다 TTL이 연장되는(슬라이딩) 세션 해시, 그리고 “모든 기기에서 로그아웃”이 읽는 사용자별 토큰 Set — 여기에 만료된 토큰이 쌓이면 안 됩니다.',

  'ui.outcome.logged-out': '강제 로그아웃',
  'ui.outcome.logged-out.meaning': '아직 요청을 보내고 있던 사용자의 세션이 사라졌습니다. 작업 도중에 TTL이 끝났습니다.',
  'ui.outcome.dead-tokens': '죽은 토큰',
  'ui.outcome.dead-tokens.meaning': '세션 토큰 Set이 이미 없는 세션을 가리키고 있습니다. 로그인할 때마다 늘고 줄지 않습니다.',

  'sessions.title': '세션: 슬라이딩 TTL, 토큰 Set, 모든 기기에서 로그아웃',
  'sessions.summary': '로그인하면 session:\'{token}\'(TTL이 걸린 해시)을 만들고 토큰을 user:\'{id}\':sessions에 넣습니다. 로그인 때 한 번만 건 TTL은 작업 중인 사용자를 로그아웃시키고, 아무도 정리하지 않는 Set에는 만료된 토큰이 모두 남습니다. 그 옆에 슬라이딩 TTL과 정리 코드를 나란히 보여 줍니다.',
  'sessions.param.requests': '작업 중 요청 수',
  'sessions.param.interval': '요청 간격',
  'sessions.param.logins': '다른 기기 로그인 수',

  'sessions.step.work': '서버 A(로그인 때 TTL 고정)와 서버 B(슬라이딩 TTL)에 로그인한 뒤 계속 작업: TTL {ttl}초, {interval, number}ms마다 요청 {requests, number}번',
  'sessions.step.devices': '사용자 2가 기기 {logins, number}대에서 더 로그인하고, 그중 첫 기기에서 로그아웃',
  'sessions.step.idle': '아무도 쓰지 않음: TTL {ttl}초가 지나길 기다린 뒤 토큰 Set과 살아 있는 세션을 비교',
  'sessions.step.cleanup': '정리 코드를 넣은 로그인 두 번, 그리고 모든 기기에서 로그아웃(스크립트 하나)',

  'sessions.pttl.gone': 'PTTL -2 (키 없음)',
  'sessions.pttl.none': 'PTTL -1 (만료 없음)',
  'sessions.pttl.left': 'PTTL {ms, number}ms',
  'sessions.event.loggedOut': '{n, number}번째 요청({s}초): HGETALL이 빈 해시를 반환 — 세션이 없으니 로그인 페이지로 보냄',

  'sessions.work.lost': '서버 A는 로그인 때 TTL {ttl}초를 걸고 다시는 갱신하지 않았습니다. 요청 {requests, number}개 중 {aServed, number}개에 응답한 뒤, {at}초의 {n, number}번째 요청에서 세션이 없었습니다(HGETALL 빈 결과, {aPttl}). 사용자 1은 작업 도중에 로그아웃됐습니다. 서버 B는 요청마다 PEXPIRE로 TTL을 갱신해 {requests, number}개 중 {bServed, number}개에 응답했습니다. 요청 후 PTTL: {bPttls}ms.',
  'sessions.work.kept': '서버 A(로그인 때 TTL 고정)는 요청 {requests, number}개 중 {aServed, number}개에 응답했고 세션도 아직 있습니다({aPttl}). 이번 작업이 TTL {ttl}초보다 먼저 끝났기 때문입니다. 요청이 TTL보다 오래 이어지게 하면 로그아웃되는 것을 볼 수 있습니다. 서버 B(요청마다 PEXPIRE)는 {bServed, number}개에 응답했습니다. 요청 후 PTTL: {bPttls}ms.',
  'sessions.devices': '로그인 {logins, number}번으로 user:2:sessions의 SCARD가 {sizes}이(가) 됐습니다. 첫 기기 로그아웃: DEL 응답 {deleted, number}, SREM 응답 {removed, number}. 이제 Set에 토큰 {size, number}개, 그중 세션이 살아 있는 것은 {live, number}개입니다.',
  'sessions.idle': '세션 중 가장 긴 PTTL인 {waited, number}ms를 기다렸습니다. user:2:sessions의 SCARD는 여전히 {size, number}인데, 세션이 실제로 있는 것은 {live, number}개뿐입니다(토큰마다 EXISTS). 죽은 토큰 {dead, number}개는 아무도 지우지 않습니다 — 로그인은 하나씩 더하고, 만료는 하나도 빼지 않습니다. user:1:sessions에도 사라진 세션의 토큰이 {fixedSet, number}개 남아 있습니다.',
  'sessions.cleanup': '첫 로그인이 토큰 {checked, number}개를 EXISTS로 확인해 죽은 토큰 {removed, number}개를 SREM으로 지웠습니다. 두 번 로그인한 뒤 Set에는 토큰 {size, number}개, 살아 있는 세션 {live, number}개. 모든 기기에서 로그아웃(스크립트 하나: SMEMBERS, DEL, DEL)이 토큰 {listed, number}개를 읽어 세션 {deleted, number}개를 지웠고, 이제 SCARD는 {endSize, number}입니다.',

  'sessions.way.fixed': '서버 A: 로그인 때 TTL 고정',
  'sessions.way.sliding': '서버 B: 슬라이딩 TTL (요청마다 PEXPIRE)',
  'sessions.panel.work': '작업 중인 사용자, TTL {ttl}초',
  'sessions.panel.served': '세션을 찾은 요청',
  'sessions.panel.refused': '로그아웃된 요청',
  'sessions.panel.pttl': '마지막 PTTL',
  'sessions.panel.sets': '토큰 Set과 살아 있는 세션',
  'sessions.panel.setA': 'user:1:sessions (서버 A)',
  'sessions.panel.setB': 'user:2:sessions (서버 B)',
  'sessions.panel.size': '토큰 (SCARD)',
  'sessions.panel.live': '살아 있는 세션 (EXISTS)',
  'sessions.panel.dead': '죽은 토큰',
  'sessions.panel.cleaned': '정리 코드가 지운 토큰',

  'explore.sessions.invariant': '“모든 기기에서 로그아웃”이 같은 사용자의 로그인과 경합한 뒤에도, 남아 있는 세션은 모두 user:2:sessions에 들어 있어서 다음 “모든 기기에서 로그아웃”으로 끝낼 수 있어야 합니다.',
  'explore.sessions.measure': 'Set에 없는 살아 있는 세션 수',
  'explore.sessions.naive': 'SMEMBERS, DEL, DEL을 명령 세 개로',
  'explore.sessions.script': 'SMEMBERS, DEL, DEL을 스크립트 하나로',
};

export default ko;
