import {execFileSync} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';
import {build, type InlineConfig} from 'vite';

export interface BundleFigures {
  /** Bytes as shipped, minified. */
  raw: number;
  /** `gzip -9`, the budget's measure; Node's zlib at level 9 where no gzip program is found. */
  gzip: number;
  /** Node's zlib at level 9, which packs this code a little worse than GNU gzip. */
  zlib: number;
  brotli: number;
  floorRaw: number;
  floorGzip: number;
  floorZlib: number;
  floorBrotli: number;
  /** A Lit element alone, without ky: what Lit costs by itself. */
  litGzip: number;
  gzipTool: 'gzip -9' | 'zlib -9';
  aboveFloor: number;
  aboveLit: number;
  budgetGzip: number;
  budgetAboveFloor: number;
  pass: boolean;
}

export const BUDGET_GZIP = 14_336;
export const BUDGET_ABOVE_FLOOR = 3_072;

let gzipProgram: boolean | undefined;

function gzip9(code: Buffer): {bytes: number; tool: BundleFigures['gzipTool']} {
  if (gzipProgram !== false) {
    try {
      const bytes = execFileSync('gzip', ['-9', '-n', '-c'], {
        input: code,
        maxBuffer: 1 << 24,
      }).length;
      gzipProgram = true;

      return {bytes, tool: 'gzip -9'};
    } catch {
      gzipProgram = false;
    }
  }

  return {bytes: gzipSync(code, {level: 9}).length, tool: 'zlib -9'};
}

function sizes(code: Buffer) {
  const {bytes, tool} = gzip9(code);

  return {
    raw: code.length,
    gzip: bytes,
    tool,
    zlib: gzipSync(code, {level: 9}).length,
    brotli: brotliCompressSync(code, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}).length,
  };
}

async function iife(dir: string, config: InlineConfig, name: string): Promise<Buffer> {
  await build({
    logLevel: 'silent',
    ...config,
    build: {...config.build, outDir: dir, emptyOutDir: false, sourcemap: false},
  });

  return readFile(join(dir, name));
}

/** The same settings as our build, for the floor elements: minified, ES2021, one IIFE. */
function floorConfig(entry: string, name: string): InlineConfig {
  return {
    configFile: false,
    build: {
      minify: true,
      target: 'es2021',
      lib: {entry, name: 'Floor', formats: ['iife'], fileName: () => name},
    },
  };
}

/**
 * Builds our IIFE from the source with the project's vite.config.ts, so the figures never come
 * from a stale dist/, and beside it the floor: a minimal Lit + ky element (bench/floor.ts), and
 * the same without ky (bench/floor-lit.ts). Returns the figures and the bundle it measured.
 */
export async function bundleFigures(): Promise<{figures: BundleFigures; bundle: Buffer}> {
  const dir = await mkdtemp(join(tmpdir(), 'om-bench-'));
  try {
    const bundle = await iife(dir, {configFile: 'vite.config.ts'}, 'om-join-button.iife.js');
    const floorCode = await iife(dir, floorConfig('bench/floor.ts', 'floor.js'), 'floor.js');
    const litCode = await iife(dir, floorConfig('bench/floor-lit.ts', 'lit.js'), 'lit.js');
    const ours = sizes(bundle);
    const floor = sizes(floorCode);
    const lit = sizes(litCode);
    const aboveFloor = ours.gzip - floor.gzip;
    const figures: BundleFigures = {
      raw: ours.raw,
      gzip: ours.gzip,
      zlib: ours.zlib,
      brotli: ours.brotli,
      floorRaw: floor.raw,
      floorGzip: floor.gzip,
      floorZlib: floor.zlib,
      floorBrotli: floor.brotli,
      litGzip: lit.gzip,
      gzipTool: ours.tool,
      aboveFloor,
      aboveLit: ours.gzip - lit.gzip,
      budgetGzip: BUDGET_GZIP,
      budgetAboveFloor: BUDGET_ABOVE_FLOOR,
      pass: ours.gzip <= BUDGET_GZIP && aboveFloor <= BUDGET_ABOVE_FLOOR,
    };

    return {figures, bundle};
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
}
