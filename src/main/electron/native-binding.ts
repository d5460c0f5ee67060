import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { CORE_ENV } from './core-protocol'

export interface BindingContext {
  isPackaged: boolean
  resourcesPath: string
  env: NodeJS.ProcessEnv
  exists?: (file: string) => boolean
}

/**
 * Which better-sqlite3 binary the core loads in Electron. node_modules holds the Node-ABI
 * build that `npm test` needs, so Electron gets its own copy: an installer ships it in
 * resources/native (electron-builder extraResources), and `npm start` passes the one it built
 * in .native/electron-<version>/ through WDB_NATIVE_BINDING. Undefined means "the default".
 */
export function resolveNativeBinding({ isPackaged, resourcesPath, env, exists = existsSync }: BindingContext): string | undefined {
  if (isPackaged) {
    const shipped = join(resourcesPath, 'native', 'better_sqlite3.node')
    if (exists(shipped)) return shipped
  }
  const fromEnv = env[CORE_ENV.nativeBinding]
  return fromEnv && exists(fromEnv) ? fromEnv : undefined
}
