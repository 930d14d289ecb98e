import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createEmulator, type RunningEmulator} from '../../src/emulator/index.js';
import {languagesOf} from '../../src/emulator/languages.js';
import {makeHash, openHash, postHash, raw, sid, start, VISITOR} from './emulator-helpers.js';

// Protocol §12, the version matrix. Each version's behaviour is probed over HTTP and compared
// with a profile written from the matrix itself, not from the emulator's own version table.
const ORIGIN = 'https://site.example';

interface Profile {
  /** 9.0.0: POST with form fields; GET gives 405 (OPENMEETINGS-2816). */
  login: 'GET' | 'POST';
  /** 9.0.0: 6–15 s before error.bad.credentials (OPENMEETINGS-2817). */
  badCredentialsDelay: boolean;
  /** 6.3.0: JSON 500 with an `exception` header; before, the container's HTML page. */
  serviceError: 'json' | 'html';
  /** 5.0.0: externalId and externalType required (OPENMEETINGS-1937). */
  externalUserRequired: boolean;
  /** 5.1.0: options externalRoomId and externalType (OPENMEETINGS-2297). */
  externalRoomOptions: boolean;
  /** 5.0.0: /hash honours language (OPENMEETINGS-1911). */
  hashLanguage: boolean;
  /** 5.1.0: SameSite=Lax session cookie. */
  sameSiteLax: boolean;
  /** 4.0.2: rest.allow.origin. */
  allowOrigin: boolean;
  /** 4.0.11: redemption re-binds the SID. */
  rebind: boolean;
  /** §11: the highest language id, and the codes of ids 16 and 28. */
  languages: [number, string, string];
}

const V4_0_0: Profile = {
  login: 'GET',
  badCredentialsDelay: false,
  serviceError: 'html',
  externalUserRequired: false,
  externalRoomOptions: false,
  hashLanguage: false,
  sameSiteLax: false,
  allowOrigin: false,
  rebind: false,
  languages: [32, 'id', 'he'],
};
const V4_0_2: Profile = {...V4_0_0, allowOrigin: true};
const V4_0_11: Profile = {...V4_0_2, rebind: true, languages: [33, 'in', 'he']};
const V5_0_0: Profile = {
  ...V4_0_11,
  externalUserRequired: true,
  hashLanguage: true,
  languages: [36, 'in', 'iw'],
};
const V5_1_0: Profile = {
  ...V5_0_0,
  externalRoomOptions: true,
  sameSiteLax: true,
  languages: [38, 'in', 'iw'],
};
const V6_0_0: Profile = {...V5_1_0, languages: [39, 'in', 'iw']};
const V6_3_0: Profile = {...V6_0_0, serviceError: 'json'};
const V7_0_0: Profile = {...V6_3_0, languages: [39, 'id', 'he']};
const V9_0_0: Profile = {...V7_0_0, login: 'POST', badCredentialsDelay: true};

const MATRIX: Array<[string, Profile]> = [
  ['4.0.0', V4_0_0],
  ['4.0.2', V4_0_2],
  ['4.0.11', V4_0_11],
  ['5.0.0', V5_0_0],
  ['5.1.0', V5_1_0],
  ['6.0.0', V6_0_0],
  // 6.2.0 only published the OpenAPI description, which the emulator does not serve.
  ['6.2.0', V6_0_0],
  ['6.3.0', V6_3_0],
  ['7.0.0', V7_0_0],
  // 7.2.0 applied `language` earlier; the emulator applies it from 5.0 on (README).
  ['7.2.0', V7_0_0],
  ['8.1.0', V7_0_0],
  ['9.0.0', V9_0_0],
  ['9.1.0', V9_0_0],
];

async function loginMethod(om: RunningEmulator): Promise<'GET' | 'POST'> {
  const url = `${om.url}/services/user/login`;
  const form = {'content-type': 'application/x-www-form-urlencoded'};
  const post = await raw(url, 'POST', form, 'user=soapuser&pass=%21HansHans1');
  const get = await raw(`${url}?user=soapuser&pass=%21HansHans1`, 'GET');
  const works = (answer: {status: number; body: string}) => /"SUCCESS"/.test(answer.body);
  assert.ok(works(post) !== works(get), 'exactly one login method works');
  assert.equal((works(post) ? get : post).status, 405);

  return works(post) ? 'POST' : 'GET';
}

