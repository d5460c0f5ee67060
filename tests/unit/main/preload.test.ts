import { describe, expect, it, vi } from 'vitest'
import { COMMAND_NAMES } from '../../../src/shared/api/commands'
import { IPC } from '../../../src/shared/api/ipc'
import { fake } from './fake-electron'

vi.mock('electron', async () => (await import('./fake-electron')).fake)

async function exposed() {
  await import('../../../src/preload/index')
  const [key, api] = fake.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, Record<string, Record<string, unknown>>]
  return { key, api }
}

describe('the preload', () => {
  it('exposes window.api with commands, onBoardChanged and app only', async () => {
    const { key, api } = await exposed()
    expect(key).toBe('api')
    expect(Object.keys(api).sort()).toEqual(['app', 'commands', 'onBoardChanged'])
    expect(Object.keys(api.app).sort()).toEqual(['info', 'toggleFullScreen'])
  })

  it('has exactly one function per command name and nothing like ipcRenderer or process', async () => {
    const { api } = await exposed()
    expect(Object.keys(api.commands).sort()).toEqual([...COMMAND_NAMES].sort())
    for (const fn of Object.values(api.commands)) expect(typeof fn).toBe('function')
    const text = JSON.stringify(Object.keys({ ...api, ...api.app }))
    expect(text).not.toMatch(/ipc|process|require|send|invoke/i)
    expect(api).not.toHaveProperty('ipcRenderer')
  })

  it('sends each command under its own name on the command channel', async () => {
    const { api } = await exposed()
    const commands = api.commands as Record<string, (a?: unknown) => Promise<unknown>>
    await commands['repair-order-assign']({ id: 1, technicianId: 2 })
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC.command, 'repair-order-assign', { id: 1, technicianId: 2 })
    await commands['board-get']()
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC.command, 'board-get', {})
  })

  it('passes only the change to board listeners, and unsubscribes', async () => {
    const { api } = await exposed()
    const listener = vi.fn()
    const off = (api.onBoardChanged as unknown as (l: (c: unknown) => void) => () => void)(listener)
    const [channel, wrapped] = fake.ipcRenderer.on.mock.calls.at(-1) as unknown as [string, (e: unknown, c: unknown) => void]
    expect(channel).toBe(IPC.boardChanged)
    wrapped({ sender: 'secret' }, { version: 2 })
    expect(listener).toHaveBeenCalledWith({ version: 2 })
    off()
    expect(fake.ipcRenderer.removeListener).toHaveBeenCalledWith(IPC.boardChanged, wrapped)
  })
})
