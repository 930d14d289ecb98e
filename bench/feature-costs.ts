import {execFileSync} from 'node:child_process';
import {gzipSync} from 'node:zlib';
import {build, type Plugin} from 'vite';

/**
 * What each feature adds to the IIFE: the bundle is built again with one feature cut out of the
 * source, and the gzip -9 bytes that disappear are its cost. Cuts are plain text replacements in
 * the source as the build reads it; one that no longer matches stops the run, so the figures
 * never come from a cut that silently did nothing.
 */
interface Cut {
  file: string;
  find: RegExp;
  put: string;
}

export interface FeatureCost {
  feature: string;
  /** The issue that asks for it in the script-tag build. */
  issue: string;
  gzip: number;
  saved: number;
}

const features: Array<{feature: string; issue: string; cuts: Cut[]}> = [
  {
    feature: 'strings in 14 languages beside English',
    issue: '#5',
    cuts: [
      {
        file: 'src/element/i18n.ts',
        find: /\n {2}de: \{[\s\S]*?\n\} satisfies/,
        put: '\n} satisfies',
      },
    ],
  },
  {
    feature: 'same-origin mode and {sid} answers (login, hash, envelope)',
    issue: '#2',
    cuts: [
      {
        file: 'src/element/join-flow.ts',
        find: /\n {2}const client = new OmClient[\s\S]*?return roomUrl\(config\.baseUrl, hash, language\);/,
        put: "\n  throw new OmError('config', 'cut', {step: 'config'});",
      },
      {
        file: 'src/element/join-flow.ts',
        find: /if \(config\.mode === 'same-origin'\)\s+new OmClient[^;]*;/,
        put: '',
      },
      {
        file: 'src/client/token.ts',
        find: /\n {2}if \(typeof body\.sid === 'string'[\s\S]*?return roomUrl\(base, hash, language\);\n {2}\}/,
        put: '',
      },
    ],
  },
  {
    feature: 'jQuery plugin',
    issue: '#6',
    cuts: [
      {
        file: 'src/jquery.ts',
        find: /export function installJQueryPlugin\(\): void \{[\s\S]*/,
        put: 'export function installJQueryPlugin(): void {}\n',
      },
    ],
  },
  {
    feature: 'OmJoinButton.join() for scripts',
    issue: '#6',
    cuts: [
      {
        file: 'src/scripting.ts',
        find: /export async function join\([\s\S]*/,
        put: 'export async function join(_: OmJoinOptions): Promise<undefined> {}\n',
      },
    ],
  },
];

function cutter(cuts: Cut[], applied: Set<Cut>): Plugin {
  return {
    name: 'bench-cut',
    enforce: 'pre',
    transform(code, id) {
      let out = code;
      for (const cut of cuts.filter(({file}) => id.endsWith(`/${file}`))) {
        if (!cut.find.test(out))
          throw new Error(`feature-costs: the cut ${cut.find} no longer matches ${cut.file}`);
        out = out.replace(cut.find, cut.put);
        applied.add(cut);
      }

      return out === code ? null : {code: out, map: null};
    },
  };
}

function gzip9(code: string): number {
  try {
    return execFileSync('gzip', ['-9', '-n', '-c'], {input: code, maxBuffer: 1 << 24}).length;
  } catch {
    return gzipSync(code, {level: 9}).length;
  }
}

async function iifeGzip(cuts: Cut[]): Promise<number> {
  const applied = new Set<Cut>();
  const out = await build({
    configFile: 'vite.config.ts',
    logLevel: 'silent',
    plugins: [cutter(cuts, applied)],
    build: {write: false, sourcemap: false},
  });
  // A file that the build no longer reads would leave its cut undone without a word.
  const missed = cuts.filter((cut) => !applied.has(cut));
  if (missed.length) {
    throw new Error(
      `feature-costs: the build never read ${missed.map(({file}) => file).join(', ')}`,
    );
  }
  const [first] = Array.isArray(out) ? out : [out];
  if (!('output' in first)) throw new Error('feature-costs: the build gave no output');

  return gzip9(first.output[0].code);
}

/** The full IIFE, each feature cut alone, and all of them cut together. */
export async function featureCosts(): Promise<{full: number; rows: FeatureCost[]}> {
  const full = await iifeGzip([]);
  const rows: FeatureCost[] = [];
  for (const {feature, issue, cuts} of features) {
    const gzip = await iifeGzip(cuts);
    rows.push({feature, issue, gzip, saved: full - gzip});
  }
  const all = await iifeGzip(features.flatMap(({cuts}) => cuts));
  rows.push({feature: 'all of the above', issue: '', gzip: all, saved: full - all});

  return {full, rows};
}
