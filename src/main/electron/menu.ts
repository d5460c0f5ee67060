import type { MenuItemConstructorOptions } from 'electron'
import { TEXTS, type ShellLanguage } from './texts'

export interface MenuActions {
  toggleShare(): void
  showDataFile(): void
  toggleFullScreen(): void
  quit(): void
}

export interface MenuState {
  sharing: boolean
  /** Developer tools only when running from the dev server, never in an installed app. */
  dev: boolean
}

/** The application menu in the OS language; F11 toggles full screen for the wall display. */
export function buildMenuTemplate(lang: ShellLanguage, state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const t = (key: keyof typeof TEXTS) => TEXTS[key][lang]
  const view: MenuItemConstructorOptions[] = [
    { label: t('fullScreen'), accelerator: 'F11', click: () => actions.toggleFullScreen() },
    { label: t('reload'), accelerator: 'CmdOrCtrl+R', role: 'reload' },
    { type: 'separator' },
    { label: t('zoomIn'), role: 'zoomIn' },
    { label: t('zoomOut'), role: 'zoomOut' },
    { label: t('zoomReset'), role: 'resetZoom' }
  ]
  if (state.dev) view.push({ type: 'separator' }, { label: t('devTools'), role: 'toggleDevTools' })
  return [
    {
      label: t('appMenu'),
      submenu: [
        { id: 'share', label: t('share'), type: 'checkbox', checked: state.sharing, click: () => actions.toggleShare() },
        { label: t('showDataFile'), click: () => actions.showDataFile() },
        { type: 'separator' },
        { label: t('quit'), accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() }
      ]
    },
    { label: t('view'), submenu: view }
  ]
}
