import type {Plugin} from '@web/dev-server-core';
import {build, type Rolldown} from 'vite';

/**
 * React and Vue for the framework tests (test/browser/frameworks.test.ts). React ships CommonJS
 * only, which the test server cannot serve to a browser, so it is bundled once, react-dom
 * included, into one module that every React import resolves to: one copy, one set of hooks.
 * Vue ships a browser build, its full one with the template compiler.
 */
const REACT_URL = '/__vendor__/react.js';
const VUE_URL = '/node_modules/vue/dist/vue.esm-browser.prod.js';

const sources: Record<string, string> = {
  react: REACT_URL,
  'react-dom': REACT_URL,
  'react-dom/client': REACT_URL,
  vue: VUE_URL,
};

const reactEntry = `
import * as React from 'react';
export {createRoot} from 'react-dom/client';
export {flushSync} from 'react-dom';
export const {createElement, useEffect, useRef, useState, StrictMode} = React;
export default React;
`;

let reactBundle: Promise<string> | undefined;

export function frameworksVendorPlugin(): Plugin {
  return {
    name: 'om-frameworks-vendor',
    resolveImport({source}) {
      return sources[source];
    },
    serve(context) {
      if (context.path !== REACT_URL) return undefined;
      reactBundle ??= bundleReact();

      return reactBundle.then((body) => ({body, type: 'js'}));
    },
  };
}

async function bundleReact(): Promise<string> {
  const entry = '\0om-react-entry';
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    define: {'process.env.NODE_ENV': JSON.stringify('production')},
    plugins: [
      {
        name: 'om-react-entry',
        resolveId: (id) => (id === entry ? id : undefined),
        load: (id) => (id === entry ? reactEntry : undefined),
      },
    ],
    build: {
      write: false,
      minify: true,
      rollupOptions: {input: entry, preserveEntrySignatures: 'strict'},
    },
  })) as Rolldown.RolldownOutput;
  const chunk = output.output.find((item) => item.type === 'chunk' && item.isEntry);
  if (!chunk || chunk.type !== 'chunk') throw new Error('the React bundle has no entry chunk');

  return chunk.code;
}
