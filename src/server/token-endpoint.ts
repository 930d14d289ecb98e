import {OmError} from '../client/errors.js';
import {freshHash} from '../client/join.js';
import {languageIdForTags} from '../client/languages.js';
import {roomUrl, type RoomOptions} from '../client/openmeetings.js';
import {
  corsHeaders,
  crossSiteLinkRefusal,
  crossSiteRefusal,
  isJsonContentType,
  preflight,
} from './guard.js';
import {
  InputError,
  parseJoinJson,
  parseJoinQuery,
  readBody,
  type JoinRequestBody,
} from './request-body.js';
import {errorResponse, json, upstreamResponse} from './responses.js';
import type {SidPool} from './sid-pool.js';
import {
  resolveSettings,
  type Settings,
  type TokenEndpointOptions,
  type Visitor,
} from './settings.js';

export type {JoinRequestBody} from './request-body.js';
export type {TokenEndpointOptions, Visitor} from './settings.js';

/** A Fetch-API handler: Request in, Response out. `close()` stops the SID pool, if any. */
export type TokenHandler = ((request: Request) => Promise<Response>) & {
  close(): void;
  /** The SID pool when `pool` is set, e.g. to wait for its `refill` events. */
  readonly pool?: SidPool;
};

/**
 * Creates the site's token endpoint: the API account stays here, the browser gets a room URL.
 *
 * - `POST` with a JSON body answers `200 {"url"}`.
 * - `GET ?roomId=…&language=…` answers 302 to the room, so a plain link works without script.
 * - `OPTIONS` answers CORS preflights from `allowedOrigins`.
 *
 * Every failure is `{"error":{"code","message","field"?}}` with a fitting status.
 */
export function createTokenHandler(options: TokenEndpointOptions): TokenHandler {
  const settings = resolveSettings(options);
  const handle = async (request: Request): Promise<Response> => {
    let response: Response;
    try {
      response = await route(request, settings);
    } catch (error) {
      settings.onError?.(error, request);
      response = errorResponse(500, 'internal', 'the token endpoint failed; see the server log');
    }
    for (const [name, value] of Object.entries(corsHeaders(request, settings.origins))) {
      // A Response from resolveUser may be a redirect, whose headers are immutable.
      try {
        if (!response.headers.has(name)) response.headers.set(name, value);
      } catch {
        break;
      }
    }

    return response;
  };

  return Object.assign(handle, {close: () => settings.close(), pool: settings.pool});
}

async function route(request: Request, settings: Settings): Promise<Response> {
  if (request.method === 'POST') return post(request, settings);
  if (request.method === 'GET' && settings.links) return get(request, settings);
  if (request.method === 'OPTIONS') return preflight(request, settings.origins);

  const allow = settings.links ? 'POST, GET, OPTIONS' : 'POST, OPTIONS';

  return errorResponse(405, 'method', `use POST with a JSON body, not ${request.method}`, {allow});
}

async function post(request: Request, settings: Settings): Promise<Response> {
  const refusal = crossSiteRefusal(request, settings.origins);
  if (refusal) return errorResponse(403, 'cross-site', refusal);
  const limited = rateLimit(request, settings);
  if (limited) return limited;
  if (!isJsonContentType(request.headers.get('content-type'))) {
    const given = request.headers.get('content-type') ?? 'none';
    const message = `content-type: expected application/json, got ${given.slice(0, 60)}`;

    return errorResponse(415, 'unsupported-media-type', message, {}, 'content-type');
  }

  let body: JoinRequestBody;
  try {
    body = parseJoinJson(await readBody(request, settings.maxBodyBytes));
  } catch (error) {
    return inputErrorResponse(error);
  }
  const joined = await join(request, body, settings);
  if (joined instanceof Response) return joined;

  return json(200, {url: joined.url}, joined.headers);
}

async function get(request: Request, settings: Settings): Promise<Response> {
  const refusal = crossSiteLinkRefusal(request, settings.origins);
  if (refusal) return errorResponse(403, 'cross-site', refusal);
  const limited = rateLimit(request, settings);
  if (limited) return limited;

  let body: JoinRequestBody;
  try {
    body = parseJoinQuery(new URL(request.url).searchParams);
  } catch (error) {
    return inputErrorResponse(error);
  }
  const joined = await join(request, body, settings);
  if (joined instanceof Response) return joined;

  // The room URL holds a one-time hash: no cache may keep it, and OM need not see this URL.
  return new Response(null, {
    status: 302,
    headers: {
      ...joined.headers,
      location: joined.url,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    },
  });
}

function rateLimit(request: Request, settings: Settings): Response | undefined {
  const retryAfter = settings.limiter?.take(settings.clientKey(request));
  if (retryAfter === undefined) return undefined;

  const message = `too many join requests; try again in ${retryAfter} s`;

  return errorResponse(429, 'rate-limited', message, {'retry-after': String(retryAfter)});
}

function inputErrorResponse(error: unknown): Response {
  if (!(error instanceof InputError)) throw error;

  const code = error.status === 413 ? 'too-large' : 'config';

  return errorResponse(error.status, code, error.message, {}, error.field);
}

interface Joined {
  url: string;
  headers: Record<string, string>;
}

async function join(
  request: Request,
  body: JoinRequestBody,
  settings: Settings,
): Promise<Joined | Response> {
  const refusedRoom = await settings.roomRefusal(body, request);
  if (refusedRoom) return errorResponse(403, 'refused', refusedRoom.message, {}, refusedRoom.field);

  const visitor: Visitor | Response = await settings.resolveUser(request, body);
  if (visitor instanceof Response) return visitor;

  const options: RoomOptions = {
    roomId: body.roomId,
    recordingId: body.recordingId,
    // Moderator only from the site's own decision, never from the request (protocol §14).
    moderator: visitor.moderator === true,
  };
  if (body.externalRoomId) {
    options.externalRoomId = body.externalRoomId;
    options.externalType = settings.roomExternalType ?? visitor.user.externalType;
  }
  let hash: string;
  try {
    // A pooled SID is fresh and leaves the pool for good; without one, freshHash logs in itself.
    const pooled = settings.pool?.take();
    hash = await freshHash(settings.client, settings.account, visitor.user, options, pooled);
  } catch (error) {
    if (!(error instanceof OmError)) throw error;

    settings.onError?.(error, request);

    return upstreamResponse(error, settings.redaction);
  }
  const language = body.language ?? acceptedLanguage(request);

  return {url: roomUrl(settings.publicBase, hash, language), headers: visitor.headers ?? {}};
}

/** The browser's preferred languages, in the order listed (protocol §11: OM wants an id). */
function acceptedLanguage(request: Request): number | undefined {
  const header = request.headers.get('accept-language');
  if (!header) return undefined;

  return languageIdForTags(header.split(',').map((part) => part.split(';')[0].trim()));
}
