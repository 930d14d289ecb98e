import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {RunningEmulator} from '../../src/emulator/index.js';
import {headerValues, raw, start, type RawResponse} from './emulator-helpers.js';

const ORIGIN = 'https://site.example';
const FORM = {'content-type': 'application/x-www-form-urlencoded'};
const HASH_FIELDS = 'user=%7B%7D&options=%7B%7D';

function corsLines(response: RawResponse): Array<[string, string]> {
  return response.lines.filter(([name]) => name.startsWith('access-control-') || name === 'vary');
}

/** One request of each kind the REST layer answers, with the status it should get. */
function restAnswers(url: string): Array<[string, number, () => Promise<RawResponse>]> {
  const login = `${url}/services/user/login`;
  const hash = `${url}/services/user/hash`;

  return [
    ['login 200', 200, () => raw(login, 'POST', FORM, 'user=soapuser&pass=%21HansHans1')],
    ['error service 200', 200, () => raw(`${url}/services/error/error.unknown/1`, 'GET')],
    ['unknown path 404', 404, () => raw(`${url}/services/user/nothing`, 'GET')],
    ['wrong method 405', 405, () => raw(login, 'GET')],
    ['Accept 406', 406, () => raw(login, 'POST', {...FORM, accept: 'text/html'}, 'user=a')],
    ['JSON body 415', 415, () => raw(hash, 'POST', {'content-type': 'application/json'}, '{}')],
    ['bad JSON 400', 400, () => raw(`${hash}?sid=x`, 'POST', FORM, 'user=%7B')],
    ['notallowed 500', 500, () => raw(`${hash}?sid=x`, 'POST', FORM, HASH_FIELDS)],
    ['OPTIONS 200', 200, () => raw(login, 'OPTIONS')],
  ];
}

describe('emulator CORS (protocol §10.1)', () => {
  it('sends no CORS header at all when rest.allow.origin is unset', async () => {
    const om = await start();
    for (const [name, status, send] of restAnswers(om.url)) {
      const response = await send();
      assert.equal(response.status, status, name);
      assert.deepEqual(corsLines(response), [], name);
    }
    await om.close();
  });

  it('sends exactly one Allow-Origin header, verbatim, on 200s, 4xx and JSON 500s', async () => {
    const om = await start({allowOrigin: ORIGIN});
    for (const [name, status, send] of restAnswers(om.url)) {
      const response = await send();
      assert.equal(response.status, status, name);
      assert.deepEqual(corsLines(response), [['access-control-allow-origin', ORIGIN]], name);
    }
    await om.close();
  });

  it('does not compare the setting with the request Origin', async () => {
    const om = await start({allowOrigin: ORIGIN});
    const response = await raw(`${om.url}/services/info/version`, 'GET', {
      origin: 'https://elsewhere.example',
    });

    assert.deepEqual(headerValues(response, 'access-control-allow-origin'), [ORIGIN]);
    await om.close();
  });

  it('sends a comma-separated setting as it is, which no browser accepts', async () => {
    const list = 'https://a.example, https://b.example';
    const om = await start({allowOrigin: list});
    const response = await raw(`${om.url}/services/info/version`, 'GET');

    assert.deepEqual(headerValues(response, 'access-control-allow-origin'), [list]);
    await om.close();
  });

  it('sends no CORS header on the /hash page', async () => {
    const om = await start({allowOrigin: ORIGIN});
    const response = await raw(`${om.url}/hash?secure=x`, 'GET');

    assert.deepEqual(corsLines(response), []);
    await om.close();
  });
});

describe('emulator OPTIONS, HEAD and TRACE under /services (protocol §10.1)', () => {
  let om: RunningEmulator;
  before(async () => {
    om = await start({allowOrigin: '*'});
  });
  after(() => om.close());

  it('answers OPTIONS with 200, an empty body and one Allow line per method', async () => {
    for (const path of ['/services/user/login', '/services/user/hash']) {
      const response = await raw(`${om.url}${path}`, 'OPTIONS', {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
      });

      assert.equal(response.status, 200);
      assert.equal(response.body, '');
      const allow = ['GET', 'POST', 'DELETE', 'OPTIONS', 'HEAD'];
      assert.deepEqual(headerValues(response, 'allow'), allow);
      assert.deepEqual(headerValues(response, 'access-control-allow-origin'), ['*']);
    }
  });

  it('forbids HEAD and TRACE with 403', async () => {
    for (const method of ['HEAD', 'TRACE']) {
      const response = await raw(`${om.url}/services/info/version`, method);
      assert.equal(response.status, 403, method);
    }
  });
});

describe('emulator CORS by version (protocol §5.4, §12)', () => {
  it('leaves the header off the servlet container 500s before 6.3', async () => {
    const om = await start({version: '6.2.0', allowOrigin: ORIGIN});
    const url = `${om.url}/services/user/hash?sid=x`;
    const error = await raw(url, 'POST', FORM, HASH_FIELDS);
    const fine = await raw(`${om.url}/services/info/version`, 'GET');

    assert.equal(error.status, 500);
    assert.deepEqual(corsLines(error), []);
    assert.deepEqual(headerValues(fine, 'access-control-allow-origin'), [ORIGIN]);
    await om.close();
  });

  it('has no rest.allow.origin before 4.0.2', async () => {
    for (const [version, expected] of [
      ['4.0.0', []],
      ['4.0.2', [ORIGIN]],
    ] as const) {
      const om = await start({version, allowOrigin: ORIGIN});
      const response = await raw(`${om.url}/services/info/version`, 'GET');
      assert.deepEqual(headerValues(response, 'access-control-allow-origin'), expected, version);
      await om.close();
    }
  });
});
