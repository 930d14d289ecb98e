import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {RunningEmulator} from '../../src/emulator/index.js';
import {languagesOf} from '../../src/emulator/languages.js';
import {
  headerValues,
  makeHash,
  openHash,
  raw,
  start,
  usesGetLogin,
  type RawResponse,
} from './emulator-helpers.js';

// Protocol §10.1 (CORS), §8 (error service) and §11 (language ids), run against each version
// the conformance suite covers. test/CONFORMANCE.md maps every table row to its tests.
const VERSIONS = ['9.1.0', '8.1.0', '6.2.0'];
const ORIGIN = 'https://site.example';
const FORM = {'content-type': 'application/x-www-form-urlencoded'};
const HASH_FIELDS = 'user=%7B%7D&options=%7B%7D';

function corsLines(response: RawResponse): Array<[string, string]> {
  return response.lines.filter(([name]) => name.startsWith('access-control-') || name === 'vary');
}

type Answer = [name: string, status: number, send: () => Promise<RawResponse>];

/** One request for each kind of answer the REST layer gives, in the version's login method. */
function restAnswers(om: RunningEmulator): Answer[] {
  const login = `${om.url}/services/user/login`;
  const hash = `${om.url}/services/user/hash`;
  const credentials = 'user=soapuser&pass=%21HansHans1';
  const get = usesGetLogin(om);

  return [
    [
      'login 200',
      200,
      () => (get ? raw(`${login}?${credentials}`, 'GET') : raw(login, 'POST', FORM, credentials)),
    ],
    ['error service 200', 200, () => raw(`${om.url}/services/error/error.unknown/1`, 'GET')],
    ['unknown path 404', 404, () => raw(`${om.url}/services/user/nothing`, 'GET')],
    ['wrong method 405', 405, () => raw(login, get ? 'POST' : 'GET', FORM)],
    ['Accept 406', 406, () => raw(`${om.url}/services/info/health`, 'GET', {accept: 'text/html'})],
    ['JSON body 415', 415, () => raw(hash, 'POST', {'content-type': 'application/json'}, '{}')],
    ['bad JSON 400', 400, () => raw(`${hash}?sid=x`, 'POST', FORM, 'user=%7B')],
    ['OPTIONS 200', 200, () => raw(login, 'OPTIONS', {origin: ORIGIN})],
  ];
}

const refusedHash = (om: RunningEmulator) =>
  raw(`${om.url}/services/user/hash?sid=x`, 'POST', FORM, HASH_FIELDS);

