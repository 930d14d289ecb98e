import assert from 'node:assert/strict';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {after, before, describe, it} from 'node:test';
import {createEmulator, type RunningEmulator} from '../../src/emulator/index.js';
import {headerValues, makeHash, openHash, raw, start} from './emulator-helpers.js';

const ENGLISH: Record<string, string> = {
  'error.bad.credentials': 'Username/email and/or password are incorrect.',
  'error.notactivated':
    'Your account is not activated. ' +
    'Please use the link in the email you received during registration.',
  'error.nogroup': 'User is not assigned to group.',
  'error.unknown': 'Unknown error. Please report this to the administrator.',
  'error.notallowed': 'Admin authorization required',
};

describe('emulator error service (protocol §8)', () => {
  let om: RunningEmulator;
  before(async () => {
    om = await start();
  });
  after(() => om.close());

  const text = async (key: string, language: string | number) => {
    const response = await fetch(`${om.url}/services/error/${key}/${language}`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as {serviceResult: {message: string; type: string}};
    assert.equal(body.serviceResult.type, 'SUCCESS');

    return body.serviceResult.message;
  };

  it('answers the English text of each join-flow key with type SUCCESS', async () => {
    for (const [key, english] of Object.entries(ENGLISH)) {
      assert.equal(await text(key, 1), english, key);
    }
  });

  it('answers in German for id 2 and in French for id 4', async () => {
    for (const key of Object.keys(ENGLISH)) {
      const german = await text(key, 2);
      const french = await text(key, 4);
      assert.notEqual(german, ENGLISH[key], key);
      assert.notEqual(french, ENGLISH[key], key);
      assert.notEqual(german, french, key);
    }
    assert.match(await text('error.bad.credentials', 2), /Passwort/);
    assert.match(await text('error.bad.credentials', 4), /mot de passe/);
  });

  it('answers in English for id 3 and for unknown ids', async () => {
    for (const language of [3, 0, 40, 999, -1]) {
      const expected = ENGLISH['error.nogroup'];
      assert.equal(await text('error.nogroup', language), expected, `id ${language}`);
    }
  });

  it('answers [Missing] for unknown keys, including 3.x numeric error ids', async () => {
    assert.equal(await text('error.no.such.key', 1), '[Missing]');
    assert.equal(await text('-11', 9), '[Missing]');
  });

  it('answers a non-numeric language id with 404 and an empty body', async () => {
    for (const language of ['de', '1.5', 'en-GB']) {
      const response = await fetch(`${om.url}/services/error/error.unknown/${language}`);
      assert.equal(response.status, 404, language);
      assert.equal(await response.text(), '', language);
    }
  });

  it('answers POST with 405 and Allow: GET', async () => {
    const response = await raw(`${om.url}/services/error/error.unknown/1`, 'POST');

    assert.equal(response.status, 405);
    assert.deepEqual(headerValues(response, 'allow'), ['GET']);
  });
});

describe('emulator info service and WADL (protocol §1)', () => {
  it('reports the emulated version', async () => {
    for (const version of ['9.1.0', '8.1.0', '6.2.0']) {
      const om = await start({version});
      const response = await fetch(`${om.url}/services/info/version`);
      const body = (await response.json()) as {info: {version: string; buildDate: string}};

      assert.equal(body.info.version, version);
      assert.ok(body.info.buildDate);
      await om.close();
    }
  });

  it('reports health', async () => {
    const om = await start();
    const response = await fetch(`${om.url}/services/info/health`);

    assert.deepEqual(await response.json(), {health: {inited: true, installed: true, dbOk: true}});
    await om.close();
  });

  it('serves a WADL of the user service that names the version’s login method', async () => {
    for (const [version, method] of [
      ['9.1.0', 'POST'],
      ['8.1.0', 'GET'],
    ]) {
      const om = await start({version});
      const response = await fetch(`${om.url}/services/user?_wadl`);
      const xml = await response.text();

      assert.equal(response.headers.get('content-type'), 'application/xml');
      assert.match(xml, /<resource path="\/hash">/);
      assert.match(xml, new RegExp(`<resource path="/login">\\s*<method name="${method}">`));
      await om.close();
    }
  });
});

describe('emulator inspection route', () => {
  let om: RunningEmulator;
  before(async () => {
    om = await start();
  });
  after(() => om.close());

  it('serves the same log as log(), as JSON', async () => {
    await openHash(om, await makeHash(om));
    const response = await fetch(`${om.url}/_emulator/log`);
    const served = await response.json();

    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.deepEqual(served, om.emulator.log());
    assert.deepEqual(
      om.emulator.log().map((entry) => entry.kind),
      ['login', 'hash', 'redemption'],
    );
  });

  it('is read-only', async () => {
    const response = await raw(`${om.url}/_emulator/log`, 'POST');

    assert.equal(response.status, 405);
  });

  it('forgets everything on reset()', async () => {
    const hash = await makeHash(om);
    om.emulator.reset();

    assert.deepEqual(om.emulator.log(), []);
    assert.equal((await openHash(om, hash)).view, 'invalid-hash');
  });
});

describe('emulator as middleware', () => {
  it('passes requests outside its base path to next, and serves its own', async () => {
    const emulator = createEmulator({basePath: '/om/'});
    const server = createServer((req, res) =>
      emulator.handle(req, res, () => res.writeHead(418).end('next')),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const outside = await fetch(`${origin}/openmeetings/services/info/version`);
      const inside = await fetch(`${origin}/om/services/info/version`);

      assert.equal(outside.status, 418);
      assert.equal(inside.status, 200);
      assert.equal(emulator.options.basePath, '/om');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers 404 outside its base path when there is no next', async () => {
    const om = await start();
    const response = await fetch(`${om.origin}/elsewhere`);

    assert.equal(response.status, 404);
    await om.close();
  });
});
