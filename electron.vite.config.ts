import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// One build for both front doors: out/main holds the Electron shell (index.js), the core's
// utility process (core-process.js) and the plain-Node browser station (serve.js); out/renderer
// is the UI that Electron loads from disk and the station serves over HTTP.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'core-process': resolve(__dirname, 'src/main/core-process.ts'),
          serve: resolve(__dirname, 'src/main/serve.ts')
        }
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron': bundle its imports (zod, via the
      // command list) instead of leaving require('zod') calls that would fail at load.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      // electron-vite 6 leaves the renderer unminified; minified, the 2,000-order board's script
      // is a third of the size for the browser station and tablets to load and compile (issue 5).
      // No sourcemaps: the UI ships without them. WDB_RENDERER_MINIFY=0 keeps names for profiling.
      minify: process.env.WDB_RENDERER_MINIFY !== '0',
      sourcemap: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } }
    },
    plugins: [react()]
  }
})