for (const version of VERSIONS) {
  const jsonErrors = version !== '6.2.0';

  describe(`conformance §10.1 CORS on OM ${version}`, () => {
    it('sends no CORS header at all while rest.allow.origin is unset', async () => {
      const om = await start({version});
      try {
        const answers: Answer[] = [...restAnswers(om), ['hash 500', 500, () => refusedHash(om)]];
        for (const [name, status, send] of answers) {
          const response = await send();
          assert.equal(response.status, status, name);
          assert.deepEqual(corsLines(response), [], name);
        }
      } finally {
        await om.close();
      }
    });

    it('adds exactly one Allow-Origin line, verbatim, to 200s and framework 4xx', async () => {
      const om = await start({version, allowOrigin: ORIGIN});
      try {
        for (const [name, status, send] of restAnswers(om)) {
          const response = await send();
          assert.equal(response.status, status, name);
          assert.deepEqual(corsLines(response), [['access-control-allow-origin', ORIGIN]], name);
        }
      } finally {
        await om.close();
      }
    });

    const on500 = jsonErrors ? 'adds it to the JSON 500 (6.3+)' : 'leaves it off the HTML 500';
    it(`${on500} of a refused hash call`, async () => {
      const om = await start({version, allowOrigin: ORIGIN});
      try {
        const response = await refusedHash(om);
        assert.equal(response.status, 500);
        const expected = jsonErrors ? [['access-control-allow-origin', ORIGIN]] : [];
        assert.deepEqual(corsLines(response), expected);
      } finally {
        await om.close();
      }
    });

    it('sends the setting whatever the Origin, and a comma-separated one as it is', async () => {
      for (const setting of [ORIGIN, '*', 'https://a.example, https://b.example']) {
        const om = await start({version, allowOrigin: setting});
        const response = await raw(`${om.url}/services/info/version`, 'GET', {
          origin: 'https://elsewhere.example',
        });
        await om.close();
        assert.deepEqual(headerValues(response, 'access-control-allow-origin'), [setting]);
      }
    });

    it('answers OPTIONS with 200, no body and one Allow line per method', async () => {
      const om = await start({version, allowOrigin: ORIGIN});
      try {
        for (const path of ['/services/user/login', '/services/user/hash']) {
          const response = await raw(`${om.url}${path}`, 'OPTIONS', {
            origin: ORIGIN,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          });
          assert.equal(response.status, 200, path);
          assert.equal(response.body, '', path);
          const allow = ['GET', 'POST', 'DELETE', 'OPTIONS', 'HEAD'];
          assert.deepEqual(headerValues(response, 'allow'), allow, path);
          assert.deepEqual(corsLines(response), [['access-control-allow-origin', ORIGIN]], path);
        }
      } finally {
        await om.close();
      }
    });

    it('forbids HEAD and TRACE under /services with 403', async () => {
      const om = await start({version, allowOrigin: ORIGIN});
      try {
        for (const method of ['HEAD', 'TRACE']) {
          assert.equal((await raw(`${om.url}/services/user/login`, method)).status, 403, method);
        }
      } finally {
        await om.close();
      }
    });

    it('still runs a cross-origin login it sends no origin header for', async () => {
      const om = await start({version});
      try {
        const url = `${om.url}/services/user/login`;
        const credentials = 'user=soapuser&pass=%21HansHans1';
        const origin = {origin: ORIGIN};
        const response = usesGetLogin(om)
          ? await raw(`${url}?${credentials}`, 'GET', origin)
          : await raw(url, 'POST', {...FORM, ...origin}, credentials);

        assert.match(response.body, /"type":"SUCCESS"/);
        assert.deepEqual(corsLines(response), []);
        assert.deepEqual(
          om.emulator.log().map((entry) => entry.kind === 'login' && entry.outcome),
          ['success'],
        );
      } finally {
        await om.close();
      }
    });

    it('sends no CORS header on the /hash page', async () => {
      const om = await start({version, allowOrigin: ORIGIN});
      const response = await raw(`${om.url}/hash?secure=x`, 'GET', {origin: ORIGIN});
      await om.close();

      assert.deepEqual(corsLines(response), []);
    });
  });

  describe(`conformance §8 error service on OM ${version}`, () => {
    let om: RunningEmulator;
    before(async () => {
      om = await start({version, labels: {'1599': {1: 'Room not found', 2: 'Raum fehlt'}}});
    });
    after(() => om.close());

    const text = async (key: string, language: string | number) => {
      const response = await raw(`${om.url}/services/error/${key}/${language}`, 'GET');
      assert.equal(response.status, 200, `${key}/${language}`);
      const body = JSON.parse(response.body) as {serviceResult: {message: string; type: string}};
      assert.equal(body.serviceResult.type, 'SUCCESS', `${key}/${language}`);

      return body.serviceResult.message;
    };

    it('answers every key with type SUCCESS, without a SID', async () => {
      const badCredentials = 'Username/email and/or password are incorrect.';
      assert.equal(await text('error.bad.credentials', 1), badCredentials);
      assert.equal(await text('error.nogroup', 1), 'User is not assigned to group.');
      assert.equal(await text('error.notallowed', 1), 'Admin authorization required');
    });

    it('answers in the language asked for, and numeric label keys too', async () => {
      assert.match(await text('error.bad.credentials', 2), /Passwort/);
      assert.equal(await text('1599', 2), 'Raum fehlt');
      assert.equal(await text('1599', 1), 'Room not found');
    });

    it('answers in English for id 3 and unknown ids', async () => {
      for (const language of [3, 0, 40, 4711, -1]) {
        assert.equal(await text('error.nogroup', language), 'User is not assigned to group.');
      }
    });

    it('answers [Missing] for an unknown key and a 3.x negative id', async () => {
      assert.equal(await text('error.no.such.key', 1), '[Missing]');
      assert.equal(await text('-11', 9), '[Missing]');
    });

    it('answers a non-numeric language id with an empty 404', async () => {
      for (const language of ['en', 'de-DE', '1.0']) {
        const response = await raw(`${om.url}/services/error/error.unknown/${language}`, 'GET');
        assert.equal(response.status, 404, language);
        assert.equal(response.body, '', language);
      }
    });
  });

  describe(`conformance §11 language ids on OM ${version}`, () => {
    const [indonesian, hebrew] = version === '6.2.0' ? ['in', 'iw'] : ['id', 'he'];

    it(`ships ids 1 to 39, with 16 coded ${indonesian} and 28 coded ${hebrew}`, () => {
      const languages = languagesOf(version);

      assert.deepEqual(
        languages.map((language) => language.id),
        Array.from({length: 39}, (_, index) => index + 1),
      );
      assert.equal(languages[15].code, indonesian);
      assert.equal(languages[27].code, hebrew);
      assert.equal(languages[38].code, 'ur');
    });

    it('shows each id on /hash with its code; unknown ids and 0 mean English', async () => {
      const om = await start({version});
      try {
        const cases: Array<[string, string, string]> = [
          ['16', '16', indonesian],
          ['28', '28', hebrew],
          ['39', '39', 'ur'],
          ['7', '7', 'pt-br'],
          ['40', '1', 'en'],
          ['0', '1', 'en'],
        ];
        for (const [requested, id, code] of cases) {
          const page = await openHash(om, await makeHash(om), {language: requested});
          assert.deepEqual([page.data.language, page.data['language-code']], [id, code], requested);
        }
      } finally {
        await om.close();
      }
    });

    it('shows German for id 3 on /hash while the error service answers in English', async () => {
      const om = await start({version});
      try {
        const page = await openHash(om, await makeHash(om), {language: '3'});
        const response = await raw(`${om.url}/services/error/error.nogroup/3`, 'GET');

        assert.match(page.html, /<html lang="de">/);
        assert.match(response.body, /User is not assigned to group\./);
      } finally {
        await om.close();
      }
    });
  });
}
