import {startDemo} from './demo-server.js';

const env = process.env;
const port = env.PORT ? Number(env.PORT) : undefined;
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`PORT: expected a port number from 1 to 65535, got "${env.PORT}"`);
  process.exit(2);
}
if (env.OM_URL && (!env.OM_USER || !env.OM_PASSWORD)) {
  console.error(
    'OM_URL is set, so OM_USER and OM_PASSWORD are needed too (the OpenMeetings API account).',
  );
  process.exit(2);
}

const {url} = await startDemo({
  port,
  omUrl: env.OM_URL,
  omUser: env.OM_USER,
  omPassword: env.OM_PASSWORD,
  omPublicUrl: env.OM_PUBLIC_URL,
});
const backend = env.OM_URL ? `OpenMeetings at ${env.OM_URL}` : 'the embedded OpenMeetings emulator';
console.log(`om-join-button demo on ${backend}:\n\n  ${url}\n\nPress Ctrl+C to stop.`);
