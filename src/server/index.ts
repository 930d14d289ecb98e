export {
  createTokenHandler,
  type JoinRequestBody,
  type TokenEndpointOptions,
  type TokenHandler,
  type Visitor,
} from './token-endpoint.js';
export type {RoomRule} from './settings.js';
export {errorResponse, type EndpointErrorCode} from './responses.js';
export {guestVisitors, type GuestOptions} from './guest.js';
export {toMiddleware, toNodeListener, type NodeRequest} from './node.js';
export {clientAddress} from './client-address.js';
export {RateLimiter, type RateLimitOptions} from './rate-limit.js';
export {SidPool, type SidPoolOptions} from './sid-pool.js';
export {startTokenServer, type TokenServer, type TokenServerOptions} from './serve.js';
