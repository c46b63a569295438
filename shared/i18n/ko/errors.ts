import type en from '../en/errors';

/** 한국어 errors 메시지 (ICU MessageFormat). en/errors.ts의 모든 id가 있어야 합니다. */
const ko: Record<keyof typeof en, string> = {
  'errors.catalog': 'errors',
};

export default ko;
