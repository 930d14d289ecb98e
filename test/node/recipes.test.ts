import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {after, before, describe, it} from 'node:test';
import type {Browser, BrowserContext, Page} from 'puppeteer-core';
import {createSite} from '../../demo/recipes/server-rendered/site.js';
import {createEmulator} from '../../src/emulator/index.js';
import {
  createTokenHandler,
  errorResponse,
  guestVisitors,
  toNodeListener,
  type TokenEndpointOptions,
} from '../../src/server/index.js';
import {launchChromium} from './support/chromium.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const NONCE = '8c1d6f20a4';
const slow = {timeout: 30_000};
const recipe = (path: string) => readFile(new URL(`../../demo/recipes/${path}`, import.meta.url));
const bundle = () => readFile(new URL('../../dist/om-join-button.iife.js', import.meta.url));

/**
 * One loopback origin that serves the recipe pages as a site would, the built IIFE (`npm run
 * build`) and the OpenMeetings emulator at /openmeetings.
 */
async function startOrigin(routes: (origin: string) => Record<string, Listener>) {
  const emulator = createEmulator({penaltyScale: 0});
  let table: Record<string, Listener> = {};
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://origin.invalid').pathname;
    if (path.startsWith('/openmeetings')) return emulator.handle(req, res);
    const route = table[path];
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  table = routes(origin);

  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function file(type: string, read: () => Promise<Buffer>): Listener {
  return (_req, res) => {
    void read().then((body) => res.writeHead(200, {'content-type': type}).end(body));
  };
}

const html = (path: string) => file('text/html; charset=utf-8', () => recipe(path));
const script = file('text/javascript', bundle);

function endpoint(origin: string, options: Partial<TokenEndpointOptions> = {}) {
  return createTokenHandler({
    omUrl: `${origin}/openmeetings`,
    user: 'soapuser',
    password: '!HansHans1',
    resolveUser: guestVisitors({externalType: 'recipe-test'}),
    ...options,
  });
}

/** Clicks the join button and reads the room that opens in a new tab. */
async function clickIntoRoom(context: BrowserContext, page: Page, selector = 'om-join-button') {
  const room = context.waitForTarget((t) => t.url().includes('/openmeetings/hash?secure='));
  await page.click(selector);
  const tab = (await (await room).page()) as Page;
  await tab.waitForSelector('#room, #invalid-hash');

  return tab.$eval('#room', (el) => ({...(el as HTMLElement).dataset}));
}

describe('recipes from demo/recipes, in Chromium with its popup blocker on', () => {
  let browser: Browser;
  const closers: Array<() => unknown> = [];

  before(async () => {
    browser = await launchChromium();
  });

  after(async () => {
    for (const close of closers.reverse()) await close();
    await browser?.close();
  });

  async function newPage(): Promise<{context: BrowserContext; page: Page}> {
    const context = await browser.createBrowserContext();
    closers.push(() => context.close());

    return {context, page: await context.newPage()};
  }

  it('joins from the plain HTML page, whose link works without script', slow, async () => {
    const site = await startOrigin((origin) => ({
      '/weekly.html': html('plain.html'),
      '/dist/om-join-button.iife.js': script,
      '/api/om/join': toNodeListener(endpoint(origin)),
    }));
    closers.push(site.close);
    const {context, page} = await newPage();
    await page.goto(`${site.origin}/weekly.html`);

    assert.equal((await clickIntoRoom(context, page)).roomId, '1');

    // Headless Chromium leaves the room tab in front, and input to this page would wait for it.
    await page.bringToFront();
    await page.setJavaScriptEnabled(false);
    await page.goto(`${site.origin}/weekly.html`);
    await Promise.all([page.waitForNavigation(), page.click('a')]);
    assert.match(page.url(), /\/openmeetings\/hash\?secure=/);
  });

  it('keeps action and the nonce of a WordPress admin-ajax endpoint', slow, async () => {
    const seen: string[] = [];
    const site = await startOrigin((origin) => {
      const join = toNodeListener(endpoint(origin));

      return {
        '/course-101/': html('wordpress/page.html'),
        '/wp-content/plugins/om-join-button/om-join-button.iife.js': script,
        // admin-ajax.php as WordPress runs it: the handler is picked by `action` in the query,
        // and an unknown action or a bad nonce gets WordPress's bare answers.
        '/wp-admin/admin-ajax.php': (req, res) => {
          const query = new URL(req.url ?? '', origin).searchParams;
          seen.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
          if (query.get('action') !== 'om_join') return void res.writeHead(400).end('0');
          if (query.get('_ajax_nonce') !== NONCE) return void res.writeHead(403).end('-1');
          join(req, res);
        },
      };
    });
    closers.push(site.close);
    const {context, page} = await newPage();
    await page.goto(`${site.origin}/course-101/`);

    assert.equal((await clickIntoRoom(context, page)).roomId, '5');
    assert.deepEqual(seen, [
      `POST /wp-admin/admin-ajax.php?action=om_join&_ajax_nonce=${NONCE} application/json`,
    ]);
  });

  it('joins a server-rendered page as the member its session names', slow, async () => {
    const site = await startOrigin((origin) => {
      const omUrl = `${origin}/openmeetings`;
      const members = createSite({omUrl, user: 'soapuser', password: '!HansHans1'});
      closers.push(members.close);
      const paths = ['/', '/login', '/api/om/join', '/om-join-button.iife.js'];

      return Object.fromEntries(paths.map((path) => [path, members.listener]));
    });
    closers.push(site.close);
    const {context, page} = await newPage();
    await page.goto(site.origin);
    await page.select('select[name="member"]', 'ada');
    await Promise.all([page.waitForNavigation(), page.click('form button')]);

    const room = await clickIntoRoom(context, page);
    assert.equal(room.user, 'Ada Lovelace');
    assert.equal(room.moderator, 'true');
  });

  it('reports a refusal from the WordPress stand-in on the element', slow, async () => {
    const site = await startOrigin(() => ({
      '/course-101/': html('wordpress/page.html'),
      '/wp-content/plugins/om-join-button/om-join-button.iife.js': script,
      '/wp-admin/admin-ajax.php': toNodeListener(async () =>
        errorResponse(403, 'config', 'the page is out of date; reload it'),
      ),
    }));
    closers.push(site.close);
    const {page} = await newPage();
    await page.goto(`${site.origin}/course-101/`);

    await page.click('om-join-button');
    const code = await page.waitForFunction(() =>
      document.querySelector('om-join-button')?.getAttribute('error'),
    );
    assert.equal(await code.jsonValue(), 'config');
  });
});
