import type {IncomingMessage, ServerResponse} from 'node:http';
import type {Context} from './context.js';
import {parseQuery, parseUrlencoded, type Fields} from './form.js';
import {parseMediaType, readBody, sendHtml, type Headers} from './http.js';
import {languageOrEnglish, parseLanguageParam, type Language} from './languages.js';
import {renderPage, type PageView} from './pages.js';
import {displayName, type BrowserSession, type Visitor} from './store.js';

const COOKIE = 'JSESSIONID';

// OM's pages send these three and nothing that restricts framing (protocol §9.2, §10.2).
const PAGE_HEADERS: Headers = {
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-XSS-Protection': '1; mode=block',
};

/** `GET|POST {base}/hash?secure=…&language=…`: always 200 HTML (protocol §9). */
export async function hashPage(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  query: string,
) {
  const fields = await pageFields(req, query);
  const secure = fields.get('secure') ?? null;
  const {session, reload, headers} = browserSession(ctx, req, secure);
  // The same session reloading its own hash skips every check (protocol §7).
  const refusal = reload ? undefined : signIn(ctx, session, secure);
  const visitor = ctx.store.visitorOf(session);
  const language = pageLanguage(ctx, session, visitor, fields.get('language') ?? null);
  const resolved: Resolved =
    refusal !== undefined || !visitor
      ? {reason: refusal ?? 'not signed in'}
      : viewOf(ctx, session, visitor);
  const page: PageView = 'reason' in resolved ? {kind: 'invalid'} : resolved;
  ctx.store.record({
    kind: 'redemption',
    time: ctx.store.now(),
    hash: secure,
    session: session.id,
    outcome: page.kind,
    reason: 'reason' in resolved ? resolved.reason : undefined,
    reload,
    user: visitor && displayName(visitor),
    roomId: page.kind === 'room' || page.kind === 'closed' ? page.room.id : undefined,
    recordingId: page.kind === 'recording' ? page.recording.id : undefined,
    languageId: visitor && language.id,
    moderator: visitor && session.options?.moderator,
  });

  sendHtml(res, 200, renderPage(page, language, ctx.options.basePath), headers);
}

interface SessionState {
  session: BrowserSession;
  reload: boolean;
  headers: Headers;
}

/** The browser's session; opening a different hash ends a signed-in one first (protocol §7). */
function browserSession(ctx: Context, req: IncomingMessage, secure: string | null): SessionState {
  const headers: Headers = {...PAGE_HEADERS};
  const known = ctx.store.session(sessionCookie(req));
  const signedIn = known?.visitor !== undefined;
  const reload = signedIn && known.hash === secure;
  if (known && (reload || !signedIn)) return {session: known, reload, headers};

  if (known) ctx.store.endSession(known);
  const session = ctx.store.newSession();
  headers['Set-Cookie'] = sessionSetCookie(ctx, session.id);

  return {session, reload: false, headers};
}

/**
 * OM's sign-in with a hash. Returns why it refused, or undefined when the session is now the
 * visitor's. The hash is marked used even when the room turns out to be missing (protocol §7).
 */
function signIn(ctx: Context, session: BrowserSession, secure: string | null): string | undefined {
  const {store} = ctx;
  if (!secure) return 'no hash';

  const record = store.hashes.get(secure);
  if (!record) return 'unknown hash';
  if (record.used && !record.options.allowSameURLMultipleTimes) return 'hash already used';

  const sid = store.useSid(record.sid);
  if (!sid) return 'SID gone';

  // The identity is read from the SID as it is now, not as it was at hash time (protocol §6).
  const identity = sid.identity;
  if (!identity?.externalId) return 'no external user on the SID';

  const visitor = store.upsertVisitor(identity);
  record.used = true;
  if (ctx.traits.rebindOnRedeem) {
    sid.visitor = visitor.key;
    sid.account = undefined;
    sid.roomId = record.options.roomId;
  }
  Object.assign(session, {
    hash: secure,
    visitor: visitor.key,
    options: record.options,
    languageId: visitor.languageId,
  });

  return undefined;
}

type Resolved = Exclude<PageView, {kind: 'invalid'}> | {reason: string};

/** What a signed-in session sees: recording, room, closed notice, or a refusal. */
function viewOf(ctx: Context, session: BrowserSession, visitor: Visitor): Resolved {
  const {recordings, rooms} = ctx.options;
  const options = session.options;
  if (!options) return {reason: 'not signed in'};

  if (options.recordingId !== undefined) {
    const recording = recordings.find((candidate) => candidate.id === options.recordingId);

    return recording ? {kind: 'recording', recording, visitor} : {reason: 'recording not found'};
  }

  // Both external keys win over roomId from 5.1 (OPENMEETINGS-2297); the parser drops them before.
  const byExternal = options.externalRoomId !== '' && options.externalType !== '';
  const room = rooms.find((candidate) =>
    byExternal
      ? candidate.externalId === options.externalRoomId &&
        candidate.externalType === options.externalType
      : candidate.id === options.roomId,
  );
  if (!room) return {reason: 'room not found'};
  if (room.deleted) return {reason: 'room deleted'};

  return {kind: room.closed ? 'closed' : 'room', room, visitor, moderator: options.moderator};
}

/**
 * `language` is honoured from 5.0 and overrides the visitor's language for this browser
 * session; unknown ids and 0 mean English, other values are ignored (protocol §9.1, §11).
 */
function pageLanguage(
  ctx: Context,
  session: BrowserSession,
  visitor: Visitor | undefined,
  param: string | null,
): Language {
  const requested = ctx.traits.hashPageLanguage ? parseLanguageParam(param) : undefined;
  if (visitor && requested !== undefined) {
    session.languageId = languageOrEnglish(ctx.languages, requested).id;
  }

  return languageOrEnglish(ctx.languages, session.languageId ?? visitor?.languageId ?? 1);
}

/** Query parameters, plus urlencoded body fields for a POST, as the web app reads them. */
async function pageFields(req: IncomingMessage, query: string): Promise<Fields> {
  const fields = parseQuery(query);
  if (req.method !== 'POST') return fields;

  const body = await readBody(req);
  const media = parseMediaType(req.headers['content-type']);
  if (!body || media?.type !== 'application/x-www-form-urlencoded') return fields;

  for (const [name, value] of parseUrlencoded(body, media.params.charset)) {
    if (!fields.has(name)) fields.set(name, value);
  }

  return fields;
}

function sessionCookie(req: IncomingMessage): string | undefined {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === COOKIE) return pair.slice(eq + 1).trim();
  }

  return undefined;
}

/** The session cookie is `SameSite=Lax` from 5.1 (protocol §10.2). */
function sessionSetCookie(ctx: Context, id: string): string {
  const path = ctx.options.basePath || '/';
  const sameSite = ctx.traits.sameSiteLax ? '; SameSite=Lax' : '';

  return `${COOKIE}=${id}; Path=${path}; HttpOnly${sameSite}`;
}
