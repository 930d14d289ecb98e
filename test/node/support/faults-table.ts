import type {IncomingMessage, ServerResponse} from 'node:http';
import type {OmErrorCode} from '../../../src/client/index.js';
import type {Emulator} from '../../../src/emulator/index.js';
import type {TokenEndpointOptions} from '../../../src/server/index.js';
import {ACCOUNT, type Listener} from './faults-site.js';

/** What a fault may use: the healthy emulator, where it is mounted, and how to scale waits. */
export interface FaultContext {
  emulator: Emulator;
  /** The site's origin, for a fault that calls the healthy emulator itself. */
  origin: string;
  /** The path the faulty OpenMeetings is mounted at; it hands healthy calls to the emulator. */
  prefix: string;
  /** 1 in real time; smaller where the waiting side's timeout is scaled down with it. */
  scale: number;
}

export interface Failure {
  code: OmErrorCode;
  /** What the message must say: the step, and the status when one came. */
  says: RegExp;
  /** The token endpoint's status when the fault sits behind it. */
  status: number;
  /** Upstream calls OpenMeetings sees for one join: the retry policy in numbers. */
  logins: number;
  hashes: number;
}

export interface Recovery {
  ok: true;
  logins: number;
  hashes: number;
  /** What the room page shows: the room, or OpenMeetings' "Invalid hash" dialog. */
  room: 'room' | 'invalid';
}

export type Outcome = Failure | Recovery;

export interface FaultRow {
  id: string;
  title: string;
  /** The faulty OpenMeetings; a closed port (connection refused) when left out. */
  om?: (ctx: FaultContext) => Listener;
  /** Seen through the token endpoint (Node and token mode) and by same-origin mode. */
  expect: Outcome;
  /** Where same-origin mode meets something else than the endpoint does. */
  sameOrigin?: Outcome;
  roomId?: number;
  endpointOptions?: Partial<TokenEndpointOptions>;
  /** The same fault in front of the token endpoint itself, as a proxy or a broken host gives it. */
  proxy?: (ctx: FaultContext) => Listener;
  proxyExpect?: {code: OmErrorCode; says: RegExp};
  /** Rows that wait out the element's own 30 s timeout, or OpenMeetings' 12 s in real time. */
  slow?: boolean;
  /** An emulator of its own, for a fault that moves the clock under every SID. */
  ownEmulator?: boolean;
}

const MINUTE = 60_000;

/** The emulator's own answer, for the step a row leaves healthy. */
function healthy(ctx: FaultContext): Listener {
  return (req, res) => {
    req.url = `/openmeetings${(req.url ?? '/').slice(ctx.prefix.length)}`;
    ctx.emulator.handle(req, res);
  };
}

/** OpenMeetings with `fault` at one step of the join and the emulator everywhere else. */
function at(step: 'login' | 'hash', fault: (ctx: FaultContext) => Listener) {
  return (ctx: FaultContext): Listener => {
    const faulty = fault(ctx);
    const rest = healthy(ctx);

    return (req, res) => {
      const path = (req.url ?? '').split('?', 1)[0];
      (path.endsWith(`/services/user/${step}`) ? faulty : rest)(req, res);
    };
  };
}

function answer(status: number, body = '', type = 'application/json') {
  return () => (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    res.writeHead(status, body ? {'content-type': type} : {});
    res.end(body);
  };
}

/** Headers and the start of a body, then the socket dies. */
function resetMidway() {
  return () => (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    res.writeHead(200, {'content-type': 'application/json', 'content-length': '200'});
    res.write('{"serviceResult":{"mess', () => res.socket?.destroy());
  };
}

/** Takes the request and never answers; the site closes the socket when it stops. */
function hang() {
  return () => (req: IncomingMessage) => void req.resume();
}

/** OpenMeetings 9's answer to a wrong password, after `seconds` (OPENMEETINGS-2817). */
function badPasswordAfter(seconds: number) {
  return (ctx: FaultContext) => (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    const body = '{"serviceResult":{"message":"error.bad.credentials","type":"ERROR"}}';
    const timer = setTimeout(
      () => {
        res.writeHead(200, {'content-type': 'application/json'}).end(body);
      },
      seconds * 1000 * ctx.scale,
    );
    res.on('close', () => clearTimeout(timer));
  };
}

