import type {Browser, BrowserContext, ConsoleMessage, Page, Target} from 'puppeteer-core';
import {countUpstream, type UpstreamCalls} from './faults-site.js';

/** An event as the relay script logged it, with the OmError flattened. */
export interface RelayedEvent {
  name: string;
  detail: {
    code?: string;
    message?: string;
    error?: {message: string; code: string; status?: number; field?: string; step: string};
    [key: string]: unknown;
  };
}

/** One page in a browser context of its own, with everything a fault test watches. */
export interface Visit {
  context: BrowserContext;
  page: Page;
  /** Windows this page opened, in order. */
  popups: Target[];
  /** Login and hash calls the page itself sent, refused ones included. */
  calls: UpstreamCalls;
  /** Every request the page sent, as `METHOD url`. */
  requests: string[];
  /** Uncaught errors, unhandled rejections and CSP violations, as the page reported them. */
  problems: string[];
  /** Console messages of type error, e.g. a refused script. */
  consoleErrors: string[];
  /** Every console line, in order. */
  logs: string[];
  /** Resolves with the first console line, past or future, that starts with `prefix`. */
  line(prefix: string): Promise<string>;
  /** Resolves with the first problem the page reported. */
  problem(): Promise<string>;
  /** Resolves with the next relayed event named one of `names`. */
  next(...names: string[]): Promise<RelayedEvent>;
  /** A real click on the element: a trusted user activation, one at a time across visits. */
  click(selector?: string): Promise<void>;
}

let inputQueue: Promise<unknown> = Promise.resolve();

export async function visit(browser: Browser, url: string): Promise<Visit> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const popups: Target[] = [];
  const calls = {logins: 0, hashes: 0};
  const requests: string[] = [];
  const problems: string[] = [];
  const consoleErrors: string[] = [];
  const logs: string[] = [];
  const lineWaiters: Array<{prefix: string; resolve: (line: string) => void}> = [];
  const events: RelayedEvent[] = [];
  const waiters: Array<{names: string[]; resolve: (event: RelayedEvent) => void}> = [];
  let reportProblem: (problem: string) => void = () => undefined;
  const firstProblem = new Promise<string>((resolve) => (reportProblem = resolve));
  const noteProblem = (problem: string) => {
    problems.push(problem);
    reportProblem(problem);
  };

  context.on('targetcreated', (target: Target) => {
    if (target.type() === 'page' && target.opener() === page.target()) popups.push(target);
  });
  page.on('request', (request) => {
    requests.push(`${request.method()} ${request.url()}`);
    if (request.method() !== 'OPTIONS') countUpstream(new URL(request.url()).pathname, calls);
  });
  page.on('pageerror', (error) => noteProblem(`pageerror ${String(error)}`));
  page.on('console', (message: ConsoleMessage) => {
    const text = message.text();
    logs.push(text);
    for (const waiter of lineWaiters.filter((w) => text.startsWith(w.prefix))) {
      lineWaiters.splice(lineWaiters.indexOf(waiter), 1);
      waiter.resolve(text);
    }
    if (message.type() === 'error') consoleErrors.push(text);
    if (/^(unhandled|uncaught|csp) /.test(text)) noteProblem(text);
    const match = /^event (\S+) (.*)$/s.exec(text);
    if (!match) return;

    const event = {name: match[1], detail: JSON.parse(match[2]) as RelayedEvent['detail']};
    const waiter = waiters.findIndex((w) => w.names.includes(event.name));
    if (waiter >= 0) waiters.splice(waiter, 1)[0].resolve(event);
    else events.push(event);
  });
  await page.goto(url);

  return {
    context,
    page,
    popups,
    calls,
    requests,
    problems,
    consoleErrors,
    logs,
    line(prefix) {
      const seen = logs.find((text) => text.startsWith(prefix));
      if (seen !== undefined) return Promise.resolve(seen);

      return new Promise((resolve) => lineWaiters.push({prefix, resolve}));
    },
    problem: () => firstProblem,
    next(...names) {
      const seen = events.findIndex((event) => names.includes(event.name));
      if (seen >= 0) return Promise.resolve(events.splice(seen, 1)[0]);

      return new Promise((resolve) => waiters.push({names, resolve}));
    },
    click(selector = 'om-join-button >>> button') {
      // Headless Chromium keeps a popup in front, and input to the opener waits until it is back.
      const run = inputQueue.then(async () => {
        await page.bringToFront();
        await page.click(selector);
      });
      inputQueue = run.catch(() => undefined);

      return run;
    },
  };
}

/** Resolves once `target` is gone from `context`. */
export function closed(context: BrowserContext, target: Target): Promise<void> {
  if (!context.targets().includes(target)) return Promise.resolve();

  return new Promise((resolve) => {
    const onGone = (gone: Target) => {
      if (gone !== target) return;
      context.off('targetdestroyed', onGone);
      resolve();
    };
    context.on('targetdestroyed', onGone);
  });
}

/** What the room window shows once OpenMeetings' page has loaded: the room or "Invalid hash". */
export async function roomShown(context: BrowserContext): Promise<'room' | 'invalid'> {
  const target = await context.waitForTarget((t) => /\/hash\?secure=/.test(t.url()), {
    timeout: 20_000,
  });
  const room = (await target.page()) as Page;
  const found = await room.waitForSelector('#room, #invalid-hash');
  const id = await found!.evaluate((el) => el.id);

  return id === 'room' ? 'room' : 'invalid';
}
