import ky, {TimeoutError} from 'ky';
import {OmError, configError, redactUrl, type OmErrorCode} from './errors.js';
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
  'config', 'bad-credentials', 'not-activated', 'no-group', 'not-allowed', 'missing-external-id',
  'om-error', 'http', 'bad-response', 'network', 'tls', 'timeout', 'refused',
]);

/** Asks the site's token endpoint for a way into the room and returns the room URL. */
export async function tokenJoin(options: TokenJoinOptions): Promise<string> {
  const endpoint = checkEndpoint(options.endpoint);
  const facts = {step: 'token' as const, method: 'POST', url: redactUrl(endpoint)};
  const where = `(POST ${facts.url})`;
  let response: Response;
  try {
    response = await ky.post(endpoint, {
      json: options.request,
      fetch: options.fetch,
      timeout: options.timeout ?? DEFAULT_TIMEOUT,
      signal: options.signal,
      retry: 0,
      throwHttpErrors: false,
    });
  } catch (error) {
    if (error instanceof TimeoutError) {
      throw new OmError('timeout', `Token request failed: no answer in time ${where}`, {...facts, cause: error});
    }
    const code = error instanceof Error && error.name === 'AbortError' ? 'aborted' : 'network';
    const reason = error instanceof Error ? error.message : String(error);

    throw new OmError(code, `Token request failed: ${reason} ${where}`, {...facts, cause: error});
  }

  const status = response.status;
  const body = (await response.json().catch(() => undefined)) as
    | (TokenResponse & {error?: {code?: unknown; message?: unknown}})
    | undefined;
  if (!response.ok || !body || typeof body !== 'object') {
    const error = body?.error;
    const given = typeof error?.code === 'string' ? (error.code as OmErrorCode) : undefined;
    const code = given && endpointCodes.has(given) ? given : response.ok ? 'bad-response' : 'endpoint';
    const text = typeof error?.message === 'string' ? error.message : body ? 'no error message' : 'no JSON body';

    throw new OmError(code, `Token request failed: HTTP ${status}, ${text} ${where}`, {...facts, status});
  }

  return roomFromToken(body, options);
}

async function roomFromToken(body: TokenResponse, options: TokenJoinOptions): Promise<string> {
  const language = options.request.language;
  if (typeof body.url === 'string') return body.url;

  const base = options.baseUrl;
  const needBase = (kind: string) =>
    configError('base-url', `the token endpoint answered with a ${kind}, so the OpenMeetings base URL is needed`);
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

  throw new OmError('bad-response', 'Token request failed: the answer has no url, hash, or sid with user and options', {
    step: 'token',
    status: 200,
  });
}

function checkEndpoint(value: string): string {
  normalizeBase(value, 'token-endpoint');
  const url = new URL(value);
  url.hash = '';

  return url.href;
}
