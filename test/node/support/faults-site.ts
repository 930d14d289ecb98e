import {readFile} from 'node:fs/promises';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {createServer as createNetServer, type AddressInfo} from 'node:net';
import {createEmulator, type Emulator, type EmulatorOptions} from '../../../src/emulator/index.js';
import {
  createTokenHandler,
  guestVisitors,
  toNodeListener,
  type TokenEndpointOptions,
} from '../../../src/server/index.js';

export type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export const ACCOUNT = {user: 'soapuser', password: '!HansHans1'};

/**
 * A site on loopback as a visitor's browser meets it: the built IIFE, pages with the headers a
 * test asks for, a token endpoint at /api/om/join, the OpenMeetings emulator at /openmeetings,
 * and whatever faulty routes a test adds. Every request is counted by path.
 */
export interface Site {
  origin: string;
  emulator: Emulator;
  /** Requests to `path` (no query) since the site started. */
  hits(path: string): number;
  /** Serves a page that loads the IIFE and the event relay; returns its URL. */
  page(name: string, body: string, headers?: Record<string, string>): string;
  /** Serves `listener` at exactly `path`. */
  route(path: string, listener: Listener): void;
  /** Serves `listener` for `prefix` and everything under it. */
  prefix(prefix: string, listener: Listener): void;
  /** Mounts a real token endpoint in front of `omUrl` at `path`. */
  endpoint(path: string, omUrl: string, options?: Partial<TokenEndpointOptions>): void;
  close(): Promise<void>;
}

const pageEvents = ['om-join-start', 'om-join-success', 'om-join-error', 'om-join-blocked'];

/**
 * The event relay, an external script so that it runs under a strict CSP. Events reach the test
 * through console lines: calling into the page would hand it a fresh user activation.
 */
const relay = `
const describe = (value) => {
  if (!(value instanceof Error)) return value;
  const {code, step, status, key, field, method, url} = value;
  return {name: value.name, message: value.message, code, step, status, key, field, method, url,
    cause: value.cause === undefined ? undefined : String(value.cause)};
};
for (const name of ${JSON.stringify(pageEvents)}) {
  document.addEventListener(name, (event) => {
    const detail = {...event.detail, error: describe(event.detail && event.detail.error)};
    console.log('event ' + name + ' ' + JSON.stringify(detail));
  });
}
addEventListener('unhandledrejection', (event) => console.log('unhandled ' + String(event.reason)));
addEventListener('error', (event) => console.log('uncaught ' + String(event.message)));
document.addEventListener('securitypolicyviolation', (event) =>
  console.log('csp ' + event.violatedDirective + ' ' + event.blockedURI));
`;

export async function startSite(emulatorOptions: EmulatorOptions = {}): Promise<Site> {
  const emulator = createEmulator({penaltyScale: 0, ...emulatorOptions});
  const bundle = await readFile(new URL('../../../dist/om-join-button.iife.js', import.meta.url));
  const routes = new Map<string, Listener>();
  const prefixes = new Map<string, Listener>();
  const pages = new Map<string, {html: string; headers: Record<string, string>}>();
  const counts = new Map<string, number>();

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site.invalid').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    if (path === '/openmeetings' || path.startsWith('/openmeetings/')) {
      return emulator.handle(req, res);
    }
    if (path === '/om-join-button.iife.js' || path === '/relay.js') {
      const body = path === '/relay.js' ? relay : bundle;
      res.writeHead(200, {'content-type': 'text/javascript', 'cache-control': 'no-store'});

      return void res.end(body);
    }
    const page = path.startsWith('/pages/') ? pages.get(path.slice(7)) : undefined;
    if (page) {
      const headers = {'content-type': 'text/html; charset=utf-8', ...page.headers};

      return void res.writeHead(200, headers).end(page.html);
    }
    // A browser asks for it once per session; a 404 would show up as a console error.
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const exact = routes.get(path);
    if (exact) return exact(req, res);
    for (const [start, listener] of prefixes) {
      if (path === start || path.startsWith(`${start}/`)) return listener(req, res);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closers: Array<() => void> = [];

  const site: Site = {
    origin,
    emulator,
    hits: (path) => counts.get(path) ?? 0,
    page(name, body, headers = {}) {
      const head =
        '<script src="/om-join-button.iife.js"></script><script src="/relay.js"></script>';
      const html =
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>` +
        `${head}</head><body>${body}</body></html>`;
      pages.set(name, {html, headers});

      return `${origin}/pages/${name}`;
    },
    route: (path, listener) => void routes.set(path, listener),
    prefix: (start, listener) => void prefixes.set(start, listener),
    endpoint(path, omUrl, options = {}) {
      const handler = createTokenHandler({
        omUrl,
        ...ACCOUNT,
        resolveUser: guestVisitors({externalType: 'fault-site'}),
        timeout: 5000,
        ...options,
      });
      closers.push(() => handler.close());
      routes.set(path, toNodeListener(handler));
    },
    close() {
      for (const close of closers) close();
      server.closeAllConnections();

      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  site.endpoint('/api/om/join', `${origin}/openmeetings`);

  return site;
}

/** A loopback port that was free a moment ago and is closed now: connecting gets refused. */
export async function closedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const {port} = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));

  return port;
}

/** Calls to OpenMeetings' login and hash services, counted by path whatever the host. */
export interface UpstreamCalls {
  logins: number;
  hashes: number;
}

export function countUpstream(path: string, calls: UpstreamCalls): void {
  if (path.endsWith('/services/user/login')) calls.logins++;
  if (path.endsWith('/services/user/hash')) calls.hashes++;
}

/** A fetch for the token endpoint that counts its OpenMeetings calls, refused ones included. */
export function countingFetch(calls: UpstreamCalls): typeof fetch {
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    countUpstream(new URL(url).pathname, calls);

    return fetch(input, init);
  };
}
