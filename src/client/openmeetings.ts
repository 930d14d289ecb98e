import {readResult, stepName, transportError, type ServiceResult} from './envelope.js';
import {OmError, configError, redactUrl, type OmErrorCode, type OmStep} from './errors.js';
import {send, type SendOptions} from './http.js';

/** The visitor as OpenMeetings' ExternalUserDTO knows it (protocol §5.2). */
export interface ExternalUser {
  externalId: string;
  externalType: string;
  login?: string;
  firstname?: string;
  lastname?: string;
  email?: string;
  profilePictureUrl?: string;
}

/** OpenMeetings' RoomOptionsDTO (protocol §5.3). */
export interface RoomOptions {
  roomId?: number;
  externalRoomId?: string;
  externalType?: string;
  recordingId?: number;
  moderator?: boolean;
  showAudioVideoTest?: boolean;
  allowRecording?: boolean;
  allowSameURLMultipleTimes?: boolean;
}

export type LoginMethod = 'auto' | 'POST' | 'GET';

export interface OmClientOptions {
  /** OpenMeetings base, e.g. `https://om.example.org/openmeetings`. */
  baseUrl: string;
  fetch?: typeof fetch;
  /**
   * Per-request limit in ms. It must outlast OM 9's 6–15 s answer to a bad password
   * (OPENMEETINGS-2817), or that answer turns into a vague timeout (protocol §14).
   */
  timeout?: number;
  /** `auto` posts first and falls back once to GET on 405 (OM 8.1 and older). */
  loginMethod?: LoginMethod;
  signal?: AbortSignal;
}

export interface Credentials {
  user: string;
  password: string;
}

const loginKeys: Record<string, OmErrorCode> = {
  'error.bad.credentials': 'bad-credentials',
  'error.notactivated': 'not-activated',
  'error.nogroup': 'no-group',
  'Login failed': 'bad-credentials',
};

export const DEFAULT_TIMEOUT = 30_000;

/**
 * Age past which a spare SID is not handed out. OM drops a SID 30 to 35 minutes after its last
 * use (protocol §7); the hash made on it must still be redeemed after that.
 */
export const SPARE_MAX_AGE = 20 * 60_000;

interface Spare {
  sid: Promise<string>;
  at: number;
  failed?: boolean;
}

// Spare logins by fetch, then by base URL and account: a page's buttons share them.
const spares = new WeakMap<object, Map<string, Spare>>();
const globalFetch = {};

