import {OmError, configError, redactUrl, type OmErrorCode} from './errors.js';
import {send} from './http.js';
import {
  DEFAULT_TIMEOUT,
  OmClient,
  normalizeBase,
  roomUrl,
  type ExternalUser,
  type RoomOptions,
} from './openmeetings.js';

/** What the browser tells the site's token endpoint. Identity and rights are the site's call. */
export interface TokenRequest {
  roomId?: number;
  externalRoomId?: string;
  recordingId?: number;
  language?: number;
  firstname?: string;
  lastname?: string;
}

/** What a token endpoint may answer: a room URL, a hash, or a SID to ask for the hash with. */
export interface TokenResponse {
  url?: string;
  hash?: string;
  sid?: string;
  user?: ExternalUser;
  options?: RoomOptions;
}

export interface TokenJoinOptions {
  /** Absolute URL of the site's endpoint; its own query string is kept. */
  endpoint: string;
  /** The OpenMeetings base the room must be on; needed for `{hash}` and `{sid}` answers. */
  baseUrl?: string;
  request: TokenRequest;
  fetch?: typeof fetch;
  timeout?: number;
  signal?: AbortSignal;
}

const endpointCodes = new Set<OmErrorCode>([
  'config',
  'bad-credentials',
  'not-activated',
  'no-group',
  'not-allowed',
  'missing-external-id',
  'om-error',
  'http',
  'bad-response',
  'network',
  'tls',
  'timeout',
  'refused',
]);

type TokenAnswer = TokenResponse & {error?: {code?: unknown; message?: unknown; field?: unknown}};

/** Asks the site's token endpoint for a way into the room and returns the room URL. */
export async function tokenJoin(options: TokenJoinOptions): Promise<string> {
  const endpoint = checkEndpoint(options.endpoint);
  const facts = {step: 'token' as const, method: 'POST', url: redactUrl(endpoint)};
  const where = `(POST ${facts.url})`;
  let status: number;
  let ok: boolean;
  let body: TokenAnswer | undefined;
  try {
    const init = {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify(options.request),
    };
    const transport = {...options, timeout: options.timeout ?? DEFAULT_TIMEOUT};
    ({status, ok, body} = await send(endpoint, init, transport, async (response) => ({
      status: response.status,
      ok: response.ok,
      // Text first: a body cut off midway is a network failure, not an answer without JSON.
      body: parseJson<typeof body>(await response.text()),
    })));
  } catch (error) {
    const name = error instanceof Error || error instanceof DOMException ? error.name : '';
    if (name === 'TimeoutError') {
      throw new OmError('timeout', `Token request failed: no answer in time ${where}`, {
        ...facts,
        cause: error,
      });
    }
    const code = name === 'AbortError' ? 'aborted' : 'network';
    const reason = error instanceof Error ? error.message : String(error);

    throw new OmError(code, `Token request failed: ${reason} ${where}`, {...facts, cause: error});
  }

  if (!ok || !body || typeof body !== 'object') {
    const error = body?.error;
    const given = typeof error?.code === 'string' ? (error.code as OmErrorCode) : undefined;
    const code = given && endpointCodes.has(given) ? given : ok ? 'bad-response' : 'endpoint';
    const text =
      typeof error?.message === 'string'
        ? error.message
        : body
          ? 'no error message'
          : 'no JSON body';

    // The endpoint names the field it refused, so the element can show which one (#7).
    const field = typeof error?.field === 'string' ? error.field : undefined;
    const message = `Token request failed: HTTP ${status}, ${text} ${where}`;

    throw new OmError(code, message, {...facts, status, field});
  }

  return roomFromToken(body, options);
}

async function roomFromToken(body: TokenResponse, options: TokenJoinOptions): Promise<string> {
  const language = options.request.language;
  if (typeof body.url === 'string') return body.url;

  const base = options.baseUrl;
  const needBase = (kind: string) =>
    configError(
      'base-url',
      `the token endpoint answered with a ${kind}, so the OpenMeetings base URL is needed`,
    );
  if (typeof body.hash === 'string' && body.hash) {
    if (!base) throw needBase('hash');

    return roomUrl(base, body.hash, language);
  }
  if (typeof body.sid === 'string' && body.sid && body.user && body.options) {
    if (!base) throw needBase('SID');
    const client = new OmClient({baseUrl: base, fetch: options.fetch, timeout: options.timeout});
    const hash = await client.roomHash(body.sid, body.user, body.options);

    return roomUrl(base, hash, language);
  }

  throw new OmError(
    'bad-response',
    'Token request failed: the answer has no url, hash, or sid with user and options',
    {
      step: 'token',
      status: 200,
    },
  );
}

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

function checkEndpoint(value: string): string {
  normalizeBase(value, 'token-endpoint');
  const url = new URL(value);
  url.hash = '';

  return url.href;
}
