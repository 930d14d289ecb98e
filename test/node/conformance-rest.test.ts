import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {RunningEmulator} from '../../src/emulator/index.js';
import {
  headerValues,
  openHash,
  raw,
  sid,
  SOAP_USER,
  start,
  usesGetLogin,
  UUID_V4,
  VISITOR,
} from './emulator-helpers.js';

// The protocol's §2 and §3 tables, run against each version the conformance suite covers.
// test/CONFORMANCE.md maps every table row to the tests that run it.
const VERSIONS = ['9.1.0', '8.1.0', '6.2.0'];
const FORM = {'content-type': 'application/x-www-form-urlencoded'};
const HASH_FIELDS = new URLSearchParams({
  user: JSON.stringify(VISITOR),
  options: JSON.stringify({roomId: 5}),
}).toString();

/** A login request of the version's own method, with extra headers. */
function loginRequest(om: RunningEmulator, headers: Record<string, string> = {}, pass = 'x') {
  const url = `${om.url}/services/user/login`;
  const fields = new URLSearchParams({user: 'soapuser', pass}).toString();
  if (usesGetLogin(om)) return raw(`${url}?${fields}`, 'GET', headers);

  return raw(url, 'POST', {...FORM, ...headers}, fields);
}

type Answer = {status: number; body: string};

const hashUrl = (om: RunningEmulator, sidValue: string) =>
  `${om.url}/services/user/hash?sid=${encodeURIComponent(sidValue)}`;

for (const version of VERSIONS) {
  describe(`conformance §2 envelope on OM ${version}`, () => {
    let om: RunningEmulator;
    before(async () => {
      om = await start({
        version,
        labels: {'c.long': {1: '-42'}, 'c.double': {1: '2.5'}, 'c.bool': {1: 'True'}},
      });
    });
    after(() => om.close());

    it('answers a login with compact JSON, message before type, no code field', async () => {
      const response = await loginRequest(om, {}, SOAP_USER.pass);
      const match = /^\{"serviceResult":\{"message":"([^"]+)","type":"SUCCESS"\}\}$/.exec(
        response.body,
      );

      assert.equal(response.status, 200);
      assert.deepEqual(headerValues(response, 'content-type'), ['application/json']);
      assert.ok(match, response.body);
      assert.match(match[1], UUID_V4);
    });

    it('answers a business error with HTTP 200 and type ERROR', async () => {
      const response = await loginRequest(om, {}, 'wrong');

      assert.equal(response.status, 200);
      assert.equal(
        response.body,
        '{"serviceResult":{"message":"error.bad.credentials","type":"ERROR"}}',
      );
    });

    it('writes number-like and boolean-like texts as JSON numbers and booleans', async () => {
      const texts: Array<[string, string]> = [
        ['c.long', '-42'],
        ['c.double', '2.5'],
        ['c.bool', 'true'],
        ['error.notallowed', '"Admin authorization required"'],
      ];
      for (const [key, json] of texts) {
        const response = await raw(`${om.url}/services/error/${key}/1`, 'GET');
        assert.equal(response.body, `{"serviceResult":{"message":${json},"type":"SUCCESS"}}`, key);
      }
    });
  });

  describe(`conformance §2 framework errors on OM ${version}`, () => {
    let om: RunningEmulator;
    before(async () => {
      om = await start({version});
    });
    after(() => om.close());

    const assertEmpty = (response: Answer, status: number, what: string) => {
      assert.equal(response.status, status, what);
      assert.equal(response.body, '', what);
    };

    it('answers unknown paths and non-numeric numeric segments with an empty 404', async () => {
      const paths = [
        '/services/user/nothing',
        '/services/nothing',
        '/services/error/error.unknown/de',
        '/services/error/error.unknown/1/extra',
      ];
      for (const path of paths) assertEmpty(await raw(`${om.url}${path}`, 'GET'), 404, path);
    });

    it('answers a wrong method with an empty 405 and one Allow line per method', async () => {
      const loginMethod = usesGetLogin(om) ? 'GET' : 'POST';
      const cases: Array<[string, string, string[]]> = [
        ['/services/user/hash', 'GET', ['POST']],
        ['/services/user/login', loginMethod === 'GET' ? 'POST' : 'GET', [loginMethod]],
        ['/services/error/error.unknown/1', 'POST', ['GET']],
        ['/services/info/version', 'PUT', ['GET']],
      ];
      for (const [path, method, allow] of cases) {
        const response = await raw(`${om.url}${path}`, method, FORM);
        assertEmpty(response, 405, `${method} ${path}`);
        assert.deepEqual(headerValues(response, 'allow'), allow, `${method} ${path}`);
      }
    });

    it('answers an Accept header that excludes JSON with an empty 406', async () => {
      const accept = {accept: 'text/html'};
      const hash = raw(hashUrl(om, await sid(om)), 'POST', {...FORM, ...accept}, HASH_FIELDS);
      const answers: Array<[string, Promise<Answer>]> = [
        ['login', loginRequest(om, accept, SOAP_USER.pass)],
        ['hash', hash],
        ['error service', raw(`${om.url}/services/error/error.unknown/1`, 'GET', accept)],
        ['info', raw(`${om.url}/services/info/version`, 'GET', accept)],
      ];
      for (const [what, answer] of answers) assertEmpty(await answer, 406, what);
    });

    it('answers a JSON or text body with an empty 415, even with a good SID', async () => {
      const url = hashUrl(om, await sid(om));
      for (const type of ['application/json', 'text/plain', 'application/xml']) {
        assertEmpty(await raw(url, 'POST', {'content-type': type}, HASH_FIELDS), 415, type);
      }
    });

    it('answers a user or options field that is not JSON with an empty 400', async () => {
      const cases = [
        {user: '{"externalId":', options: '{"roomId":5}'},
        {user: JSON.stringify(VISITOR), options: 'roomId=5'},
      ];
      for (const fields of cases) {
        const body = new URLSearchParams(fields).toString();
        assertEmpty(await raw(hashUrl(om, await sid(om)), 'POST', FORM, body), 400, body);
      }
    });
  });

  describe(`conformance §3 form parameters on OM ${version}`, () => {
    let om: RunningEmulator;
    before(async () => {
      om = await start({version});
    });
    after(() => om.close());

    /** The hash of a SUCCESS answer, or the failure as text. */
    const hashOf = (response: Answer) => {
      const match = /^\{"serviceResult":\{"message":"([^"]+)","type":"SUCCESS"\}\}$/.exec(
        response.body,
      );

      return match ? match[1] : `HTTP ${response.status} ${response.body}`;
    };

    it('reads the hash fields from a urlencoded body', async () => {
      const response = await raw(hashUrl(om, await sid(om)), 'POST', FORM, HASH_FIELDS);

      assert.match(hashOf(response), UUID_V4);
    });

    it('reads the hash fields from a multipart/form-data body', async () => {
      const body = new FormData();
      body.set('user', JSON.stringify(VISITOR));
      body.set('options', JSON.stringify({roomId: 5}));
      const response = await fetch(hashUrl(om, await sid(om)), {method: 'POST', body});
      const hash = hashOf({status: response.status, body: await response.text()});

      assert.equal((await openHash(om, hash)).data.user, 'Ada Lovelace');
    });

    it('reads a body without Content-Type, or sent as */*, as urlencoded', async () => {
      for (const headers of [{}, {'content-type': '*/*'}] as Array<Record<string, string>>) {
        const response = await raw(hashUrl(om, await sid(om)), 'POST', headers, HASH_FIELDS);
        assert.match(hashOf(response), UUID_V4, JSON.stringify(headers));
      }
    });

    it('reads the fields from the query string when the body is empty', async () => {
      const url = `${hashUrl(om, await sid(om))}&${HASH_FIELDS}`;

      assert.match(hashOf(await raw(url, 'POST', FORM)), UUID_V4);
    });

    it('checks the content type before any field value', async () => {
      const url = hashUrl(om, 'not-a-sid');
      const response = await raw(url, 'POST', {'content-type': 'text/plain'}, 'user=%7B');

      assert.equal(response.status, 415);
    });

    it('reads percent-encoded UTF-8 in urlencoded and multipart bodies alike', async () => {
      const user = JSON.stringify({...VISITOR, firstname: 'Łucja', lastname: 'عائشة 日本'});
      const options = JSON.stringify({roomId: 5});
      const multipart = new FormData();
      multipart.set('user', user);
      multipart.set('options', options);
      for (const body of [new URLSearchParams({user, options}), multipart]) {
        const response = await fetch(hashUrl(om, await sid(om)), {method: 'POST', body});
        const hash = hashOf({status: response.status, body: await response.text()});
        assert.equal((await openHash(om, hash)).data.user, 'Łucja عائشة 日本');
      }
    });
  });
}

