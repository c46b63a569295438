import type en from '../en/explore';

/** 한국어 탐색기 메시지: 경쟁 상황마다 불변식, 측정값, 변형 (ICU MessageFormat). */
const ko: Record<keyof typeof en, string> = {
  'explore.script.title': 'Redis Pattern Inspector {version}: 가장 짧은 실패 스케줄',
  'explore.script.pattern': '패턴 {pattern}, 변형 {variant}: {label}',
  'explore.script.params': '파라미터 {params}, 전략 {strategy}, 시드 {seed}, 스케줄 {schedules}개',
  'explore.script.invariant': '불변식: {invariant}',
  'explore.script.verdict': '판정: 깨짐, {measure} {value}. {steps}단계, 컨텍스트 전환 {switches}번',
  'explore.script.schedule': '스케줄: {schedule}',
  'explore.script.run': "연습용 데이터베이스에서 실행하세요(네임스페이스의 키를 씁니다): grep -v '^#' 이-파일 | redis-cli -n 15",
  'explore.script.setup': '준비 (경쟁 전, 스케줄러 밖)',
  'explore.script.race': '경쟁: 서버가 실행한 순서대로 한 번에 명령 하나씩',
  'explore.script.inner': '(스크립트가 {command} 실행)',
  'explore.script.dbRead': '{actor} → 데이터베이스 (읽기, Redis 명령 아님): {sql}',
  'explore.script.dbWrite': '{actor} → 데이터베이스 (쓰기, Redis 명령 아님): {sql}',
  'explore.lostUpdate.invariant': '쓰기 요청이 확인받은 점수는 모두 DB에 반영되거나, Redis 키에 남아 있거나, 재시도용으로 보관되어야 합니다. 사라지는 점수는 없어야 합니다.',
  'explore.lostUpdate.measure': '사라진 점수',
  'explore.lostUpdate.article': '글의 플러시 (GET … DEL)',
  'explore.lostUpdate.safe': '원자적 꺼내기 (Lua GET + DEL, 커밋 전까지 보관)',

  'explore.staleRefill.invariant': '읽기와 쓰기가 모두 끝나면 캐시의 값은 DB 행과 같거나, 키가 없어야 합니다.',
  'explore.staleRefill.measure': '오래된 값이 캐시에 남는 시간(초)',
  'explore.staleRefill.article': '기본 Cache-Aside (GET, SELECT, SETEX) 대 DB 수정 후 DEL',
  'explore.staleRefill.lease': '리스(SET NX)를 쓰기 쪽이 회수: 리스를 쥐고 있을 때만 캐시에 다시 채움',

  'explore.stampede.invariant': '키가 만료된 뒤 DB는 한 번만 읽혀야 합니다. 캐시 미스를 낸 요청이 몇 개든 마찬가지입니다.',
  'explore.stampede.measure': 'DB 읽기 횟수',
  'explore.stampede.article': '기본 Cache-Aside: 캐시 미스가 난 요청마다 DB를 읽음',
  'explore.stampede.lock': '재구성은 한 요청만 (SET NX PX 락), 나머지는 기다렸다가 캐시를 다시 읽음',

  'explore.writeThrough.invariant': '두 쓰기가 모두 끝나면 캐시의 값은 DB 행과 같거나, 키가 없어야 합니다.',
  'explore.writeThrough.measure': '오래된 값이 캐시에 남는 시간(초)',
  'explore.writeThrough.article': '글의 업데이트 (UPDATE 후 SETEX)',
  'explore.writeThrough.versioned': '버전 비교 SET (Lua: 더 새로운 행만 캐시를 덮어씀)',

  'explore.crash.invariant':
    '워커가 플러시 도중 어느 시점에 죽었다가 재시작되더라도, 쓰기 요청이 확인받은 점수는 DB에 정확히 한 번 반영되거나 Redis에 남아 있어야 합니다. 사라져도, 두 번 반영되어도 안 됩니다.',
  'explore.crash.measure': '사라진 점수 (음수면 두 번 반영됨)',
  'explore.crash.article': '글의 플러시, 재시작하면 다시 실행',
  'explore.crash.safe': '원자적 꺼내기, 커밋 전까지 보관하고 재시작 시 보관분을 다시 반영',
  'explore.crash.killed': '강제 종료: 보내던 명령은 서버에 도착하지만 응답은 읽지 못함',

  'explore.pubsubMissed.invariant': '구독자는 처음 구독한 뒤 발행된 메시지를 모두 받아야 합니다. 연결이 끊겼다 다시 붙어도 마찬가지입니다.',
  'explore.pubsubMissed.measure': '놓친 메시지 수',
  'explore.pubsubMissed.article': '글의 Pub/Sub: PUBLISH, B는 다시 연결해서 다시 구독',
  'explore.pubsubMissed.stream': '구독자마다 컨슈머 그룹을 둔 Stream: B는 멈춘 곳부터 이어서 읽음',

  'explore.lua.invariant': '출금이 어떤 순서로 실행되든 잔액은 0 아래로 내려가면 안 됩니다.',
  'explore.lua.measure': '최종 잔액',
  'explore.lua.article': '확인 후 실행: GET 다음 DECRBY',
  'explore.lua.script': 'Lua 스크립트 하나: 확인과 DECRBY를 원자적으로 한 번에',
};

export default ko;
