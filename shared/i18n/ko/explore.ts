import type en from '../en/explore';

/** 한국어 탐색기 메시지: 경쟁 상황마다 불변식, 측정값, 변형 (ICU MessageFormat). */
const ko: Record<keyof typeof en, string> = {
  'explore.lostUpdate.invariant': '쓰기 요청이 확인받은 점수는 모두 DB에 반영되거나, Redis 키에 남아 있거나, 재시도용으로 보관되어야 합니다. 사라지는 점수는 없어야 합니다.',
  'explore.lostUpdate.measure': '사라진 점수',
  'explore.lostUpdate.article': '글의 플러시 (GET … DEL)',
  'explore.lostUpdate.safe': '원자적 가져오기 (Lua GET + DEL, 커밋 전까지 보관)',
};

export default ko;