/** Checks and normalises an OpenMeetings base URL: absolute http(s), no trailing slash. */
export function normalizeBase(value: string, field = 'baseUrl'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw configError(field, `expected an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw configError(field, `expected an http: or https: URL, got ${url.protocol}`);
  }
  if (url.username || url.password) throw configError(field, 'must not contain a user or password');

  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** The page that lets a visitor into the room: `{base}/hash?secure=…&language=…` (protocol §9). */
export function roomUrl(baseUrl: string, hash: string, languageId?: number): string {
  const query = new URLSearchParams({secure: hash});
  if (languageId !== undefined) query.set('language', String(languageId));

  return `${normalizeBase(baseUrl)}/hash?${query}`;
}

/** Speaks OpenMeetings' REST user service. No DOM: it runs in browsers and in Node. */
export class OmClient {
  readonly baseUrl: string;
  // No retry in the client: a repeated hash POST spends a login and mints a second hash. The
  // token endpoint's EndpointClient repeats a login, and only that (src/server/upstream.ts).
  private readonly transport: SendOptions;
  private loginMethod: LoginMethod;

  constructor(options: OmClientOptions) {
    this.baseUrl = normalizeBase(options.baseUrl);
    this.loginMethod = options.loginMethod ?? 'auto';
    this.transport = {
      fetch: options.fetch,
      timeout: options.timeout ?? DEFAULT_TIMEOUT,
      signal: options.signal,
    };
  }

  /** Logs in with the API account and returns a new SID (protocol §4). */
  async login({user, password}: Credentials): Promise<string> {
    if (!user) throw configError('user', 'the OpenMeetings API user is empty');
    if (!password) throw configError('password', 'the OpenMeetings API password is empty');

    const result = await this.loginOnce(user, password);

    return this.expectSuccess(result, 'login', loginKeys);
  }

  /**
   * Logs in ahead of a join, unless a spare SID for this base URL, account and fetch is already
   * there or on its way. `takeSpareLogin` hands it to one join only, so each hash still gets a
   * SID of its own (protocol §6); the spare only moves the login off the visitor's wait.
   * A spare whose login failed is tried again here, at the next sign of intent.
   */
  spareLogin(account: Credentials): void {
    const [held, key] = this.spares(account);
    const spare = held.get(key);
    if (spare && !spare.failed && Date.now() - spare.at < SPARE_MAX_AGE) return;

    const next: Spare = {sid: this.login(account), at: Date.now()};
    held.set(key, next);
    next.sid.catch(() => (next.failed = true));
  }

  /**
   * The spare SID of `spareLogin`, perhaps still logging in; each is handed out once. A failed
   * login is handed out too: the join reports it rather than log in a second time.
   */
  takeSpareLogin(account: Credentials): Promise<string> | undefined {
    const [held, key] = this.spares(account);
    const spare = held.get(key);
    held.delete(key);

    return spare && Date.now() - spare.at < SPARE_MAX_AGE ? spare.sid : undefined;
  }

  /** Asks for a one-time room hash on `sid` for `user` (protocol §5). */
  async roomHash(sid: string, user: ExternalUser, options: RoomOptions): Promise<string> {
    if (!sid) throw configError('sid', 'a SID from login is required');
    checkExternalUser(user);
    checkRoomOptions(options);

    // The SID goes in the query: OpenMeetings ignores one in the body (protocol §5.1).
    const body = new URLSearchParams({
      user: JSON.stringify(user),
      options: JSON.stringify(options),
    });
    const result = await this.call('hash', 'POST', 'user/hash', {searchParams: {sid}, body});

    return this.expectSuccess(result, 'hash', {
      'error.notallowed': 'not-allowed',
      'externalId and/or externalType are not set': 'missing-external-id',
    });
  }

  /** The text of an OpenMeetings message key in a language (protocol §8). */
  async errorText(key: string, languageId: number): Promise<string> {
    const path = `error/${encodeURIComponent(key)}/${Math.trunc(languageId)}`;
    const result = await this.call('error-text', 'GET', path, {});

    return result.message;
  }

  private spares({user, password}: Credentials): [Map<string, Spare>, string] {
    const by = this.transport.fetch ?? globalFetch;
    const held = spares.get(by) ?? new Map<string, Spare>();
    spares.set(by, held);

    return [held, JSON.stringify([this.baseUrl, user, password])];
  }

  private async loginOnce(user: string, password: string): Promise<ServiceResult> {
    const fields = {user, pass: password};
    // Read once: a concurrent login may switch the setting to GET while this POST is under way.
    const method = this.loginMethod;
    if (method === 'GET') {
      // OM 8.1 and older only take a GET; the password then sits in their access log (OPENMEETINGS-2816).
      return this.call('login', 'GET', 'user/login', {searchParams: fields});
    }
    try {
      return await this.call('login', 'POST', 'user/login', {body: new URLSearchParams(fields)});
    } catch (error) {
      if (method !== 'auto' || !(error instanceof OmError) || error.status !== 405) throw error;

      // Remember the answer so later logins on this client skip the 405 round trip.
      this.loginMethod = 'GET';

      return this.loginOnce(user, password);
    }
  }

  private async call(
    step: OmStep,
    method: 'GET' | 'POST',
    path: string,
    options: {searchParams?: Record<string, string>; body?: URLSearchParams},
  ): Promise<ServiceResult> {
    const url = `${this.baseUrl}/services/${path}`;
    const facts = {step, method, url: redactUrl(url)};
    const query = options.searchParams ? `?${new URLSearchParams(options.searchParams)}` : '';
    try {
      // A redirect would carry the form, password included, to wherever it points.
      const init: RequestInit = {method, body: options.body, redirect: 'manual'};

      return await send(url + query, init, this.transport, (response) =>
        readResult(response, facts),
      );
    } catch (error) {
      throw transportError(error, facts);
    }
  }

  private expectSuccess(
    result: ServiceResult,
    step: OmStep,
    keys: Record<string, OmErrorCode>,
  ): string {
    if (result.type === 'SUCCESS' && result.message) return result.message;

    const key = result.message;
    const what = `OpenMeetings ${stepName[step]} failed`;
    if (result.type === 'SUCCESS') {
      throw new OmError('bad-response', `${what}: HTTP 200, SUCCESS without a message`, {
        step,
        status: 200,
      });
    }

    const text = key || 'HTTP 200, ERROR with an empty message';

    throw new OmError(keys[key] ?? 'om-error', `${what}: ${text}`, {
      step,
      status: 200,
      key: key || undefined,
    });
  }
}

function checkExternalUser(user: ExternalUser): void {
  if (!user || typeof user !== 'object')
    throw configError('user', 'expected an external user object');
  // Required since OM 5.0 (OPENMEETINGS-1937); checking here saves a round trip.
  if (typeof user.externalId !== 'string' || !user.externalId.trim()) {
    throw configError('externalId', 'expected a non-empty string that identifies the visitor');
  }
  if (typeof user.externalType !== 'string' || !user.externalType.trim()) {
    throw configError('externalType', 'expected a non-empty string naming the calling system');
  }
}

function checkRoomOptions(options: RoomOptions): void {
  const byExternalId = !!options.externalRoomId && !!options.externalType;
  const ids = ['roomId', 'recordingId'] as const;
  for (const field of ids) {
    const value = options[field];
    if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) {
      throw configError(field, `expected a positive whole number, got ${String(value)}`);
    }
  }
  if (options.roomId === undefined && options.recordingId === undefined && !byExternalId) {
    throw configError(
      'roomId',
      'expected a room id, a recording id, or externalRoomId with externalType',
    );
  }
}
