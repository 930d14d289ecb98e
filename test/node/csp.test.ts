import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {Browser} from 'puppeteer-core';
import {launchChromium} from './support/chromium.js';
import {roomShown, visit, type Visit} from './support/faults-chromium.js';
import {ACCOUNT, startSite, type Site} from './support/faults-site.js';

// No inline script or style, no eval, and Trusted Types for every DOM sink that takes HTML;
// lit-html is the one policy the bundle may create.
const STRICT = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; '),
};

const sameOrigin =
  `base-url="/openmeetings" om-user="${ACCOUNT.user}" om-password="${ACCOUNT.password}" ` +
  'external-id="csp-1" external-type="csp-test"';

describe('the element on a page with a strict Content-Security-Policy', () => {
  let browser: Browser;
  let site: Site;

  before(async () => {
    [browser, site] = await Promise.all([launchChromium(), startSite()]);
    site.endpoint('/api/om/join-broken', `${site.origin}/openmeetings`, {password: 'not-it'});
    // A click without user activation, from an allowed script: the browser blocks the window.
    site.route('/csp/click-on-load.js', (_req, res) => {
      res.writeHead(200, {'content-type': 'text/javascript'});
      res.end(`addEventListener('load', () => setTimeout(() =>
        document.querySelector('om-join-button').shadowRoot.querySelector('button').click()));`);
    });
    site.route('/csp/sink.js', (_req, res) => {
      res.writeHead(200, {'content-type': 'text/javascript'});
      res.end(`try { document.body.innerHTML = '<b>plain</b>'; }
        catch (error) { console.log('sink ' + error.name); }`);
    });
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  async function strictVisit(name: string, body: string): Promise<Visit> {
    return visit(browser, site.page(`csp-${name}`, body, STRICT));
  }

  /** Styled through adoptedStyleSheets, with nothing refused along the way. */
  async function clean(seen: Visit): Promise<void> {
    const styled = await seen.page.$eval('om-join-button', (el) => ({
      sheets: el.shadowRoot!.adoptedStyleSheets.length,
      host: getComputedStyle(el).display,
      button: getComputedStyle(el.shadowRoot!.querySelector('.box')!).display,
    }));
    assert.deepEqual(styled, {sheets: 1, host: 'inline-block', button: 'inline-flex'});
    assert.deepEqual(seen.problems, []);
    assert.deepEqual(seen.consoleErrors, []);
    await seen.context.close();
  }

  for (const [mode, attributes] of [
    ['token', 'token-endpoint="/api/om/join"'],
    ['same-origin', sameOrigin],
  ]) {
    it(`joins in ${mode} mode with no policy violation`, async () => {
      const body = `<om-join-button ${attributes} room-id="2">Join</om-join-button>`;
      const seen = await strictVisit(mode, body);
      const ended = seen.next('om-join-success', 'om-join-error');

      await seen.click();

      assert.equal((await ended).name, 'om-join-success');
      assert.equal(await roomShown(seen.context), 'room');
      await clean(seen);
    });
  }

  it('shows an error with no policy violation', async () => {
    const seen = await strictVisit(
      'error',
      '<om-join-button token-endpoint="/api/om/join-broken" room-id="2">Join</om-join-button>',
    );
    const ended = seen.next('om-join-success', 'om-join-error');

    await seen.click();

    assert.equal((await ended).detail.code, 'bad-credentials');
    const text = await seen.page.$eval('om-join-button', (el) => el.shadowRoot!.textContent);
    assert.match(text ?? '', /\S/);
    // The browser itself logs the failed token request; nothing else may show up.
    const [first, ...rest] = seen.consoleErrors.splice(0);
    assert.match(first, /status of 502/);
    seen.consoleErrors.push(...rest);
    await clean(seen);
  });

  it('falls back to the "Open the meeting" link with no policy violation', async () => {
    const seen = await strictVisit(
      'blocked',
      '<om-join-button token-endpoint="/api/om/join" room-id="2">Join</om-join-button>' +
        '<script src="/csp/click-on-load.js"></script>',
    );

    await seen.next('om-join-blocked');

    const href = await seen.page.waitForFunction(
      () => document.querySelector('om-join-button')?.shadowRoot?.querySelector('a')?.href,
    );
    assert.match(String(await href.jsonValue()), /\/openmeetings\/hash\?secure=/);
    await clean(seen);
  });

  it('renders the room in a frame with no policy violation', async () => {
    const seen = await strictVisit(
      'iframe',
      '<om-join-button token-endpoint="/api/om/join" room-id="2" target="iframe">' +
        'Join</om-join-button>',
    );
    const ended = seen.next('om-join-success', 'om-join-error');

    await seen.click();

    assert.equal((await ended).name, 'om-join-success');
    const frame = await seen.page.waitForFrame((f) => /\/hash\?secure=/.test(f.url()));
    await frame.waitForSelector('#room');
    await clean(seen);
  });

  it('enforces the policy: an inline script and an untrusted HTML sink are refused', async () => {
    const seen = await strictVisit(
      'control',
      '<script>console.log("inline ran")</script><script src="/csp/sink.js"></script>',
    );

    await seen.line('csp script-src');
    await seen.line('csp require-trusted-types-for');
    assert.equal(await seen.line('sink '), 'sink TypeError');
    assert.ok(!seen.logs.includes('inline ran'), 'the inline script did not run');
    await seen.context.close();
  });
});
