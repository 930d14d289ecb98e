import {existsSync} from 'node:fs';
import {delimiter, join} from 'node:path';

const names = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome'];

/**
 * The Chromium to drive: `CHROME_PATH`, then the usual names on PATH. Tests never download a
 * browser; this machine's network reaches only package registries.
 */
export function findChrome(): string {
  const given = process.env.CHROME_PATH;
  if (given) {
    if (!existsSync(given)) throw new Error(`CHROME_PATH points at ${given}, which does not exist`);

    return given;
  }
  const dirs = (process.env.PATH ?? '').split(delimiter).concat('/usr/bin', '/usr/local/bin');
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }

  throw new Error(
    `No Chromium found: set CHROME_PATH, or install one (Debian: apt-get install -y chromium). Looked for ${names.join(', ')}.`,
  );
}

/**
 * Flags for headless Chromium here: as root it needs --no-sandbox, and the background services
 * would only knock on a closed network.
 */
export const chromeArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];