async function badCredentialsDelay(om: RunningEmulator, method: 'GET' | 'POST') {
  const url = `${om.url}/services/user/login`;
  const form = {'content-type': 'application/x-www-form-urlencoded'};
  if (method === 'GET') await raw(`${url}?user=soapuser&pass=wrong`, 'GET');
  else await raw(url, 'POST', form, 'user=soapuser&pass=wrong');
  const entry = om.emulator.log().findLast((candidate) => candidate.kind === 'login');

  return entry?.kind === 'login' && entry.delaySeconds !== undefined;
}

async function serviceError(om: RunningEmulator): Promise<'json' | 'html'> {
  const response = await postHash(om, 'no-such-sid', {user: VISITOR, options: {roomId: 1}});
  const body = await response.text();
  assert.equal(response.status, 500);
  if (body === '{"serviceResult":{"message":"error.notallowed","type":"ERROR"}}') {
    assert.equal(response.headers.get('exception'), 'error.notallowed');
    assert.equal(response.headers.get('access-control-allow-origin'), ORIGIN);

    return 'json';
  }
  assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
  assert.equal(response.headers.get('access-control-allow-origin'), null);

  return 'html';
}

/** Over /hash where it honours `language` (5.0+); from the emulator's table before. */
async function languageProfile(
  om: RunningEmulator,
  viaPage: boolean,
): Promise<[number, string, string]> {
  if (!viaPage) {
    const languages = languagesOf(om.emulator.options.version);

    return [languages.length, languages[15].code, languages[27].code];
  }

  let highest = 0;
  for (const id of [32, 33, 36, 38, 39, 40]) {
    const page = await openHash(om, await makeHash(om), {language: String(id)});
    if (page.data.language === String(id)) highest = id;
  }
  const code = async (id: number) =>
    (await openHash(om, await makeHash(om), {language: String(id)})).data['language-code'];

  return [highest, await code(16), await code(28)];
}

async function probe(om: RunningEmulator): Promise<Profile> {
  const login = await loginMethod(om);
  const anonymous = await postHash(om, await sid(om), {user: {firstname: 'Ada'}, options: {}});
  const byExternal = {roomId: 2, externalRoomId: 'course-101', externalType: 'example-cms'};
  const room = (await openHash(om, await makeHash(om, byExternal))).data['room-id'];
  const language = (await openHash(om, await makeHash(om), {language: '2'})).data.language;
  const cookie = (await fetch(`${om.url}/hash?secure=x`)).headers.get('set-cookie') ?? '';
  const info = await fetch(`${om.url}/services/info/version`);
  const shared = await sid(om);
  await openHash(om, await makeHash(om, {roomId: 1}, VISITOR, shared));
  const again = await postHash(om, shared, {user: VISITOR, options: {roomId: 1}});

  return {
    login,
    badCredentialsDelay: await badCredentialsDelay(om, login),
    serviceError: await serviceError(om),
    externalUserRequired: /externalId and\/or externalType/.test(await anonymous.text()),
    externalRoomOptions: room === '6',
    hashLanguage: language === '2',
    sameSiteLax: /SameSite=Lax/.test(cookie),
    allowOrigin: info.headers.get('access-control-allow-origin') === ORIGIN,
    rebind: again.status === 500,
    languages: await languageProfile(om, language === '2'),
  };
}

describe('conformance §12 version matrix', () => {
  for (const [version, expected] of MATRIX) {
    it(`behaves as OpenMeetings ${version} does in the join flow`, async () => {
      const om = await start({version, allowOrigin: ORIGIN});
      try {
        assert.deepEqual(await probe(om), expected);
      } finally {
        await om.close();
      }
    });
  }

  it('answers with 4.0 envelopes: label keys, no code field', async () => {
    const om = await start({version: '4.0.0'});
    try {
      const bad = await raw(`${om.url}/services/user/login?user=soapuser&pass=wrong`, 'GET');
      const text = await raw(`${om.url}/services/error/error.bad.credentials/1`, 'GET');

      const expected = '{"serviceResult":{"message":"error.bad.credentials","type":"ERROR"}}';
      assert.equal(bad.body, expected);
      assert.match(text.body, /"message":"Username\/email and\/or password are incorrect\."/);
      assert.doesNotMatch(bad.body + text.body, /"code"/);
    } finally {
      await om.close();
    }
  });

  it('does not emulate 3.3 and earlier, nor anything past 9.1.0', () => {
    for (const version of ['3.3.0', '3.0.0', '9.2.0']) {
      assert.throws(() => createEmulator({version}), /not emulated/, version);
    }
  });
});
