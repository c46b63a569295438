import type { z } from 'zod';
import type { RequestName, RequestResult, requests } from '../../shared/contract';

/** One function per request of the contract, taking the input its schema produced. */
export type Handlers = {
  [N in RequestName]: (input: z.output<(typeof requests)[N]['input']>) => Promise<RequestResult<N>>;
};

/** The handlers one capability registers; AppCore composes the groups into the full table. */
export type HandlerGroup<N extends RequestName> = Pick<Handlers, N>;
