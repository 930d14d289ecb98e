import {readFile} from 'node:fs/promises';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {createEmulator, type Emulator, type EmulatorOptions} from '../../../src/emulator/index.js';
import {createTokenHandler, guestVisitors, toNodeListener} from '../../../src/server/index.js';

type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface Harness {
  origin: string;
  emulator: Emulator;
  /** Requests seen per path, without the query. */
  hits: Map<string, number>;
  /** Serves `html` (the body of a page that loads the built IIFE) at `/pages/{name}`. */
  page(name: string, body: string, options?: {script?: boolean}): string;
  route(path: string, handler: Route): void;
  routeHandler(path: string): Route;
  close(): Promise<void>;
}

const pageEvents = ['om-join-start', 'om-join-success', 'om-join-error', 'om-join-blocked'];

// Events reach the test through the console: calling into the page would grant it a fresh user
// activation and hide a popup-blocker failure.
const listener = `<script>
for (const name of ${JSON.stringify(pageEvents)}) {
  document.addEventListener(name, (event) => console.log('event ' + name + ' ' + (event.detail.code || '')));
}
</script>`;

/**
 * One origin like a real site: the built IIFE, test pages, a token endpoint at /api/join and the
 * OpenMeetings emulator at /openmeetings, on 127.0.0.1 and a free port.
 */
export async function startHarness(emulatorOptions: EmulatorOptions = {}): Promise<Harness> {
  const emulator = createEmulator(emulatorOptions);
  const routes = new Map<string, Route>();
  const pages = new Map<string, string>();
  const hits = new Map<string, number>();
  const bundle = await readFile(new URL('../../../dist/om-join-button.iife.js', import.meta.url));

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path.startsWith('/openmeetings')) return emulator.handle(req, res);
    if (path === '/om-join-button.iife.js') {
      res.writeHead(200, {'content-type': 'text/javascript'}).end(bundle);

      return;
    }
    const page = path.startsWith('/pages/') ? pages.get(path.slice(7)) : undefined;
    if (page) {
      res.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end(page);

      return;
    }
    const route = routes.get(path);
    if (route) return void route(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const join = createTokenHandler({
    omUrl: `${origin}/openmeetings`,
    user: 'soapuser',
    password: '!HansHans1',
    resolveUser: guestVisitors({externalType: 'harness'}),
  });
  routes.set('/api/join', toNodeListener(join));

  return {
    origin,
    emulator,
    hits,
    page(name, body, {script = true} = {}) {
      const head = script ? `<script src="/om-join-button.iife.js"></script>${listener}` : '';
      pages.set(
        name,
        `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`,
      );

      return `${origin}/pages/${name}`;
    },
    route(path, handler) {
      routes.set(path, handler);
    },
    routeHandler(path) {
      const route = routes.get(path);
      if (!route) throw new Error(`no route ${path}`);

      return route;
    },
    close() {
      server.closeAllConnections();

      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
