import type { AppEvent, RequestInput, RequestName, RequestResult } from './contract';
import type { Result } from './errors';

/** What the preload exposes as window.rpi, and what the web transport imitates. */
export interface BridgeApi {
  invoke<N extends RequestName>(channel: N, input: RequestInput<N>): Promise<Result<RequestResult<N>>>;
  /** Returns the unsubscribe function. */
  onEvents(listener: (batch: AppEvent[]) => void): () => void;
}
