import {OmError, type OmErrorCode} from '../client/errors.js';
import {freshHash} from '../client/join.js';
import {parseLanguageId} from '../client/languages.js';
import {
  OmClient,
  normalizeBase,
  roomUrl,
  type ExternalUser,
  type LoginMethod,
  type RoomOptions,
} from '../client/openmeetings.js';

/** The JSON body the element posts: which room, which language, and an optional guest name. */
export interface JoinRequestBody {
  roomId?: number;
  externalRoomId?: string;
  recordingId?: number;
  language?: number;
  firstname?: string;
  lastname?: string;
}

/** Who the visitor is, as the site knows it. Never taken from the request body. */
export interface Visitor {
  user: ExternalUser;
  /** Super-moderator in the room. Decide it from the site's own session, never from the page. */
  moderator?: boolean;
  /** Headers to add to a successful answer, e.g. the cookie that keeps a guest's id. */
  headers?: Record<string, string>;
}

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
  resolveUser(request: Request, body: JoinRequestBody): Visitor | Response | Promise<Visitor | Response>;
  fetch?: typeof fetch;
  /** Per OpenMeetings call, in ms. */
  timeout?: number;
  loginMethod?: LoginMethod;
}

export type TokenHandler = (request: Request) => Promise<Response>;

/** Creates the site's token endpoint: the API account stays here, the browser gets a room URL. */
export function createTokenHandler(options: TokenEndpointOptions): TokenHandler {
  const client = new OmClient({
    baseUrl: options.omUrl,
    fetch: options.fetch,
    timeout: options.timeout,
    loginMethod: options.loginMethod,
  });
  const publicBase = normalizeBase(options.omPublicUrl ?? options.omUrl, 'omPublicUrl');
  const account = {user: options.user, password: options.password};

  return async (request) => {
    if (request.method !== 'POST') {
      return errorResponse(405, 'method', 'use POST with a JSON body', {allow: 'POST'});
    }

    let body: JoinRequestBody;
    try {
      body = parseBody(await request.text());
    } catch (error) {
      return errorResponse(400, 'config', (error as Error).message);
    }

    const visitor = await options.resolveUser(request, body);
    if (visitor instanceof Response) return visitor;

    const roomOptions: RoomOptions = {
      roomId: body.roomId,
      externalRoomId: body.externalRoomId,
      externalType: body.externalRoomId ? visitor.user.externalType : undefined,
      recordingId: body.recordingId,
      moderator: visitor.moderator === true,
    };
    try {
      const hash = await freshHash(client, account, visitor.user, roomOptions);

      return json(200, {url: roomUrl(publicBase, hash, body.language)}, visitor.headers);
    } catch (error) {
      return upstreamError(error);
    }
  };
}

function parseBody(text: string): JoinRequestBody {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('body: expected a JSON object');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('body: expected a JSON object');
  const input = raw as Record<string, unknown>;
  const body: JoinRequestBody = {};
  for (const field of ['roomId', 'recordingId'] as const) {
    if (input[field] === undefined) continue;
    const value = input[field];
    if (!Number.isSafeInteger(value) || (value as number) <= 0) {
      throw new Error(`${field}: expected a positive whole number`);
    }
    body[field] = value as number;
  }
  if (input.language !== undefined) {
    body.language = parseLanguageId(input.language as number);
    if (body.language === undefined) throw new Error('language: expected a positive whole number');
  }
  for (const field of ['externalRoomId', 'firstname', 'lastname'] as const) {
    if (input[field] === undefined) continue;
    if (typeof input[field] !== 'string') throw new Error(`${field}: expected a string`);
    body[field] = input[field] as string;
  }
  if (body.roomId === undefined && body.recordingId === undefined && !body.externalRoomId) {
    throw new Error('roomId: expected a room id, a recording id or an external room id');
  }

  return body;
}

const statusFor: Partial<Record<OmErrorCode, number>> = {
  config: 400,
  timeout: 504,
};

function upstreamError(error: unknown): Response {
  if (!(error instanceof OmError)) return errorResponse(500, 'internal', 'the join failed unexpectedly');

  // OpenMeetings' own answer is the gateway's business, not the visitor's: 502, with its key.
  return errorResponse(statusFor[error.code] ?? 502, error.code, error.message);
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return json(status, {error: {code, message}}, headers);
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: {'content-type': 'application/json', 'cache-control': 'no-store', ...headers},
  });
}
