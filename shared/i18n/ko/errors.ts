import type en from '../en/errors';

/** 한국어 errors 메시지 (ICU MessageFormat). en/errors.ts의 모든 id가 있어야 합니다. */
const ko: Record<keyof typeof en, string> = {
  'errors.catalog': 'errors',
  'errors.serverTooOld': '{pattern} 패턴은 {feature} 때문에 Redis {major}.{minor} 이상이 필요합니다. 이 서버는 {version}입니다.',
  // 연결
  'errors.connect.wrongPass': '{where}의 Redis가 사용자 이름이나 비밀번호를 거부했습니다.',
  'errors.connect.needsPass': '{where}의 Redis는 비밀번호가 필요합니다.',
  'errors.connect.noPerm': '이 사용자는 {where}에서 앱에 필요한 명령을 실행할 권한이 없습니다: {detail}',
  'errors.connect.refused': '{where}에서 응답하는 서버가 없습니다. Redis가 실행 중이고 이 포트를 쓰는지 확인하세요.',
  'errors.connect.hostNotFound': '{where}의 호스트 이름을 찾을 수 없습니다.',
  'errors.connect.unreachable': '이 컴퓨터에서 {where}의 호스트에 닿을 수 없습니다.',
  'errors.connect.timeout': '{where}가 제때 응답하지 않았습니다.',
  'errors.connect.notRedis': '{where}의 서버는 Redis 프로토콜로 말하지 않습니다.',
  'errors.connect.tlsUntrusted': '이 컴퓨터는 {where}의 TLS 인증서를 신뢰하지 않습니다 ({detail}).',
  'errors.connect.tlsFailed': '{where}와의 TLS 핸드셰이크가 실패했습니다: {detail}',
  'errors.connect.noTls': '{where}에서 TLS 핸드셰이크 응답이 없습니다: 서버에 TLS가 꺼져 있을 수 있습니다. TLS를 끄거나 TLS 포트를 쓰세요.',
  'errors.connect.other': '{where}에 연결하지 못했습니다: {detail}',
  'errors.connect.tooOld': '이 서버는 Redis {version}입니다. 앱은 네임스페이스를 UNLINK로 비우기 때문에 {major}.0 이상이 필요합니다.',
  'errors.connect.badUrl': 'URL이 올바르지 않습니다. 예: redis://user:password@localhost:6379/0',
  'errors.connect.badDb': '"{db}"는 데이터베이스 번호(0–15)가 아닙니다.',
  'errors.connect.notConnected': '먼저 Redis에 연결하세요.',
  'errors.connect.already': '이미 연결하는 중입니다.',
  'errors.connect.cancelled': '연결이 취소됐습니다.',
  'errors.sandbox.missing': '샌드박스에는 redis-server가 필요한데, 이 컴퓨터에 설치돼 있지 않습니다.',
  'errors.sandbox.noStart': 'redis-server가 시작되지 않았습니다: {detail}',
  'errors.redisGone': '요청 도중 Redis 연결이 끊겼습니다 ({detail}). 앱이 알아서 다시 연결하니, 상태 표시줄에 연결됨이 뜨면 단계를 다시 실행하세요.',
  'errors.replyNotSent': '응답을 보내지 못했습니다: {detail}',
  'errors.tooManyRequests': '한꺼번에 요청이 너무 많습니다({max, number}개 초과). 다시 시도하세요.',
  'errors.clusterRedirect':
    '이 Redis는 클러스터의 한 노드이고, 키는 다른 노드에 있습니다 ({redirect}). 앱은 아직 클러스터 리다이렉션을 따라가지 않습니다. 단독 Redis나 샌드박스에 연결하세요.',

  // 서버가 거부한 것(ACL)과 앱이 대신 하는 일
  'errors.noperm.command': 'Redis 사용자는 {name}을(를) 실행할 수 없습니다{categories, select, none {} other { (ACL 카테고리 {categories})}}: 허용하려면 +{command} 권한을 주세요.',
  'errors.noperm.target':
    'Redis 사용자는 이 {what, select, channel {채널} other {키}}에 {name, select, none {접근할} other {{name}을(를) 쓸}} 수 없습니다 (ACL {what, select, channel {채널} other {키}} 패턴이 거부함).',
  'limits.scan': '{denied} SCAN 없이는 네임스페이스 아래에 무엇이 있는지 볼 수 없어서, 패턴을 깨끗한 네임스페이스에서 시작할 수 없습니다.',
  'limits.keysPanel': '{denied} 이 권한이 없으면 Keys 패널은 비어 있습니다.',
  'limits.info': '{denied} 서버 버전과 역할은 대신 HELLO로 읽었습니다.',
  'limits.infoAndHello': 'INFO와 HELLO가 모두 거부돼서 서버 버전을 알 수 없습니다: {denied}',
  'limits.noHello': 'INFO가 거부됐고 이 서버에는 HELLO가 없어서(Redis 6.0 미만) 버전을 알 수 없습니다.',
  'limits.cluster':
    '이 서버는 Redis Cluster의 한 노드입니다. 키 브라우저는 이 노드의 키만 보여 주고, 패턴은 여기서 실행하지 않습니다: 키가 앱이 아직 따라가지 않는 여러 노드에 흩어지기 때문입니다(MOVED/CROSSSLOT). 패턴은 샌드박스나 단독 Redis에서 실행하세요.',
  'traceOrder.monitorFailed': 'MONITOR 실패: {detail}.',
  'traceOrder.refused': '{why} 트레이스는 응답이 앱에 도착한 순서로 보입니다. 서버가 실행한 순서와 다를 수 있습니다.',
  'traceOrder.off': '트레이스는 응답이 앱에 도착한 순서로 보입니다. 서버가 실행한 순서를 보려면 연결할 때 "서버 순서 (MONITOR)"를 켜세요.',
  'traceOrder.noAddress': '연결에 주소가 생기기 전에 보낸 명령이 있습니다.',
  'traceOrder.incomplete': 'MONITOR가 이 단계의 명령을 제때 모두 보고하지 못했습니다 (바쁜 서버는 이 줄부터 버립니다).',

  // 네임스페이스
  'errors.namespace.never': '{name}은(는) 보내지 않습니다: "{namespace}" 밖의 키까지 건드리게 됩니다.',
  'errors.namespace.unchecked': '{name}은(는) 앱이 네임스페이스 기준으로 검사할 수 있는 명령이 아닙니다.',
  'errors.namespace.outside': '{name} {key}는 네임스페이스 "{namespace}" 밖이라 거부했습니다.',
  'errors.namespace.consent':
    '{server}의 "{namespace}" 아래에 이미 키 {n, number}개가 있습니다. 패턴은 빈 네임스페이스에서 시작하므로 열면 이 키를 지우게 됩니다. 아직 아무것도 지우지 않았습니다.',

  // 실행
  'errors.run.busy': '아직 단계가 실행 중입니다.',
  'errors.run.finished': '시나리오가 끝났습니다. 다시 돌리려면 초기화하세요.',
  'errors.run.noAction': '이 패턴에는 "{action}" 동작이 없습니다.',
  'errors.run.resetBusy': '실행 중인 단계가 끝난 뒤에 초기화하세요.',
  'errors.run.noPattern': '"{pattern}" 패턴은 없습니다.',
  'errors.run.noSession': '먼저 패턴을 여세요.',

  // 키 브라우저
  'errors.browser.scanRefused': 'Redis 사용자가 {command}을(를) 실행할 수 없어서(Redis가 NOPERM으로 응답) 키 브라우저가 키 목록을 가져올 수 없습니다.',
  'errors.browser.typeFilter': '타입 필터는 SCAN … TYPE을 쓰는데, 이는 Redis 6.0 이상이 필요합니다. 이 서버는 {version}입니다.',
  'errors.browser.badId': '키 id는 base64이거나, #과 16진수 32자리입니다.',
  'errors.browser.forgotten': '앱이 이 긴 키 이름을 더는 들고 있지 않습니다(개수에 제한이 있습니다). 키를 읽으려면 다시 스캔하세요.',
  'hint.install.command': '{how}로 설치하세요: {command}',
  'hint.install.plain': '다음 명령으로 설치하세요: {command}',
  'hint.install.windows': 'Redis는 Windows용 정식 빌드가 없습니다: WSL(sudo apt install redis-server)이나 Memurai에서 실행한 뒤, 기존 Redis로 연결하세요.',
  'hint.install.generic': '패키지 관리자로 설치하세요 (패키지 이름은 보통 redis 또는 redis-server입니다).',
  'hint.selfSigned': '직접 만든 자체 서명 인증서라면 "인증서 검증"을 끄고 연결할 수 있습니다.',

  // 파라미터와 동작 입력값 검사
  'check.range': '{min, number}–{max, number}',
  'check.rangeUnit': '{min, number}–{max, number}{unit}',
  'check.value': '{n, number}',
  'check.valueUnit': '{n, number}{unit}',
  'check.empty': '{label}: 값이 비어 있습니다. {range} 범위의 {kind, select, whole {정수} other {숫자}}를 입력하세요.',
  'check.notNumber': '{label}: {range} 범위의 {kind, select, whole {정수} other {숫자}}여야 합니다. "{text}"는 해당하지 않습니다.',
  'check.notInRange': '{label}: {range} 범위의 {kind, select, whole {정수} other {숫자}}여야 합니다.',
  'check.tooSmall': '{label}: {bound} 이상이어야 합니다 (범위 {range}).',
  'check.tooBig': '{label}: 최대 {bound}까지입니다 (범위 {range}).',
  'check.example': ' (예: {example})',
  'check.eg': '예: {example}',
  'check.textEmpty': '{label}: 값이 비어 있습니다. 값을 입력하세요{example}.',
  'check.textInvalid': '{label}: "{text}"는 여기에 쓸 수 없습니다{example}.',
  'check.notReset': '초기화하지 않았습니다: {reason}',
  // 계약(contract)이 거부한 요청
  'issue.field.port': '포트',
  'issue.field.db': 'DB',
  'issue.field.host': '호스트',
  'issue.field.url': 'URL',
  'issue.field.username': '사용자 이름',
  'issue.field.password': '비밀번호',
  'issue.field.namespace': '네임스페이스',
  'issue.field.timeout': '타임아웃',
  'issue.wholeNumber': '{label}: 정수여야 합니다.',
  'issue.wholeNumberRange': '{label}: {min}부터 {max}까지의 정수여야 합니다.',
  'issue.atMost': '{label}: 최대 {bound}까지입니다.',
  'issue.atLeast': '{label}: {bound} 이상이어야 합니다.',
  'issue.empty': '{label}: 값이 비어 있습니다.',
  'issue.charsAtMost': '{label}: 최대 {bound}자까지입니다.',
  'issue.charsAtLeast': '{label}: {bound}자 이상이어야 합니다.',
  'issue.tooMany': '{label}: 항목이 너무 많습니다.',
  'issue.tooFew': '{label}: 항목이 너무 적습니다.',
  'issue.text': '{label}: 텍스트여야 합니다.',
  'issue.invalid': '{label}: 올바르지 않은 값입니다.',
  'errors.maxRetries': 'Redis가 응답하지 않았습니다: 연결이 끊겨 명령을 더 재시도하지 않고 포기했습니다. 서버가 실행 중이고 접속 가능한지 확인한 뒤 다시 시도하세요.',
};

export default ko;
