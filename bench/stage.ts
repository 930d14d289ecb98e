import {readFile} from 'node:fs/promises';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import puppeteer, {type Browser} from 'puppeteer-core';
import {chromeArgs, findChrome} from '../scripts/chrome.js';
import {createEmulator} from '../src/emulator/index.js';
import {createTokenHandler, guestVisitors, toNodeListener} from '../src/server/index.js';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface Stage {
  origin: string;
  /** Pages by name, served at /p/{name}. */
  pages: Map<string, string>;
  /** Paths and arrival times of every request, in Node's wall clock. */
  requests: Array<{path: string; url: string; at: number}>;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * One origin for the benchmarks: pages, the built IIFE, OpenMeetings (the emulator) and two token
 * endpoints, the naive one and ours. Every HTTP hop, from the browser or from the endpoint to
 * OpenMeetings, waits `delayMs` first, standing in for the network.
 */
export async function startStage(delayMs: number): Promise<Stage> {
  const emulator = createEmulator({penaltyScale: 0});
  const bundle = await readFile('dist/om-join-button.iife.js');
  const pages = new Map<string, string>();
  const requests: Stage['requests'] = [];
  const routes = new Map<string, Route>();
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?', 1)[0];
    requests.push({path, url, at: Date.now()});
    if (path === '/om-join-button.iife.js') {
      res.writeHead(200, {'content-type': 'text/javascript'}).end(bundle);

      return;
    }
    if (path.startsWith('/p/')) {
      res.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end(pages.get(path.slice(3)) ?? '');

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
  const common = {
    omUrl: `${origin}/openmeetings`,
    user: 'soapuser',
    password: '!HansHans1',
    resolveUser: guestVisitors({externalType: 'bench'}),
  };
  // The naive server flow, as OpenMeetings' PHP and Node examples do it: login, then hash.
  const naive = createTokenHandler({...common, pool: false});
  const ours = createTokenHandler({...common, pool: {size: 4}});
  routes.set('/api/naive', toNodeListener(naive));
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
      naive.close();
      ours.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
