/** The renderer's build, shared by electron.vite.config.ts and the end-to-end tests' own build. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { InlineConfig } from 'vite';

// import.meta.url, not import.meta.dirname: config bundlers rewrite only the former to this file's own place.
export const RENDERER_ROOT = dirname(fileURLToPath(import.meta.url));

export function rendererConfig(outDir: string): InlineConfig {
  return {
    root: RENDERER_ROOT,
    configFile: false,
    base: './',
    build: {
      outDir,
      emptyOutDir: true,
      // electron-vite leaves minifying off; the web host serves this same build to browsers.
      minify: true,
      chunkSizeWarningLimit: 2500,
      rolldownOptions: { input: resolve(RENDERER_ROOT, 'index.html') },
    },
    plugins: [react()],
  };
}
