import type en from '../en/pattern-streams';

/** 한국어 Streams 작업 큐 메시지 (ICU MessageFormat). en/pattern-streams.ts의 모든 id가 있어야 합니다. */
const ko: Record<keyof typeof en, string> = {
  'group.Queues': '메시지 큐',
  'group.Queues.sentence': '잃어버리면 안 되는 작업: Stream은 엔트리를 모두 보관하고, 컨슈머 그룹이 나눠 주며, 컨슈머가 ACK하기 전까지는 아무것도 빠지지 않습니다.',

  'streamQueue.title': 'Streams: 작업 큐',
  'streamQueue.summary': '작업을 XADD하고 워커 둘이 컨슈머 그룹으로 나눠 처리합니다. 한 워커가 작업을 쥔 채 죽으면 XAUTOCLAIM으로 다른 워커에게 넘깁니다.',
  'streamQueue.requires': 'XAUTOCLAIM',
  'streamQueue.param.jobs': '추가할 작업 수',
  'streamQueue.param.count': '한 번에 읽을 COUNT',
  'streamQueue.param.later': '워커 2가 오프라인일 때 추가할 작업 수',
  'streamQueue.param.minIdle': 'XAUTOCLAIM min-idle-time',

  'streamQueue.step.group': '컨슈머 그룹 생성 (XGROUP CREATE … MKSTREAM)',
  'streamQueue.step.add': '프로듀서가 작업 {jobs, number}개 추가 (XADD)',
  'streamQueue.step.read': '두 워커가 각각 최대 {count, number}개씩 읽기 (XREADGROUP … >)',
  'streamQueue.step.ack': '워커 1이 작업을 처리하고 ACK (XACK)',
  'streamQueue.step.dies': '워커 2가 작업을 쥔 채 XACK 전에 죽음',
  'streamQueue.step.readsOn': '워커 1이 계속 읽어도 ">"는 멈춘 작업을 주지 않음',
  'streamQueue.step.recover': '해결: 워커 1이 {minIdle, number}ms 이상 유휴 상태인 엔트리를 가져옴 (XAUTOCLAIM)',
  'streamQueue.step.away': '워커 2가 오프라인인 동안 작업 {later, number}개 도착',
  'streamQueue.step.back': '워커 2가 돌아와 스트림을 읽음',

  'streamQueue.group': 'XGROUP CREATE 응답: {reply}. MKSTREAM으로 스트림 {stream} 생성, 그룹 "{group}"은(는) $부터 시작합니다. 즉 지금부터 추가되는 엔트리만 읽습니다.',
  'streamQueue.added': 'XADD {n, number}번의 응답 ID: {first} … {last}. XLEN 기준 스트림에는 엔트리 {len, number}개가 있습니다.',
  'streamQueue.read': 'XREADGROUP 결과 worker-1은 {one}, worker-2는 {two}을(를) 받았습니다. 엔트리 하나는 컨슈머 하나에게만 갑니다. {pel}',
  'streamQueue.acked': '워커 1이 MULTI/EXEC(작업 + XACK)를 {n, number}번 실행했고 XACK로 {acked, number}개가 ACK됐습니다. {pel}',
  'streamQueue.died':
    '{n, plural, =0 {워커 2는 쥔 작업 없이 죽었습니다.} other {워커 2가 죽었습니다. XPENDING에는 아직 {consumer} 앞으로 엔트리 #개가 남아 있고, 전달 횟수 {deliveries, number}, 유휴 시간 {idle, number}ms 이상입니다. 아무도 이 엔트리를 XACK하지 않습니다.}} {pel}',
  'streamQueue.readsOn':
    '워커 1이 {n, number}개({list})를 더 읽어 처리했고, 다음 XREADGROUP >는 nil을 돌려줬습니다. {stuck, plural, =0 {멈춘 엔트리는 없습니다.} other {그래도 PEL에는 엔트리 #개가 멈춰 있습니다. ">"는 한 번도 전달되지 않은 엔트리만 주기 때문에, 죽은 컨슈머의 엔트리는 영원히 기다립니다.}} {pel}',
  'streamQueue.recovered':
    '가장 최근에 멈춘 엔트리의 유휴 시간은 {idle, number}ms였습니다{wait, plural, =0 {} other {. 단계가 #ms를 더 기다렸습니다}}. 이어서 XAUTOCLAIM(min-idle-time {minIdle, number}ms)이 {claimed, number}개({list})를 worker-1로 옮겼고, 워커 1이 처리했습니다. 이제 XPENDING은 {pending, number}개이고, 작업 {added, number}개 중 {once, number}개가 정확히 한 번, {twice, number}개가 두 번 처리됐습니다.',
  'streamQueue.away': '워커 2는 오프라인입니다. XADD 응답: {list}. 스트림은 그룹의 last-delivered-id({lastDelivered}) 뒤로 아직 누구에게도 전달되지 않은 엔트리 {waiting, number}개를 보관합니다. 지금 PUBLISH했다면 아무에게도 닿지 않았을 것입니다(Pub/Sub: 놓친 메시지 참고).',
  'streamQueue.back': '{consumer} 재연결. XREADGROUP >로 엔트리 {read, number}개({list})를 받았고, 오프라인 동안 추가된 {added, number}개 중 {kept, number}개입니다. Pub/Sub였다면 잃었을 메시지를 스트림은 보관했습니다. XPENDING은 {pending, number}개입니다.',
  'streamQueue.pel.empty': 'XPENDING: PEL이 비었습니다.',
  'streamQueue.pel.some': 'XPENDING: 대기 중 {count, number}개 ({list}).',
  'streamQueue.pel.consumer': '{consumer} {n, number}개',
  'streamQueue.note.killed': '첫 EXEC 전에 강제 종료됨, 작업 {n, number}개를 쥔 채',
  'streamQueue.note.wait': '멈춘 엔트리의 유휴 시간이 {minIdle, number}ms가 될 때까지 {wait, number}ms 기다림 (유휴 시간은 실제 시간)',

  'streamQueue.panel.jobs': '작업',
  'streamQueue.panel.queue': '큐',
  'streamQueue.panel.added': '추가됨 (XADD)',
  'streamQueue.panel.once': '정확히 한 번 처리',
  'streamQueue.panel.pending': '대기 중 (XPENDING)',
  'streamQueue.panel.twice': '두 번 이상 처리',


  'ui.stream.title': '스트림',
  'ui.stream.summary': '<code>{key}</code> · XLEN {length, number}',
  'ui.stream.group': '그룹 <code>{name}</code> · last-delivered-id <code>{last}</code> · 대기 중 {pending, number}개',
  'ui.stream.noGroup': '아직 컨슈머 그룹이 없습니다.',
  'ui.stream.entries': '엔트리',
  'ui.stream.empty': '스트림이 비어 있습니다.',
  'ui.stream.more': '표시하지 않은 엔트리 {n, number}개',
  'ui.stream.col.id': 'ID',
  'ui.stream.col.fields': '필드',
  'ui.stream.col.state': '그룹에서의 상태',
  'ui.stream.state.new': '전달 전',
  'ui.stream.state.pending': '대기 중 · {consumer}',
  'ui.stream.state.acked': 'ACK됨',
  'ui.stream.consumers': '컨슈머와 대기 엔트리 (XPENDING)',
  'ui.stream.consumer.idle': '유휴 {ms, number}ms',
  'ui.stream.consumer.none': '대기 엔트리 없음',
  'ui.stream.pendingEntry': '{id} · 유휴 {idle, number}ms · 전달 {deliveries, number}회',
  'ui.stream.pendingMore': '+{n, number}개 더',

  'explore.streamQueue.invariant': '추가된 모든 작업은 끝날 때 정확히 한 번 ACK돼야 합니다. PEL에 멈춘 작업도, 두 번 처리된 작업도 없어야 합니다.',
  'explore.streamQueue.measure': '정확히 한 번 처리되지 않은 작업',
  'explore.streamQueue.none': '복구 없음: 워커 2가 아무 지점에서나 강제 종료되고, 쥐고 있던 작업은 아무도 가져가지 않음',
  'explore.streamQueue.autoclaim': 'XAUTOCLAIM: 끝난 뒤 워커 1이 워커 2가 남긴 작업을 가져옴 (min-idle-time 0은 "주인이 멈췄다"는 뜻)',
  'explore.streamQueue.killed': 'kill -9: 워커 2가 여기서 멈춤',
};

export default ko;
