export {
  createTokenHandler,
  errorResponse,
  type JoinRequestBody,
  type TokenEndpointOptions,
  type TokenHandler,
  type Visitor,
} from './token-endpoint.js';
export {guestVisitors, type GuestOptions} from './guest.js';
export {toNodeListener} from './node.js';
