import type { AppErrorData } from '../../../shared/errors';
import { plainError } from '../../../shared/plain-errors';
import { useT } from './Msg';

/** An error's sentence for the user: the core's message in the current language when it sent one, else its plain English. */
export function useErrorText(): (error: AppErrorData) => string {
  const t = useT();
  return (error) => (error.msg ? t(error.msg) : plainError(error).message);
}

/** An error shown as text: the core's message in the current language when it sent one. */
export function ErrorText({ error }: { error: AppErrorData }) {
  return <>{useErrorText()(error)}</>;
}
