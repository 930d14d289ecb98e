import js from '@eslint/js';
import {defineConfig} from 'eslint/config';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Syntax rules only, with no type information, so that `npm run lint` stays quick; tsc checks types.
export default defineConfig(
  {ignores: ['dist/', '.tmp/', 'bench/results/', 'custom-elements.json']},
  {files: ['**/*.{js,mjs,ts}']},
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['src/element/**'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended']],
    settings: {wc: {elementBaseClasses: ['LitElement']}},
  },
  {
    files: [
      'src/server/**',
      'src/emulator/**',
      'scripts/**',
      'bench/**',
      'test/node/**',
      '*.{js,mjs,ts}',
    ],
    languageOptions: {globals: globals.node},
  },
  {
    files: [
      'src/element/**',
      'src/browser.ts',
      'src/jquery.ts',
      'src/scripting.ts',
      'test/browser/**',
      'demo/**',
    ],
    languageOptions: {globals: globals.browser},
  },
  {
    files: ['src/client/**', 'src/index.ts'],
    languageOptions: {globals: globals['shared-node-browser']},
  },
);