/** The emulator, with its clock moved past the SID's 30 to 35 minutes before the first hash. */
function expiresFirstSid(ctx: FaultContext): Listener {
  let expired = false;
  const rest = healthy(ctx);

  return (req, res) => {
    if (!expired) ctx.emulator.advanceClock(36 * MINUTE);
    expired = true;
    rest(req, res);
  };
}

/**
 * A token endpoint that hands the browser a SID, which `expiresFirstSid` lets expire before the
 * browser asks for the hash with it.
 */
function sidAnswer(ctx: FaultContext): Listener {
  return (req, res) => {
    req.resume();
    const body = new URLSearchParams({user: ACCOUNT.user, pass: ACCOUNT.password});
    void fetch(`${ctx.origin}${ctx.prefix}/services/user/login`, {method: 'POST', body})
      .then((login) => login.json() as Promise<{serviceResult: {message: string}}>)
      .then(({serviceResult}) => {
        const user = {externalId: 'guest-1', externalType: 'fault-site'};
        const token = {sid: serviceResult.message, user, options: {roomId: 1}};
        res.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify(token));
      });
  };
}

const html = (title: string, text: string) =>
  `<!doctype html><html><head><title>${title}</title></head>` +
  `<body><h1>${title}</h1><p>${text}</p></body></html>`;
const proxyPage = (status: number) => {
  const page = html(`${status} from the proxy`, 'The upstream did not answer well.');

  return answer(status, page, 'text/html');
};
const npe = '{"serviceResult":{"message":"java.lang.NullPointerException","type":"ERROR"}}';
const tomcat500 = html('HTTP Status 500', 'The server met an internal error.');
const ssoPage =
  '<!doctype html><html><body><form method="post" action="/sso/login">' +
  '<input name="username"><input name="password" type="password"></form></body></html>';
const notAllowed = '{"serviceResult":{"message":"error.notallowed","type":"ERROR"}}';

const failure = (
  code: OmErrorCode,
  says: RegExp,
  status: number,
  logins: number,
  hashes: number,
): Failure => ({code, says, status, logins, hashes});
// The endpoint answers 502 for whatever OpenMeetings said or failed to say.
const onHash = (says: RegExp) => failure('http', says, 502, 1, 1);
const proxied = (status: number): FaultRow['proxyExpect'] => ({
  code: 'endpoint',
  says: new RegExp(`^Token request failed: HTTP ${status}, no JSON body`),
});
const refusedSid = /hash request failed: HTTP 500 .*the API account lacks the SOAP right/;

