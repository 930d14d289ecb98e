// A server-rendered site whose own login session decides who joins, and as what.
// Run it: `npx tsx demo/recipes/server-rendered/site.ts` (after `npm run build`), with the
// emulator standing in for OpenMeetings. An app imports from 'om-join-button/server'.
import {randomUUID} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {fileURLToPath} from 'node:url';
import {startEmulator} from '../../../src/emulator/index.js';
import {
  createTokenHandler,
  errorResponse,
  toNodeListener,
  type Visitor,
} from '../../../src/server/index.js';

/** The site's members. A real site has a user table and passwords. */
interface Member {
  id: string;
  firstname: string;
  lastname: string;
  email: string;
  /** Decided here, on the server: a page must never be able to ask for it. */
  moderator: boolean;
}

const newMember = (id: string, firstname: string, lastname: string, moderator: boolean) => ({
  id,
  firstname,
  lastname,
  email: `${firstname.toLowerCase()}@example.org`,
  moderator,
});

const MEMBERS = new Map<string, Member>([
  ['ada', newMember('1', 'Ada', 'Lovelace', true)],
  ['bob', newMember('2', 'Bob', 'Stone', false)],
]);

const SESSION_COOKIE = 'site_session';
const ROOM_ID = 1;

export interface SiteOptions {
  /** OpenMeetings as this server reaches it. */
  omUrl: string;
  /** OpenMeetings as browsers reach it; default `omUrl`. */
  omPublicUrl?: string;
  user: string;
  password: string;
}

export interface Site {
  listener: (req: IncomingMessage, res: ServerResponse) => void;
  close(): void;
}

export function createSite(options: SiteOptions): Site {
  const sessions = new Map<string, Member>();
  const memberOf = (cookies: string | null | undefined) => {
    const id = readCookie(cookies, SESSION_COOKIE);

    return id ? sessions.get(id) : undefined;
  };
  const join = createTokenHandler({
    ...options,
    rooms: [ROOM_ID],
    // The visitor is whoever the site's session says; names in the request body are ignored.
    resolveUser(request): Visitor | Response {
      const member = memberOf(request.headers.get('cookie'));
      if (!member) return errorResponse(401, 'config', 'log in to join the meeting');
      const {id, firstname, lastname, email, moderator} = member;
      const user = {externalId: id, externalType: 'example-site', firstname, lastname, email};

      return {user, moderator};
    },
  });
  const joinListener = toNodeListener(join);
  const script = new URL('../../../dist/om-join-button.iife.js', import.meta.url);

  const listener = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://site.invalid').pathname;
    if (path === '/api/om/join') return joinListener(req, res);
    if (path === '/om-join-button.iife.js') {
      res.writeHead(200, {'content-type': 'text/javascript'}).end(await readFile(script));

      return;
    }
    if (path === '/login' && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const member = MEMBERS.get(form.get('member') ?? '');
      if (!member) return void res.writeHead(303, {location: '/'}).end();
      const id = randomUUID();
      sessions.set(id, member);
      const cookie = `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`;

      return void res.writeHead(303, {location: '/', 'set-cookie': cookie}).end();
    }
    if (path === '/' && req.method === 'GET') {
      const html = page(memberOf(req.headers.cookie));
      res.writeHead(200, {'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store'});

      return void res.end(html);
    }
    res.writeHead(404).end();
  };

  return {listener: (req, res) => void listener(req, res), close: () => join.close()};
}

/** The page: the join button for members, a login form for everyone else. */
function page(member: Member | undefined): string {
  const body = member
    ? `<p>Signed in as ${escapeHtml(member.firstname)}.</p>
  <om-join-button token-endpoint="/api/om/join" room-id="${ROOM_ID}"
    >Join the members' meeting</om-join-button
  >`
    : `<form method="post" action="/login">
    <label>Member <select name="member"><option>ada</option><option>bob</option></select></label>
    <button>Sign in</button>
  </form>`;

  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Members' meeting</title>
  <script src="/om-join-button.iife.js" defer></script>
</head>
<body>
  ${body}
</body>
</html>`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8').slice(0, 1000)));
    req.on('error', reject);
  });
}

function readCookie(header: string | null | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }

  return undefined;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function main(): Promise<void> {
  const om = await startEmulator({port: 0});
  const site = createSite({omUrl: om.url, user: 'soapuser', password: '!HansHans1'});
  const server = createServer(site.listener).listen(0, '127.0.0.1', () => {
    const {port} = server.address() as AddressInfo;
    console.log(`Members' meeting: http://127.0.0.1:${port}/ (OpenMeetings emulator at ${om.url})`);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void main();
