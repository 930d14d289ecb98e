import {configError} from '../client/errors.js';
import {
  DEFAULT_TIMEOUT,
  OmClient,
  normalizeBase,
  type Credentials,
  type ExternalUser,
  type LoginMethod,
} from '../client/openmeetings.js';
import {originList, type OriginList} from './guard.js';
import {clientAddress} from './client-address.js';
import {RateLimiter, type RateLimitOptions} from './rate-limit.js';
import {DEFAULT_MAX_BODY_BYTES, type JoinRequestBody} from './request-body.js';
import type {Redaction} from './responses.js';
import {SidPool, type SidPoolOptions} from './sid-pool.js';
import {EndpointClient, limitedFetch} from './upstream.js';

/** Who the visitor is, as the site knows it. Never taken from the request body. */
export interface Visitor {
  user: ExternalUser;
  /** Super-moderator in the room. Decide it from the site's own session, never from the page. */
  moderator?: boolean;
  /** Headers to add to a successful answer, e.g. the cookie that keeps a guest's id. */
  headers?: Record<string, string>;
}

export type RoomRule =
  readonly number[] | ((body: JoinRequestBody, request: Request) => boolean | Promise<boolean>);

export interface TokenEndpointOptions {
  /** OpenMeetings base as this server reaches it, e.g. `http://127.0.0.1:5080/openmeetings`. */
  omUrl: string;
  /** OpenMeetings base as browsers reach it; defaults to `omUrl`. */
  omPublicUrl?: string;
  user: string;
  password: string;
  /**
   * Tells who is asking. Return the visitor, or a Response (such as a 401) to refuse.
   * The body is only what the browser claims; use it for the room, never for identity.
   */
  resolveUser(
    request: Request,
    body: JoinRequestBody,
  ): Visitor | Response | Promise<Visitor | Response>;
  /** Other origins whose pages may call this endpoint. This server's own origin always may. */
  allowedOrigins?: readonly string[];
  /**
   * Rooms a visitor may ask for. A list admits those `roomId`s only, and refuses recordings and
   * external room ids, which it cannot check; a function decides any request. Default: any room.
   */
  rooms?: RoomRule;
  /** Per-client limit; refused requests get 429 with `Retry-After`. Default: none. */
  rateLimit?: RateLimitOptions | false;
  /**
   * The rate limit's key for a request. Default: the socket address the Node adapters record;
   * without one (a bare Fetch runtime) every client shares one key. Headers such as
   * X-Forwarded-For are not trusted by default: any client can send them.
   */
  clientKey?: (request: Request) => string;
  /** Largest JSON body accepted; larger ones get 413. Default 4096 bytes. */
  maxBodyBytes?: number;
  /** SIDs logged in ahead of demand, one per join. Default: off. */
  pool?: SidPoolOptions | false;
  /** Serve `GET ?roomId=…` with a 302 to the room. Default true. */
  links?: boolean;
  /** `externalType` of rooms picked by `externalRoomId`. Default: the visitor's externalType. */
  roomExternalType?: string;
  /** Sees each failure with its full detail, for the host's log. Answers never carry it. */
  onError?: (error: unknown, request: Request) => void;
  fetch?: typeof fetch;
  /** Per OpenMeetings call in ms, body included. Must outlast OM 9's 6–15 s bad-password delay. */
  timeout?: number;
  loginMethod?: LoginMethod;
  /** Clock for the rate limit and the pool. */
  now?: () => number;
}

export interface RoomRefusal {
  field: string;
  message: string;
}

export interface Settings {
  client: OmClient;
  account: Credentials;
  publicBase: string;
  origins: OriginList;
  links: boolean;
  maxBodyBytes: number;
  limiter?: RateLimiter;
  clientKey: (request: Request) => string;
  pool?: SidPool;
  roomExternalType?: string;
  redaction: Redaction;
  resolveUser: TokenEndpointOptions['resolveUser'];
  roomRefusal(body: JoinRequestBody, request: Request): Promise<RoomRefusal | undefined>;
  onError?: TokenEndpointOptions['onError'];
  close(): void;
}

export function resolveSettings(options: TokenEndpointOptions): Settings {
  if (typeof options.resolveUser !== 'function') {
    throw configError('resolveUser', 'expected a function that says who the visitor is');
  }
  if (!options.user) throw configError('user', 'the OpenMeetings API user is empty');
  if (!options.password) throw configError('password', 'the OpenMeetings API password is empty');
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 64) {
    throw configError('maxBodyBytes', 'expected a whole number of bytes, at least 64');
  }
  const clientOptions = {
    baseUrl: options.omUrl,
    fetch: limitedFetch(options.fetch ?? globalThis.fetch),
    // The client's limit covers the answer's body as well as its headers.
    timeout,
    loginMethod: options.loginMethod,
  };
  const client = new EndpointClient(clientOptions);
  const account = {user: options.user, password: options.password};
  const checked = {
    publicBase: normalizeBase(options.omPublicUrl ?? options.omUrl, 'omPublicUrl'),
    origins: originList(options.allowedOrigins),
    limiter: options.rateLimit ? new RateLimiter(options.rateLimit, options.now) : undefined,
    roomRefusal: roomRule(options.rooms),
  };
  // Last, once nothing else can throw: the pool starts logging in at once.
  const stopPool = new AbortController();
  const pool = options.pool
    ? startPool(options.pool, clientOptions, account, stopPool.signal, options.now)
    : undefined;

  return {
    ...checked,
    client,
    account,
    links: options.links ?? true,
    maxBodyBytes,
    clientKey: options.clientKey ?? ((request) => clientAddress(request) ?? 'all'),
    pool,
    roomExternalType: options.roomExternalType,
    redaction: {internalBase: client.baseUrl, password: options.password},
    resolveUser: options.resolveUser,
    onError: options.onError,
    close() {
      pool?.close();
      stopPool.abort();
    },
  };
}

function startPool(
  poolOptions: SidPoolOptions,
  clientOptions: ConstructorParameters<typeof OmClient>[0],
  account: Credentials,
  signal: AbortSignal,
  now?: () => number,
): SidPool {
  // Its own client, so close() can abort a login in flight without touching visitors' joins.
  const client = new EndpointClient({...clientOptions, signal});
  const pool = new SidPool(() => client.login(account), poolOptions, now);
  pool.refill();

  return pool;
}

function roomRule(rule: RoomRule | undefined): Settings['roomRefusal'] {
  if (rule === undefined) return async () => undefined;
  if (typeof rule === 'function') {
    return async (body, request) => {
      if (await rule(body, request)) return undefined;
      const field = roomField(body);
      const value = body[field];

      return {field, message: `${field}: ${value} is not open to this site's visitors`};
    };
  }
  const allowed = new Set(rule);
  for (const id of allowed) {
    if (!Number.isSafeInteger(id) || id <= 0) {
      throw configError('rooms', `expected room ids, got ${id}`);
    }
  }

  return async (body) => {
    if (body.recordingId !== undefined || body.externalRoomId) {
      const field = body.recordingId !== undefined ? 'recordingId' : 'externalRoomId';

      const message = `${field}: not allowed here; this endpoint admits listed room ids only`;

      return {field, message};
    }
    if (body.roomId !== undefined && allowed.has(body.roomId)) return undefined;

    const message = `roomId: room ${body.roomId} is not open to this site's visitors`;

    return {field: 'roomId', message};
  };
}

function roomField(body: JoinRequestBody): 'roomId' | 'externalRoomId' | 'recordingId' {
  if (body.roomId !== undefined) return 'roomId';

  return body.externalRoomId ? 'externalRoomId' : 'recordingId';
}
