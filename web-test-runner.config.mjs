import {createServer as createHttpServer} from 'node:http';
import {createServer} from 'node:net';
import {finished} from 'node:stream/promises';
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chromeLauncher} from '@web/test-runner-chrome';
import {chromeArgs, findChrome} from './scripts/chrome.ts';
import {DEFAULT_ACCOUNTS, createEmulator} from './src/emulator/index.ts';
import {createTokenHandler, guestVisitors, toNodeListener} from './src/server/index.ts';
import {frameworksVendorPlugin} from './test/browser/frameworks-vendor.ts';

// The browser tests talk to a real emulator and a real token endpoint, both mounted on the dev
// server that serves the test pages, so every request stays same-origin and on loopback.
const hostname = '127.0.0.1';
const port = await freePort(hostname);
const omUrl = `http://${hostname}:${port}/openmeetings`;
const emulator = createEmulator({penaltyScale: 0});

// Version tests (test/browser/versions*.test.ts): older releases on the same origin.
const pageOrigin = `http://${hostname}:${port}`;
const olderEmulators = [
  createEmulator({version: '8.1.0', basePath: '/om81/openmeetings', penaltyScale: 0}),
  createEmulator({version: '6.2.0', basePath: '/om62/openmeetings', penaltyScale: 0}),
];

// CORS tests (test/browser/cors*.test.ts): emulators on ports of their own, so the test page is
// cross-origin to them. Each notes the requests it gets, to show that no preflight came.
const viewer = {login: 'viewer', password: 'Viewer-1', rights: ['LOGIN'], groups: ['api']};
const crossOrigin = new Map(
  [
    ['9.1.0', {version: '9.1.0', allowOrigin: pageOrigin}],
    ['8.1.0', {version: '8.1.0', allowOrigin: pageOrigin}],
    ['6.2.0', {version: '6.2.0', allowOrigin: pageOrigin}],
    ['unset', {version: '9.1.0'}],
  ].map(([name, options]) => {
    const accounts = [...DEFAULT_ACCOUNTS, viewer];
    const entry = {emulator: createEmulator({...options, accounts, penaltyScale: 0}), requests: []};
    entry.server = createHttpServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      const headers = Object.keys(req.headers).sort();
      entry.requests.push({method: req.method, path, headers, type: req.headers['content-type']});
      entry.emulator.handle(req, res);
    });

    return [name, entry];
  }),
);

function tokenEndpoint(password, base = omUrl) {
  const handler = createTokenHandler({
    omUrl: base,
    user: 'soapuser',
    password,
    resolveUser: guestVisitors({externalType: 'wtr-guest'}),
    timeout: 5000,
  });

  return toNodeListener(handler);
}

const routes = new Map([
  ['/api/om/join', tokenEndpoint('!HansHans1')],
  // A wrong API password: the endpoint answers with bad-credentials.
  ['/api/om/join-broken', tokenEndpoint('wrong-password')],
  ['/_test/emulator/reset', resetEmulator],
  ['/api/om81/join', tokenEndpoint('!HansHans1', `${pageOrigin}/om81/openmeetings`)],
  ['/api/om62/join', tokenEndpoint('!HansHans1', `${pageOrigin}/om62/openmeetings`)],
  ['/_test/emulators/reset', resetAllEmulators],
  ['/_test/cross-origin', crossOriginInfo],
  ['/_test/cross-origin/page', crossOriginPage],
]);

function resetAllEmulators(req, res) {
  for (const each of [emulator, ...olderEmulators]) each.reset();
  for (const entry of crossOrigin.values()) {
    entry.emulator.reset();
    entry.requests.length = 0;
  }
  res.writeHead(204, {'cache-control': 'no-store'});
  res.end();
}

/** Each cross-origin emulator's URL, the requests it got and its log. */
function crossOriginInfo(req, res) {
  const info = {};
  for (const [name, {emulator: each, url, requests}] of crossOrigin) {
    info[name] = {url, allowOrigin: each.options.allowOrigin ?? null, requests, log: each.log()};
  }
  res.writeHead(200, {'content-type': 'application/json', 'cache-control': 'no-store'});
  res.end(JSON.stringify(info));
}

/** A cross-origin room page, fetched here because the page cannot read it across origins. */
async function crossOriginPage(req, res) {
  const target = new URL(req.url, pageOrigin).searchParams.get('url') ?? '';
  const known = [...crossOrigin.values()].some(({url}) => target.startsWith(`${url}/hash?`));
  if (!known) return res.writeHead(400).end();

  try {
    const page = await fetch(target);
    res.writeHead(page.status, {'content-type': 'text/html', 'cache-control': 'no-store'});
    res.end(await page.text());
  } catch {
    res.writeHead(502).end();
  }
}

function resetEmulator(req, res) {
  emulator.reset();
  res.writeHead(204, {'cache-control': 'no-store'});
  res.end();
}

/** Koa middleware handing matching requests to a Node listener that writes the answer itself. */
async function mountNodeRoutes(ctx, next) {
  const mounted = [emulator, ...olderEmulators].find(({options: {basePath}}) =>
    new RegExp(`^${basePath}(/|$)`).test(ctx.path),
  );
  const listener = mounted?.handle ?? routes.get(ctx.path);
  if (!listener) return next();

  ctx.respond = false;
  listener(ctx.req, ctx.res, () => {
    ctx.res.writeHead(404).end();
  });
  await finished(ctx.res).catch(() => {});
}

/**
 * Forced-colors emulation. @web/test-runner-commands offers it for Playwright only, and
 * Puppeteer's emulateMediaFeatures does not accept it, so this goes through CDP itself.
 */
function forcedColorsPlugin() {
  const sessions = new WeakMap();

  return {
    name: 'om-forced-colors',
    async executeCommand({command, payload, session}) {
      if (command !== 'om-forced-colors') return undefined;
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      const value = payload?.active ? 'active' : 'none';
      await sessions.get(page).send('Emulation.setEmulatedMedia', {
        features: [{name: 'forced-colors', value}],
      });

      return true;
    },
  };
}

/** Starts the cross-origin emulators with the dev server and stops them with it. */
function crossOriginPlugin() {
  const entries = [...crossOrigin.values()];

  return {
    name: 'om-cross-origin-emulators',
    async serverStart() {
      await Promise.all(
        entries.map(
          (entry) =>
            new Promise((resolve) => {
              entry.server.listen(0, hostname, () => {
                entry.url = `http://${hostname}:${entry.server.address().port}/openmeetings`;
                resolve();
              });
            }),
        ),
      );
    },
    async serverStop() {
      await Promise.all(
        entries.map(
          (entry) =>
            new Promise((resolve) => {
              entry.server.close(resolve);
              entry.server.closeAllConnections();
            }),
        ),
      );
    },
  };
}

function freePort(host) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const {port: free} = server.address();
      server.close(() => resolve(free));
    });
  });
}

export default {
  files: ['test/browser/**/*.test.ts'],
  hostname,
  port,
  nodeResolve: true,
  // One test file at a time: they share the emulator and reset its log.
  concurrency: 1,
  middleware: [mountNodeRoutes],
  plugins: [
    esbuildPlugin({ts: true, target: 'es2022'}),
    forcedColorsPlugin(),
    crossOriginPlugin(),
    frameworksVendorPlugin(),
  ],
  browsers: [chromeLauncher({launchOptions: {executablePath: findChrome(), args: chromeArgs}})],
  filterBrowserLogs: ({args}) => !args.some((arg) => String(arg).includes('Lit is in dev mode')),
  testFramework: {config: {timeout: 5000}},
};
