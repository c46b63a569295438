/** 키 브라우저 목록 쪽의 문구: 스캔, 트리, 필터, 위치 이동 (ICU MessageFormat). */
const messages = {
  'browserList.error.staleScan': '그 스캔은 새 스캔으로 바뀌었습니다. 목록은 새 스캔을 보여 줍니다.',
} as const;
export default messages;
