import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, test } from './fixtures'

// The Electron binary cannot run here, so check what it would load: the built files.
// (npm test builds before Playwright runs.)

test('the sandboxed preload requires nothing but electron', () => {
  const preload = readFileSync(resolve('out/preload/index.cjs'), 'utf8')
  const required = [...preload.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1])
  // A sandboxed preload cannot load node_modules: require('zod') here would break window.api.
  expect(new Set(required)).toEqual(new Set(['electron']))
  expect(preload).toContain('exposeInMainWorld')
  expect(preload).not.toMatch(/^\s*(import|export)\s/m)
})

test('main forks the built core process and loads the built renderer', () => {
  const main = readFileSync(resolve('out/main/index.js'), 'utf8')
  expect(main).toContain('core-process.js')
  expect(main).toContain('index.cjs')
  expect(readFileSync(resolve('out/main/core-process.js'), 'utf8')).toContain('parentPort')
  expect(readFileSync(resolve('out/renderer/index.html'), 'utf8')).toContain('Content-Security-Policy')
})
