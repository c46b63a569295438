import type en from '../en/ui';

/** 한국어 ui 메시지 (ICU MessageFormat). en/ui.ts의 모든 id가 있어야 합니다. */
const ko: Record<keyof typeof en, string> = {
  'ui.catalog': 'ui',
};

export default ko;
