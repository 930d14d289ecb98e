import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {EmulatorAccount, RunningEmulator} from '../../src/emulator/index.js';
import {
  headerValues,
  login,
  postHash,
  raw,
  SOAP_USER,
  start,
  usesGetLogin,
  UUID_V4,
  VISITOR,
} from './emulator-helpers.js';

const ACCOUNTS: EmulatorAccount[] = [
  {
    login: 'soapuser',
    password: '!HansHans1',
    email: 'SoapUser@Example.org',
    rights: ['LOGIN', 'SOAP'],
  },
  {login: 'inactive', password: 'pw', rights: ['SOAP'], groups: []},
  {login: 'loner', password: 'pw', rights: ['LOGIN', 'SOAP'], groups: []},
  {login: 'web-only', password: 'pw', rights: ['LOGIN'], groups: ['staff']},
];

for (const version of ['9.1.0', '8.1.0', '6.2.0']) {
  describe(`emulator login outcomes on OM ${version} (protocol §4.2)`, () => {
    let om: RunningEmulator;
    before(async () => {
      om = await start({version, accounts: ACCOUNTS});
    });
    after(() => om.close());

    const message = async (user: string, pass: string) => {
      const {status, body} = await login(om, user, pass);
      assert.equal(status, 200);

      return body.serviceResult;
    };

    it('returns a new lowercase UUID v4 SID for every successful login', async () => {
      const first = await message(SOAP_USER.user, SOAP_USER.pass);
      const second = await message(SOAP_USER.user, SOAP_USER.pass);

      assert.equal(first.type, 'SUCCESS');
      assert.match(String(first.message), UUID_V4);
      assert.match(String(second.message), UUID_V4);
      assert.notEqual(first.message, second.message);
    });

    it('keeps earlier SIDs valid after a new login', async () => {
      const first = String((await message(SOAP_USER.user, SOAP_USER.pass)).message);
      await message(SOAP_USER.user, SOAP_USER.pass);
      const response = await postHash(om, first, {user: VISITOR, options: {roomId: 1}});

      assert.equal(response.status, 200);
    });

    it('trims and lower-cases the user name', async () => {
      assert.equal((await message('  SoapUser ', SOAP_USER.pass)).type, 'SUCCESS');
    });

    it('accepts the e-mail address in place of the login name', async () => {
      assert.equal((await message('soapuser@EXAMPLE.org', SOAP_USER.pass)).type, 'SUCCESS');
    });

    it('answers an unknown user or a wrong password with error.bad.credentials', async () => {
      const expected = {message: 'error.bad.credentials', type: 'ERROR'};

      assert.deepEqual(await message('nobody', 'pw'), expected);
      assert.deepEqual(await message(SOAP_USER.user, 'wrong'), expected);
      assert.deepEqual(await message(SOAP_USER.user, SOAP_USER.pass.toUpperCase()), expected);
    });

    it('checks the password before the LOGIN right', async () => {
      assert.equal((await message('inactive', 'wrong')).message, 'error.bad.credentials');
    });

    it('answers an account without the LOGIN right with error.notactivated', async () => {
      const expected = {message: 'error.notactivated', type: 'ERROR'};

      assert.deepEqual(await message('inactive', 'pw'), expected);
    });

    it('answers an account in no group with error.nogroup', async () => {
      assert.deepEqual(await message('loner', 'pw'), {message: 'error.nogroup', type: 'ERROR'});
    });

    it('answers a login without a user field with error.unknown', async () => {
      const url = `${om.url}/services/user/login`;
      const response = usesGetLogin(om)
        ? await fetch(`${url}?pass=pw`)
        : await fetch(url, {method: 'POST', body: new URLSearchParams({pass: 'pw'})});

      const expected = '{"serviceResult":{"message":"error.unknown","type":"ERROR"}}';
      assert.equal(await response.text(), expected);
    });

    it('lets an account without SOAP log in and fails it only at /user/hash', async () => {
      const result = await message('web-only', 'pw');
      assert.equal(result.type, 'SUCCESS');

      const fields = {user: VISITOR, options: {roomId: 1}};
      const response = await postHash(om, String(result.message), fields);
      assert.equal(response.status, 500);
    });

    it('never writes a password into the inspection log', async () => {
      await message(SOAP_USER.user, SOAP_USER.pass);
      await message(SOAP_USER.user, 'wrong-secret');
      const text = await (await fetch(`${om.url}/_emulator/log`)).text();

      assert.doesNotMatch(text, /HansHans1|wrong-secret/);
      assert.match(text, /"account":"soapuser"/);
    });

    const [right, wrong] = version.startsWith('9') ? ['POST', 'GET'] : ['GET', 'POST'];
    it(`answers a ${wrong} login with 405 and Allow: ${right}`, async () => {
      const response = await raw(`${om.url}/services/user/login?user=soapuser&pass=x`, wrong);

      assert.equal(response.status, 405);
      assert.equal(response.body, '');
      assert.deepEqual(headerValues(response, 'allow'), [right]);
    });
  });
}

describe('emulator bad-credentials delay (protocol §4.2, OPENMEETINGS-2817)', () => {
  const badLogin = (om: RunningEmulator, signal?: AbortSignal) =>
    fetch(`${om.url}/services/user/login`, {
      method: 'POST',
      body: new URLSearchParams({user: 'soapuser', pass: 'wrong'}),
      signal,
    });

  const loginEntries = (om: RunningEmulator) =>
    om.emulator.log().filter((entry) => entry.kind === 'login');

  it('waits 6 to 15 whole seconds on 9.x, scaled by penaltyScale', async () => {
    for (const [random, seconds] of [
      [0, 6],
      [0.5, 11],
      [0.999, 15],
    ]) {
      const om = await start({penaltyScale: 0.001, random: () => random});
      await badLogin(om);

      assert.deepEqual(
        loginEntries(om).map((entry) => [entry.delaySeconds, entry.delayMs]),
        [[seconds, seconds]],
      );
      await om.close();
    }
  });

  it('delays no other outcome', async () => {
    const om = await start({
      penaltyScale: 1,
      accounts: [{login: 'inactive', password: 'pw', rights: []}],
    });
    const body = new URLSearchParams({user: 'inactive', pass: 'pw'});
    const response = await fetch(`${om.url}/services/user/login`, {
      method: 'POST',
      body,
      signal: AbortSignal.timeout(2000),
    });

    assert.match(await response.text(), /error\.notactivated/);
    assert.equal(loginEntries(om)[0].delaySeconds, undefined);
    await om.close();
  });

  it('keeps answering other requests while a bad login waits', async () => {
    const om = await start({penaltyScale: 1});
    const abort = new AbortController();
    let badAnswered = false;
    const bad = badLogin(om, abort.signal).then(
      () => (badAnswered = true),
      () => undefined,
    );
    const good = await login(om);

    assert.equal(good.body.serviceResult.type, 'SUCCESS');
    assert.equal(badAnswered, false);
    abort.abort();
    await bad;
    await om.close();
  });

  for (const version of ['8.1.0', '6.2.0']) {
    it(`answers bad credentials at once on ${version}`, async () => {
      const om = await start({version, penaltyScale: 1});
      const url = `${om.url}/services/user/login?user=soapuser&pass=wrong`;
      const response = await fetch(url, {signal: AbortSignal.timeout(2000)});

      assert.match(await response.text(), /error\.bad\.credentials/);
      assert.equal(loginEntries(om)[0].delaySeconds, undefined);
      await om.close();
    });
  }
});
