// Types for electron-runtime.mjs (plain JS so `node scripts/start.mjs` runs without a build).
type Exists = (path: string) => boolean
type Read = (path: string) => string
export function platformExecutable(platform?: NodeJS.Platform | 'mas'): string
export function locateElectron(o: { electronDir: string; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; exists?: Exists; read?: Read }): {
  path: string
  available: boolean
  version: string
}
export function missingElectronMessage(version: string, detail?: string): string
export function nativeDir(root: string, electronVersion: string): string
export interface NativeStamp {
  electron: string
  betterSqlite3: string
  platform: string
  arch: string
}
export function nativeStamp(o: { electronVersion: string; sqliteVersion: string; platform?: string; arch?: string }): NativeStamp
export function nativeIsCurrent(dir: string, stamp: NativeStamp, io?: { exists?: Exists; read?: Read }): boolean
export function nodeGypArgs(o: { electronVersion: string; arch?: string; devdir: string }): string[]
export function electronBuildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv
export function findNodeGyp(o: { root: string; env?: NodeJS.ProcessEnv; execPath?: string; exists?: Exists }): string | undefined
