import {readFile} from 'node:fs/promises';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import puppeteer, {type Browser} from 'puppeteer-core';
import {chromeArgs, findChrome} from '../scripts/chrome.js';
import {createEmulator} from '../src/emulator/index.js';
import {createTokenHandler, guestVisitors, toNodeListener} from '../src/server/index.js';
import {naiveEndpoint} from './naive-endpoint.js';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

export const ACCOUNT = {user: 'soapuser', password: '!HansHans1'};

export interface Stage {
  origin: string;
  /** Pages by name, served at /p/{name}. */
  pages: Map<string, string>;
  /** Every request in order of arrival, with its wall-clock time in ms (as the page's clock). */
  requests: Array<{path: string; at: number}>;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * One origin for the benchmarks: pages, the IIFE under test, jQuery, OpenMeetings (the emulator)
 * and two token endpoints, the naive one (bench/naive-endpoint.ts) and ours with its SID pool.
 *
 * Every HTTP hop waits `delayMs` before it is served, standing in for the network: the browser's
 * calls to the endpoints and to OpenMeetings, and the endpoints' calls to OpenMeetings. A request
 * is logged when it arrives, before that wait, so the room request's entry is the moment the
 * room tab's navigation reached the network.
 */
export async function startStage(delayMs: number, bundle: Buffer): Promise<Stage> {
  const emulator = createEmulator({penaltyScale: 0});
  const jquery = await readFile('node_modules/jquery/dist/jquery.min.js');
  const pages = new Map<string, string>();
  const requests: Stage['requests'] = [];
  const routes = new Map<string, Route>();
  const statics = new Map<string, Buffer>([
    ['/om-join-button.iife.js', bundle],
    ['/jquery.js', jquery],
  ]);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    requests.push({path, at: performance.timeOrigin + performance.now()});
    const file = statics.get(path);
    if (file) {
      res.writeHead(200, {'content-type': 'text/javascript', 'cache-control': 'max-age=3600'});
      res.end(file);

      return;
    }
    if (path.startsWith('/p/')) {
      res.writeHead(200, {'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store'});
      res.end(pages.get(path.slice(3)) ?? '');

      return;
    }
    const route = path.startsWith('/openmeetings') ? emulator.handle : routes.get(path);
    if (!route) {
      res.writeHead(404).end();

      return;
    }
    setTimeout(() => route(req, res), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const omUrl = `${origin}/openmeetings`;
  const ours = createTokenHandler({
    omUrl,
    ...ACCOUNT,
    resolveUser: guestVisitors({externalType: 'bench'}),
    pool: {size: 4},
  });
  routes.set('/api/naive', naiveEndpoint(omUrl, ACCOUNT));
  routes.set('/api/join', toNodeListener(ours));
  const browser = await puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    args: chromeArgs.filter((arg) => !arg.startsWith('--headless')),
  });

  return {
    origin,
    pages,
    requests,
    browser,
    async close() {
      await browser.close();
      ours.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
