import { create } from 'zustand'
import type { CommandName } from '../../../../shared/api/commands'
import type { ErrorReply } from '../../../../shared/api/errors'
import { isAllowed, type Role } from '../../../../shared/domain/roles'
import type { User } from '../../../../main/db/users.repo'
import { call, setUnauthenticatedHandler } from '../../api/client'

/**
 * Who this screen is working as (issue 4). `out` shows the login screen; `in` shows the board
 * for `role`. The desktop window and a browser on a loopback-only station are the trusted
 * dispatcher without a user (docs/security.md); everyone else logs in.
 */
export interface SessionState {
  status: 'checking' | 'in' | 'out'
  user: User | null
  role: Role | null
  /** The dispatcher's own station without a login: offers "log in as another user" instead of logout. */
  trustedStation: boolean
  /** No users exist yet and this PC may create the first administrator. */
  setupOpen: boolean
  /** Changes at every login and logout, so the board reloads and reconnects its live stream as the new caller. */
  epoch: number
  /** The trusted dispatcher asked for the login screen to act as another user (e.g. the administrator). */
  switching: boolean
}

export const useSession = create<SessionState>(() => ({
  status: 'checking',
  user: null,
  role: null,
  trustedStation: false,
  setupOpen: false,
  epoch: 0,
  switching: false
}))

/** Whether the role on this screen may call a command; the server checks anyway, this only hides buttons. */
export function can(role: Role | null, command: CommandName): boolean {
  return isAllowed(command, role)
}
export const useCan = (command: CommandName): boolean => useSession((s) => can(s.role, command))

/** Roles that only look at the board: no drag, no button that changes anything. */
export const useReadOnly = (): boolean => useSession((s) => !can(s.role, 'repair-order-assign'))

export async function refreshSession(): Promise<void> {
  const reply = await call('auth-whoami', {})
  if (!reply.ok) {
    // The station could not say: keep what we had rather than flash the login screen.
    if (useSession.getState().status === 'checking') useSession.setState({ status: 'out' })
    return
  }
  const w = reply.result
  const prev = useSession.getState()
  const status = w.role === null ? 'out' : 'in'
  const changed = prev.status !== status || prev.role !== w.role || (prev.user?.id ?? null) !== (w.user?.id ?? null)
  useSession.setState({
    status,
    user: w.user,
    role: w.role,
    trustedStation: w.trustedStation,
    setupOpen: w.setupOpen,
    epoch: changed ? prev.epoch + 1 : prev.epoch,
    switching: false
  })
}

setUnauthenticatedHandler(() => {
  const s = useSession.getState()
  if (s.status === 'in') void refreshSession()
})

/** Logs this station in; on success the board reloads as this user. Returns the refusal, if any. */
export async function login(username: string, pin: string): Promise<ErrorReply | null> {
  const reply = await call('auth-login', { username, pin })
  if (!reply.ok) return reply.error
  await afterLogin(reply.result.user)
  return null
}

export async function setupFirstAdmin(name: string, username: string, pin: string): Promise<ErrorReply | null> {
  const reply = await call('auth-setup', { name, username, pin })
  if (!reply.ok) return reply.error
  await afterLogin(reply.result.user)
  return null
}

async function afterLogin(user: User): Promise<void> {
  // The inspector's tablet opens on the QC view (and can bookmark it as #/qc).
  if (user.role === 'qc_inspector' && (location.hash === '' || location.hash === '#/')) location.hash = '#/qc'
  await refreshSession()
}

export async function logout(): Promise<void> {
  await call('auth-logout', {})
  await refreshSession()
}

/** The trusted dispatcher's station opens the login screen to act as another user. */
export function startSwitchUser(): void {
  useSession.setState({ switching: true })
}
export function cancelSwitchUser(): void {
  useSession.setState({ switching: false })
}

/** The command behind each board dialog that edits something: a role that may not call it does not get the editor. */
const DIALOG_COMMAND: Partial<Record<string, CommandName>> = {
  'new-order': 'repair-order-create',
  technician: 'technician-update',
  technicians: 'technician-update',
  skills: 'skill-update',
  // import is the dispatcher's, export also the manager's: the dialog shows each part to whoever may use it
  dms: 'repair-order-export'
}
export function dialogAllowed(role: Role | null, kind: string): boolean {
  const command = DIALOG_COMMAND[kind]
  return command === undefined || can(role, command)
}
