import type en from '../en/patterns';

/** 한국어 patterns 메시지 (ICU MessageFormat). en/patterns.ts의 모든 id가 있어야 합니다. */
const ko: Record<keyof typeof en, string> = {
  'patterns.catalog': 'patterns',
};

export default ko;
