import type { LocalisedText } from '../../shared/api/errors'

export type ShellLanguage = 'zh' | 'en'

/** The shell follows the OS language (app.getLocale()); anything not Chinese gets English. */
export function shellLanguage(locale: string): ShellLanguage {
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en'
}

/** Both languages, the user's first: a dialog before the UI loads cannot offer a switch. */
export function both(text: LocalisedText, lang: ShellLanguage): string {
  return lang === 'zh' ? `${text.zh}\n\n${text.en}` : `${text.en}\n\n${text.zh}`
}

export const TEXTS = {
  appMenu: { en: 'Board', zh: '看板' },
  share: { en: 'Share on the shop network', zh: '在车间网络共享' },
  showDataFile: { en: 'Show data file', zh: '显示数据文件' },
  quit: { en: 'Quit', zh: '退出' },
  view: { en: 'View', zh: '视图' },
  reload: { en: 'Reload', zh: '重新加载' },
  fullScreen: { en: 'Full screen', zh: '全屏' },
  zoomIn: { en: 'Zoom in', zh: '放大' },
  zoomOut: { en: 'Zoom out', zh: '缩小' },
  zoomReset: { en: 'Actual size', zh: '实际大小' },
  devTools: { en: 'Developer tools', zh: '开发者工具' },
  shareTitle: { en: 'Share the board on the shop network?', zh: '在车间网络上共享看板？' },
  shareWarning: {
    en: 'Every device on the shop network will be able to reach the board at this address. Stations other than this PC must log in with a username and PIN, so set up users first. Share only on a trusted shop network.',
    zh: '车间网络上的任何设备都能通过此地址访问看板。除本机外，其他站点须以用户名和 PIN 登录，请先设置用户。请仅在可信的车间网络中共享。'
  },
  shareConfirm: { en: 'Share', zh: '共享' },
  cancel: { en: 'Cancel', zh: '取消' },
  sharedAt: { en: 'The board is shared at', zh: '看板共享地址' },
  shareFailed: { en: 'Could not share the board', zh: '无法共享看板' },
  cannotOpenTitle: { en: 'Workshop Dispatch Board cannot open its data file', zh: '车间派工看板无法打开数据文件' },
  coreStopped: {
    en: 'The board’s data service stopped unexpectedly. The app will close; your saved changes are in the data file.',
    zh: '看板的数据服务意外停止，应用将关闭；已保存的更改都在数据文件中。'
  }
} satisfies Record<string, LocalisedText>
