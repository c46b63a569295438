import type { AppEvent, RequestInput, RequestName, RequestResult } from '../../../shared/contract';
import type { AppErrorData } from '../../../shared/errors';
import { createTransport } from './transport';

/** A failed request, carrying the typed error from main. */
export class ApiError extends Error {
  readonly data: AppErrorData;
  constructor(data: AppErrorData) {
    super(data.message);
    this.data = data;
  }
}

const transport = createTransport();

/** Calls one request of the contract; resolves with its value or throws ApiError. */
export async function call<N extends RequestName>(channel: N, input: RequestInput<N>): Promise<RequestResult<N>> {
  const result = await transport.invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export function onEvents(listener: (batch: AppEvent[]) => void): () => void {
  return transport.onEvents(listener);
}
