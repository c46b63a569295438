/**
 * The maximum size of one web-mode message, in UTF-8 bytes. The host closes
 * a socket that receives a larger one (1009); the renderer refuses to send
 * one, saying so, so one over-long console line does not cut the socket for
 * every request in flight. Its own module: the renderer needs the number
 * without the contract's schemas.
 */
export const MAX_MESSAGE_BYTES = 256 * 1024;
