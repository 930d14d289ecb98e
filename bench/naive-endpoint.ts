import {randomUUID} from 'node:crypto';
import type {IncomingMessage, ServerResponse} from 'node:http';

/**
 * The server flow of OpenMeetings' PHP and Node examples, kept as plain as they are: for every
 * request, log in, then ask for a hash on that SID, then answer with the room URL. It uses Node's
 * fetch, which keeps connections alive just as our endpoint's does, so the two differ only in
 * what they do per join, not in how they reach OpenMeetings.
 */
export function naiveEndpoint(omUrl: string, account: {user: string; password: string}) {
  const call = async (path: string, fields: Record<string, string>) => {
    const body = new URLSearchParams(fields);
    const answer = await fetch(`${omUrl}/services/user/${path}`, {method: 'POST', body});
    const {serviceResult} = (await answer.json()) as {serviceResult: {message: string}};

    return serviceResult.message;
  };

  return async (req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const {roomId, language} = JSON.parse(text) as {roomId: number; language?: number};
    const sid = await call('login', {user: account.user, pass: account.password});
    const user = {externalId: randomUUID(), externalType: 'bench-naive', firstname: 'Guest'};
    const options = {roomId, moderator: false};
    const hash = await call(`hash?sid=${sid}`, {
      user: JSON.stringify(user),
      options: JSON.stringify(options),
    });
    res.writeHead(200, {'content-type': 'application/json'});
    res.end(JSON.stringify({url: `${omUrl}/hash?secure=${hash}&language=${language ?? 1}`}));
  };
}
