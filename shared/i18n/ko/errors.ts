import type en from '../en/errors';

/** 한국어 errors 메시지 (ICU MessageFormat). en/errors.ts의 모든 id가 있어야 합니다. */
const ko: Record<keyof typeof en, string> = {
  'errors.catalog': 'errors',
  'errors.serverTooOld': '{pattern} 패턴은 {feature} 때문에 Redis {major}.{minor} 이상이 필요합니다. 이 서버는 {version}입니다.',
};

export default ko;