describe('conformance §1 endpoints and §4.1 login request by version', () => {
  for (const version of VERSIONS) {
    const method = Number(version.split('.')[0]) >= 9 ? 'POST' : 'GET';
    it(`serves every endpoint of the join flow on OM ${version}, login by ${method}`, async () => {
      const om = await start({version});
      try {
        const fields = new URLSearchParams(SOAP_USER).toString();
        const url = `${om.url}/services/user/login`;
        const asGet = () => raw(`${url}?${fields}`, 'GET');
        const asPost = () => raw(url, 'POST', FORM, fields);
        const [right, wrong] = method === 'GET' ? [asGet, asPost] : [asPost, asGet];
        assert.match((await right()).body, /"type":"SUCCESS"/);
        assert.deepEqual(headerValues(await wrong(), 'allow'), [method]);

        const hash = await raw(hashUrl(om, await sid(om)), 'POST', FORM, HASH_FIELDS);
        assert.match(hash.body, /"type":"SUCCESS"/);
        const text = await raw(`${om.url}/services/error/error.unknown/1`, 'GET');
        assert.match(text.body, /"type":"SUCCESS"/);
        const info = await raw(`${om.url}/services/info/version`, 'GET');
        assert.equal(JSON.parse(info.body).info.version, version);
        const health = await raw(`${om.url}/services/info/health`, 'GET');
        assert.equal(health.status, 200);
        const wadl = await raw(`${om.url}/services/user?_wadl`, 'GET');
        const loginResource = new RegExp(`<resource path="/login">\\s*<method name="${method}">`);
        assert.match(wadl.body, loginResource);
        const page = await raw(`${om.url}/hash?secure=x`, 'GET');
        assert.equal(page.status, 200);
      } finally {
        await om.close();
      }
    });
  }

  it('takes ?user=…&pass=… on a 9.x POST with an empty body', async () => {
    const om = await start({version: '9.1.0'});
    try {
      const query = new URLSearchParams(SOAP_USER).toString();
      const fromQuery = await raw(`${om.url}/services/user/login?${query}`, 'POST', FORM);

      assert.match(fromQuery.body, /"type":"SUCCESS"/);
    } finally {
      await om.close();
    }
  });
});
