import {createServer} from 'node:net';
import {finished} from 'node:stream/promises';
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chromeLauncher} from '@web/test-runner-chrome';
import {chromeArgs, findChrome} from './scripts/chrome.ts';
import {createEmulator} from './src/emulator/index.ts';
import {createTokenHandler, guestVisitors, toNodeListener} from './src/server/index.ts';

// The browser tests talk to a real emulator and a real token endpoint, both mounted on the dev
// server that serves the test pages, so every request stays same-origin and on loopback.
const hostname = '127.0.0.1';
const port = await freePort(hostname);
const omUrl = `http://${hostname}:${port}/openmeetings`;
const emulator = createEmulator({penaltyScale: 0});

function tokenEndpoint(password) {
  const handler = createTokenHandler({
    omUrl,
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
]);

function resetEmulator(req, res) {
  emulator.reset();
  res.writeHead(204, {'cache-control': 'no-store'});
  res.end();
}

/** Koa middleware handing matching requests to a Node listener that writes the answer itself. */
async function mountNodeRoutes(ctx, next) {
  const listener = /^\/openmeetings(\/|$)/.test(ctx.path) ? emulator.handle : routes.get(ctx.path);
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
  plugins: [esbuildPlugin({ts: true, target: 'es2022'}), forcedColorsPlugin()],
  browsers: [chromeLauncher({launchOptions: {executablePath: findChrome(), args: chromeArgs}})],
  filterBrowserLogs: ({args}) => !args.some((arg) => String(arg).includes('Lit is in dev mode')),
  testFramework: {config: {timeout: 5000}},
};
