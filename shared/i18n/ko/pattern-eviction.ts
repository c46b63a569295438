import type en from '../en/pattern-eviction';

/** 한국어 eviction 패턴과 범용 시계열 차트 메시지 (ICU MessageFormat). en/pattern-eviction.ts의 모든 id가 있어야 합니다. */
const ko: Record<keyof typeof en, string> = {
  'group.Memory': '메모리',
  'group.Memory.sentence': '캐시는 정해진 메모리 안에서 삽니다: 꽉 차면 Redis는 정책에 따라 키를 내보내고(eviction), noeviction이면 쓰기를 거부합니다.',

  'ui.outcome.oom': 'OOM',
  'ui.outcome.oom.meaning': '사용 메모리가 maxmemory를 넘었는데 정책이 아무것도 내보내지 않아(noeviction) Redis가 쓰기를 거부했습니다.',

  'ui.series.empty': '아직 점이 없습니다: 단계를 실행하세요.',
  'ui.series.dropped': '이전 점 {n, number}개는 더 이상 보관하지 않음',
  'ui.series.latest': '{name}: {x, number}에서 {value, number}',
  'ui.series.chart': '{title}: 가로 {x}, 세로 {y}',

  'eviction.title': '메모리가 찰 때: 키 내보내기(eviction)',
  'eviction.summary': '작은 maxmemory와 치우친(Zipf) 읽기로 채우는 cache-aside 캐시: allkeys-lru, allkeys-lfu, volatile-ttl이 어떤 키를 내보내는지, 각 정책의 캐시 히트율, noeviction이 돌려주는 OOM 오류.',
  'eviction.param.maxmemory': 'maxmemory',
  'eviction.param.policy': '정책 (0 allkeys-lru, 1 allkeys-lfu, 2 volatile-ttl, 3 noeviction)',
  'eviction.param.zipf': 'Zipf 지수 × 100 (0은 모든 사용자 균등, 100은 s = 1.0)',
  'eviction.param.users': 'DB의 사용자 수',
  'eviction.param.reads': '라운드당 읽기 수',
  'eviction.param.valueBytes': '캐시할 프로필 크기',
  'eviction.param.seed': '읽기 순서 시드',
  'eviction.param.allowConfig': '기존 Redis에서 CONFIG SET maxmemory 허용 (1 = 허용. 서버 전체에 적용되며, 끝나면 되돌림)',
  'eviction.unit.mb': 'MB',
  'eviction.unit.bytes': '바이트',

  'eviction.error.consent': '이 패턴은 CONFIG SET으로 서버 전체의 maxmemory와 maxmemory-policy를 바꿉니다: allkeys 정책에서는 네임스페이스 밖의 키도 내보내질 수 있습니다. 샌드박스에서 실행하거나, 마음껏 메모리를 줄여도 되는 서버라면 “CONFIG SET maxmemory 허용”을 1로 두세요 (두 설정 모두 끝나면 되돌립니다).',
  'eviction.error.tooFull': 'Redis가 이미 {used, number} MB를 쓰고 있어 maxmemory {max, number} MB와 너무 가깝습니다: maxmemory를 더 크게 잡으세요.',
  'eviction.error.notConfigured': '첫 단계부터 실행하세요: 아직 maxmemory를 설정하지 않았습니다.',

  'eviction.series.policy': '{policy}',
  'eviction.series.oom': '{policy}: OOM 거부',
  'eviction.panel.hitRate': '정책별 캐시 히트율 (GET 응답으로 앱이 직접 센 히트/미스, {bucket, number}회 읽기마다)',
  'eviction.panel.hitRate.caption': '모든 정책이 빈 캐시에서 같은 시드의 읽기 순서를 따릅니다 (Zipf s = {s, number}, 사용자 {users, number}명, 시드 {seed, number}).',
  'eviction.panel.reads': '읽기 수',
  'eviction.panel.hitPercent': '히트 %',
  'eviction.panel.pressure': '내보낸 키 (정책 시작 이후 INFO stats evicted_keys)와 OOM으로 거부된 캐시 채우기',
  'eviction.panel.pressure.caption': 'evicted_keys는 서버 전체를 셉니다. OOM 거부는 SETEX 응답에서 셉니다.',
  'eviction.panel.keys': '키',
  'eviction.panel.counters': '정책별 결과, maxmemory {max, number} MB',
  'eviction.counter.reads': '읽기',
  'eviction.counter.hitRate': '히트율',
  'eviction.counter.evicted': '내보낸 키 (INFO)',
  'eviction.counter.oom': 'OOM 거부',
  'eviction.counter.hot': '캐시에 남은 가장 인기 있는 사용자',
  'eviction.counter.cold': '캐시에 남은 드문 사용자',
  'eviction.percent': '{value, number}%',
  'eviction.ofSample': '{of, number}명 중 {n, number}명',

  'eviction.step.configure': '관리자가 maxmemory {max, number} MB, maxmemory-policy {policy}(으)로 설정, DB에는 사용자 {users, number}명',
  'eviction.step.round1': 'cache-aside 읽기 {reads, number}회, Zipf s = {s, number}, 시드 {seed, number}, {policy} 정책',
  'eviction.step.round2': '{policy} 정책으로 {reads, number}회 더 읽기',
  'eviction.step.survivors': '살아남은 항목: 가장 인기 있는 사용자 {n, number}명과 가장 오래전에 한 번 읽은 사용자 {n, number}명에 EXISTS',
  'eviction.step.compare': '{policy} 말고 다른 정책으로, 각각 빈 캐시에서 같은 읽기 {reads, number}회',
  'eviction.step.restore': '관리자가 maxmemory와 maxmemory-policy를 되돌림',

  'eviction.configured':
    'CONFIG GET으로 읽은 원래 값은 maxmemory {previousMax, number}바이트, maxmemory-policy {previousPolicy}: 보관해 두었다가 마지막 단계, 초기화, 다른 패턴 또는 연결 해제 때 되돌립니다. Redis 사용 메모리는 {used, number} MB였고, 이제 CONFIG GET은 maxmemory {max, number} MB, {policy}을(를) 돌려줍니다. DB에 사용자 {added, number}명을 추가했습니다 (이제 {users, number}명).',
  'eviction.round':
    '{policy} 정책으로 {reads, number}회 읽기: 캐시 히트 {hits, number}회, 캐시 미스 {misses, number}회, 히트율 {rate, number}% (GET 응답으로 셈). 그동안 Redis는 키 {evicted, number}개를 내보냈고 (INFO stats evicted_keys) 캐시 채우기는 하나도 거부하지 않았습니다. 사용 메모리 {used, number} MB / {max, number} MB.',
  'eviction.round.oom':
    '{policy} 정책으로 {reads, number}회 읽기: 캐시 히트 {hits, number}회, 캐시 미스 {misses, number}회, 히트율 {rate, number}%. Redis가 캐시 채우기 {oom, number}건을 거부했습니다: “{error}”. 그 사용자들은 DB에서 읽어 응답했고, 읽을 때마다 다시 캐시 미스가 납니다. 내보낸 키는 없습니다 (evicted_keys {evicted, number}). 사용 메모리 {used, number} MB / {max, number} MB.',
  'eviction.survivors':
    '{policy} 정책에서 가장 인기 있는 사용자 {n, number}명 (사용자 1–{n, number}, 읽기 {reads, number}회 중 {hotReads, number}회) 가운데 {hot, number}명이 아직 캐시에 있고, 드문 사용자 {coldSampled, number}명 (각각 한 번, 가장 오래전에 읽음) 가운데는 {cold, number}명입니다 — 키 {evicted, number}개를 내보낸 뒤의 EXISTS 응답입니다.',
  'eviction.compare.line': '{policy} 히트 {rate, number}%, 내보냄 {evicted, number}, OOM {oom, number}',
  'eviction.compare': '정책마다 같은 읽기 {reads, number}회: {a} / {b} / {c} / {d}.',
  'eviction.compare.fixed':
    '정책마다 같은 읽기 {reads, number}회: {a} / {b} / {c} / {d}. noeviction은 캐시 채우기 {oom, number}건을 OOM으로 거부했고 히트율은 {noneRate, number}%입니다. allkeys-lru는 키 {evicted, number}개를 내보내 자리를 만들었고, 아무것도 거부하지 않았으며 히트율은 {lruRate, number}%입니다.',
  'eviction.restored': '되돌렸습니다: CONFIG GET이 다시 maxmemory {max, number}바이트, maxmemory-policy {policy}을(를) 돌려줍니다.',
  'eviction.restored.nothing': '되돌릴 것이 없습니다 (이번 실행에서 CONFIG SET 없음). CONFIG GET은 maxmemory {max, number}바이트, {policy}을(를) 돌려줍니다.',
};

export default ko;