/** Every fault of issue 7 item 1, at the step where it hurts most. */
export const faultRows: FaultRow[] = [
  {
    id: 'refused',
    title: 'connection refused',
    expect: failure('network', /login failed: .*(ECONNREFUSED|Failed to fetch)/, 502, 1, 0),
    proxyExpect: {code: 'network', says: /^Token request failed: Failed to fetch/},
  },
  {
    id: 'reset',
    title: 'connection reset mid-response',
    om: at('hash', resetMidway()),
    expect: failure('network', /hash( request)? failed: /, 502, 1, 1),
    proxy: resetMidway(),
    proxyExpect: {code: 'network', says: /^Token request failed: (Failed to fetch|network error)/},
  },
  {
    id: 'timeout',
    title: 'timeout (slow upstream)',
    om: at('hash', hang()),
    endpointOptions: {timeout: 1000},
    expect: failure('timeout', /hash( request)? failed: no answer in time/, 504, 1, 1),
    proxy: hang(),
    proxyExpect: {code: 'timeout', says: /^Token request failed: no answer in time/},
    slow: true,
  },
  {
    id: 'json-500',
    title: '500 with JSON',
    om: at('hash', answer(500, npe)),
    expect: onHash(/hash request failed: HTTP 500 java\.lang\.NullPointerException/),
    proxy: answer(500, '{"error":{"code":"internal","message":"the token endpoint failed"}}'),
    proxyExpect: {
      code: 'endpoint',
      says: /^Token request failed: HTTP 500, the token endpoint failed/,
    },
  },
  {
    id: 'html-500',
    title: '500 with an HTML page',
    om: at('hash', answer(500, tomcat500, 'text/html;charset=utf-8')),
    expect: failure('not-allowed', refusedSid, 502, 2, 2),
    proxy: answer(500, tomcat500, 'text/html'),
    proxyExpect: proxied(500),
  },
  ...[502, 503, 504].map((status): FaultRow => ({
    id: `proxy-${status}`,
    title: `${status} from a proxy`,
    om: at('hash', proxyPage(status)),
    expect: onHash(new RegExp(`hash request failed: HTTP ${status} \\(an HTML page\\)`)),
    proxy: proxyPage(status),
    proxyExpect: proxied(status),
  })),
  ...[400, 405, 415].map((status): FaultRow => ({
    id: `empty-${status}`,
    title: `${status} with an empty body`,
    om: at('hash', answer(status)),
    expect: onHash(new RegExp(`hash request failed: HTTP ${status} \\(empty body\\)`)),
    proxy: answer(status),
    proxyExpect: proxied(status),
  })),
  {
    id: 'bad-json',
    title: '200 with malformed JSON',
    om: at('hash', answer(200, '{"serviceResult":{"message":"4d5b')),
    expect: failure('bad-response', /hash request failed: HTTP 200 with a body that is/, 502, 1, 1),
    proxy: answer(200, '{"url":"http://'),
    proxyExpect: {code: 'bad-response', says: /^Token request failed: HTTP 200, no JSON body/},
  },
  {
    id: 'sso-page',
    title: '200 with an HTML login page from a proxy',
    om: at('login', answer(200, ssoPage, 'text/html')),
    expect: failure('bad-response', /login failed: HTTP 200 with an HTML page, not a/, 502, 1, 0),
    proxy: answer(200, ssoPage, 'text/html'),
    proxyExpect: {code: 'bad-response', says: /^Token request failed: HTTP 200, no JSON body/},
  },
  {
    id: 'empty-200',
    title: 'empty 200',
    om: at('hash', answer(200)),
    expect: failure('bad-response', /hash request failed: HTTP 200 with an empty body/, 502, 1, 1),
    proxy: answer(200),
    proxyExpect: {code: 'bad-response', says: /^Token request failed: HTTP 200, no JSON body/},
  },
  {
    id: 'empty-204',
    title: '204',
    om: at('hash', answer(204)),
    expect: onHash(/hash request failed: HTTP 204 \(empty body\)/),
    proxy: answer(204),
    proxyExpect: {code: 'bad-response', says: /^Token request failed: HTTP 204, no JSON body/},
  },
  {
    id: 'error-empty',
    title: 'type ERROR with an empty message',
    om: at('hash', answer(200, '{"serviceResult":{"type":"ERROR"}}')),
    expect: failure('om-error', /hash request failed: HTTP 200, ERROR with an empty/, 502, 1, 1),
  },
  {
    id: 'bad-password',
    title: 'a bad-password answer after 12 s',
    om: at('login', badPasswordAfter(12)),
    // Scaled with the wait, the endpoint's limit keeps the real ratio: 30 s against 12 s.
    endpointOptions: {timeout: 3000},
    expect: failure('bad-credentials', /login failed: error\.bad\.credentials/, 502, 1, 0),
    slow: true,
  },
  {
    id: 'expired-sid',
    title: 'an expired SID',
    om: at('hash', expiresFirstSid),
    ownEmulator: true,
    expect: {ok: true, logins: 2, hashes: 2, room: 'room'},
    proxy: sidAnswer,
    proxyExpect: {code: 'not-allowed', says: /^OpenMeetings hash request failed: HTTP 500 error\./},
  },
  {
    id: 'no-soap',
    title: 'a SID refused twice (no SOAP right)',
    om: at('hash', answer(500, notAllowed)),
    expect: failure('not-allowed', refusedSid, 502, 2, 2),
  },
  {
    id: 'deleted-room',
    title: 'a hash for a deleted room',
    roomId: 8,
    om: healthy,
    // OpenMeetings makes a hash for any room id (protocol §5.3); only an allow list stops it.
    endpointOptions: {rooms: [1, 2, 3, 4, 5, 6, 7]},
    expect: failure('refused', /roomId: room 8 is not open to this site's visitors/, 403, 0, 0),
    sameOrigin: {ok: true, logins: 1, hashes: 1, room: 'invalid'},
  },
];

export function isFailure(outcome: Outcome): outcome is Failure {
  return !('ok' in outcome);
}
