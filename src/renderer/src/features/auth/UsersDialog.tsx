import { useCallback, useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ROLES, type Role } from '../../../../shared/domain/roles'
import type { User } from '../../../../main/db/users.repo'
import { call } from '../../api/client'
import { Dialog, Field, invalidProps } from '../../components/Dialog'
import { FormErrorBanner } from '../../components/FormErrorBanner'
import { formErrorsFrom, noErrors, type FormErrors } from '../../components/form-errors'
import { currentLang } from '../../i18n'
import { formatDateTime } from '../../i18n/time'
import { useBoard } from '../../store/board-store'
import { toast } from '../../store/toast-store'
import { FormActions } from '../../components/FormActions'

/** The administrator's user list (issue 4): name, username, role, PIN, active, lockout. */
export function UsersDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const [users, setUsers] = useState<User[] | null>(null)
  const [editing, setEditing] = useState<User | 'new' | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const timeZone = useBoard((s) => s.settings.timeZone)
  const reload = useCallback(async () => {
    const r = await call('user-list', {})
    if (r.ok) setUsers(r.result)
    else setLoadError(r.error.message[currentLang()])
  }, [])
  useEffect(() => {
    void reload()
  }, [reload])
  return (
    <Dialog title={t('ui.users.title')} onClose={onClose} size="lg">
      {loadError && <p className="form-banner">{loadError}</p>}
      {editing ? (
        <UserForm
          key={editing === 'new' ? 'new' : editing.id}
          user={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null)
            void reload()
          }}
        />
      ) : (
        <>
          <table className="lines-table users-table">
            <thead>
              <tr>
                <th>{t('ui.users.name')}</th>
                <th>{t('ui.users.username')}</th>
                <th>{t('ui.users.role')}</th>
                <th>{t('ui.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {(users ?? []).map((u) => (
                <tr key={u.id} className={u.active ? '' : 'muted'}>
                  <td>{u.name}</td>
                  <td>{u.username}</td>
                  <td>{t(`auth.roles.${u.role}`)}</td>
                  <td>
                    {!u.active && t('ui.users.inactive')}
                    {u.lockedUntil && Date.parse(u.lockedUntil) > Date.now() && (
                      <span className="warn"> {t('ui.users.locked', { time: formatDateTime(u.lockedUntil, timeZone) })}</span>
                    )}
                  </td>
                  <td>
                    <button type="button" className="btn" onClick={() => setEditing(u)}>
                      {t('ui.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="form-actions">
            <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
              + {t('ui.users.new')}
            </button>
            <span className="spacer" />
            <button type="button" className="btn" onClick={onClose}>
              {t('ui.close')}
            </button>
          </div>
        </>
      )}
    </Dialog>
  )
}

function UserForm({ user, onDone }: { user: User | null; onDone: () => void }) {
  const { t } = useTranslation()
  const uid = useId()
  const technicians = useBoard((s) => s.technicians)
  const [name, setName] = useState(user?.name ?? '')
  const [username, setUsername] = useState(user?.username ?? '')
  const [role, setRole] = useState<Role>(user?.role ?? 'technician')
  const [technicianId, setTechnicianId] = useState<number | null>(user?.technicianId ?? null)
  const [pin, setPin] = useState('')
  const [active, setActive] = useState(user?.active ?? true)
  const [unlock, setUnlock] = useState(false)
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [busy, setBusy] = useState(false)
  const locked = user?.lockedUntil != null && Date.parse(user.lockedUntil) > Date.now()

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    const link = role === 'technician' ? { technicianId } : {}
    const reply = user
      ? await call('user-update', {
          id: user.id,
          version: user.version,
          name: name.trim(),
          role,
          active,
          ...link,
          ...(pin ? { pin } : {}),
          ...(unlock ? { unlock: true } : {})
        })
      : await call('user-create', { name: name.trim(), username: username.trim(), role, pin, active, ...link })
    setBusy(false)
    if (!reply.ok) return setErrors(formErrorsFrom(reply.error, currentLang()))
    toast('info', t('ui.users.saved', { name: reply.result.name }))
    onDone()
  }
  const err = errors.fields
  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate>
      <FormErrorBanner errors={errors} />
      <div className="form-grid">
        <Field label={t('ui.users.name')} id={`${uid}-name`} error={err.name}>
          <input id={`${uid}-name`} value={name} onChange={(e) => setName(e.target.value)} {...invalidProps(`${uid}-name`, err.name)} autoFocus />
        </Field>
        <Field label={t('ui.users.username')} id={`${uid}-username`} error={err.username}>
          <input
            id={`${uid}-username`}
            value={username}
            disabled={user !== null}
            autoCapitalize="none"
            onChange={(e) => setUsername(e.target.value)}
            {...invalidProps(`${uid}-username`, err.username)}
          />
        </Field>
        <Field label={t('ui.users.role')} id={`${uid}-role`} error={err.role}>
          <select id={`${uid}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`auth.roles.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        {role === 'technician' && (
          <Field label={t('ui.users.technician')} id={`${uid}-tech`} error={err.technicianId}>
            <select
              id={`${uid}-tech`}
              value={technicianId ?? ''}
              onChange={(e) => setTechnicianId(e.target.value ? Number(e.target.value) : null)}
              {...invalidProps(`${uid}-tech`, err.technicianId)}
            >
              <option value="">{t('ui.users.pickTechnician')}</option>
              {Object.values(technicians).map((x) => (
                <option key={x.id} value={x.id}>
                  {x.employeeNo} {x.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label={user ? t('ui.users.newPin') : t('ui.users.pin')} id={`${uid}-pin`} error={err.pin} hint={t('ui.login.pinHint')}>
          <input
            id={`${uid}-pin`}
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            maxLength={12}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
            {...invalidProps(`${uid}-pin`, err.pin)}
          />
        </Field>
      </div>
      <label className="check-row">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> {t('ui.users.active')}
      </label>
      {locked && (
        <label className="check-row">
          <input type="checkbox" checked={unlock} onChange={(e) => setUnlock(e.target.checked)} /> {t('ui.users.unlock')}
        </label>
      )}
      <FormActions onCancel={onDone} busy={busy} />
    </form>
  )
}
