import { useTranslation } from 'react-i18next'
import { create } from 'zustand'
import { ChecklistDialog } from './ChecklistDialog'
import { UsersDialog } from './UsersDialog'
import { can, logout, startSwitchUser, useSession } from './session-store'
import './auth.css'

/** The administrator's screens, kept apart from the board's dialog union (one open at a time). */
export const useAdminDialog = create<{ open: 'users' | 'checklist' | null }>(() => ({ open: null }))
const openAdmin = (open: 'users' | 'checklist' | null) => useAdminDialog.setState({ open })

export function AdminDialogs() {
  const open = useAdminDialog((s) => s.open)
  if (open === 'users') return <UsersDialog onClose={() => openAdmin(null)} />
  if (open === 'checklist') return <ChecklistDialog onClose={() => openAdmin(null)} />
  return null
}

/** Header: who is working on this screen, their role, logout; the administrator's screens. */
export function UserMenu() {
  const { t } = useTranslation()
  const user = useSession((s) => s.user)
  const role = useSession((s) => s.role)
  const trusted = useSession((s) => s.trustedStation)
  return (
    <div className="user-menu">
      {can(role, 'user-list') && (
        <button type="button" className="btn" onClick={() => openAdmin('users')}>
          {t('ui.users.title')}
        </button>
      )}
      {can(role, 'qc-checklist-update') && (
        <button type="button" className="btn" onClick={() => openAdmin('checklist')}>
          {t('ui.checklist.title')}
        </button>
      )}
      <span className="user-chip" data-testid="user-chip">
        {user ? t('ui.login.who', { name: user.name, role: t(`auth.roles.${user.role}`) }) : trusted ? t('ui.login.trusted') : ''}
      </span>
      {user ? (
        <button type="button" className="btn" onClick={() => void logout()}>
          {t('ui.login.logout')}
        </button>
      ) : (
        trusted && (
          <button type="button" className="btn" onClick={startSwitchUser} title={t('ui.login.switchTitle')}>
            {t('ui.login.switchUser')}
          </button>
        )
      )}
    </div>
  )
}
