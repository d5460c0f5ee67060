import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { currentLang, localised, setLang } from '../../i18n'
import { PinInput } from './PinInput'
import { cancelSwitchUser, login, setupFirstAdmin, useSession } from './session-store'
import './auth.css'

const PIN = /^\d{4,12}$/

/**
 * The station's login (issue 4): username and a numeric PIN typed on a tablet, or, on this PC
 * while no user exists, the first administrator. Refusals (wrong PIN, lockout) are shown in the
 * language on screen, right above the button.
 */
export function LoginScreen() {
  const { t } = useTranslation()
  const setupOpen = useSession((s) => s.setupOpen)
  const switching = useSession((s) => s.switching)
  const lang = currentLang()
  return (
    <div className="login-screen">
      <button type="button" className="btn btn-lang login-lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} aria-label={t('ui.switchLanguageLabel')}>
        {t('ui.switchLanguage')}
      </button>
      <main className="login-card">
        <h1>
          <span className="logo" aria-hidden="true">
            ▦
          </span>
          {t('ui.appTitle')}
        </h1>
        {setupOpen ? <SetupForm /> : <LoginForm switching={switching} />}
        {switching && (
          <button type="button" className="btn login-back" onClick={cancelSwitchUser}>
            {t('ui.login.backToBoard')}
          </button>
        )}
      </main>
    </div>
  )
}

/** `switching`: on the dispatcher's own PC (loopback) the login is a switch of user, not a shared station's. */
function LoginForm({ switching }: { switching: boolean }) {
  const { t } = useTranslation()
  const uid = useId()
  const [username, setUsername] = useState('')
  const [pin, setPin] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!username.trim() || !pin) return setError(t('ui.login.missing'))
    if (!PIN.test(pin)) return setError(t('ui.login.pinFormat'))
    setBusy(true)
    const refusal = await login(username.trim(), pin)
    setBusy(false)
    if (refusal) {
      setPin('')
      setError(localised(refusal.message))
    }
  }
  return (
    <form className="login-form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('ui.login.title')}</h2>
      <p className="hint">{t(switching ? 'ui.login.switchText' : 'ui.login.text')}</p>
      <label htmlFor={`${uid}-user`}>{t('ui.login.username')}</label>
      <input
        id={`${uid}-user`}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        autoFocus
      />
      <label htmlFor={`${uid}-pin`}>
        {t('ui.login.pin')} <small>({t('ui.login.pinHint')})</small>
      </label>
      <PinInput id={`${uid}-pin`} autoComplete="current-password" value={pin} invalid={error !== null} onChange={setPin} />
      {error && (
        <p className="form-banner login-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-primary btn-big" disabled={busy}>
        {busy ? t('ui.login.busy') : t('ui.login.submit')}
      </button>
    </form>
  )
}

function SetupForm() {
  const { t } = useTranslation()
  const uid = useId()
  const [name, setName] = useState('')
  const [username, setUsername] = useState('')
  const [pin, setPin] = useState('')
  const [pin2, setPin2] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!name.trim() || !username.trim() || !pin) return setError(t('ui.login.missing'))
    if (!PIN.test(pin)) return setError(t('ui.login.pinFormat'))
    if (pin !== pin2) return setError(t('ui.login.pinMismatch'))
    setBusy(true)
    const refusal = await setupFirstAdmin(name.trim(), username.trim(), pin)
    setBusy(false)
    if (refusal) {
      const issues = refusal.issues?.map((i) => `${i.path}: ${localised(i.message)}`).join('; ')
      setError(issues ? `${localised(refusal.message)} ${issues}` : localised(refusal.message))
    }
  }
  return (
    <form className="login-form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('ui.login.setupTitle')}</h2>
      <p className="hint">{t('ui.login.setupText')}</p>
      <label htmlFor={`${uid}-name`}>{t('ui.login.name')}</label>
      <input id={`${uid}-name`} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      <label htmlFor={`${uid}-user`}>{t('ui.login.username')}</label>
      <input id={`${uid}-user`} autoCapitalize="none" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} />
      <label htmlFor={`${uid}-pin`}>
        {t('ui.login.pin')} <small>({t('ui.login.pinHint')})</small>
      </label>
      <PinInput id={`${uid}-pin`} autoComplete="new-password" value={pin} onChange={setPin} />
      <label htmlFor={`${uid}-pin2`}>{t('ui.login.pinRepeat')}</label>
      <PinInput id={`${uid}-pin2`} autoComplete="new-password" value={pin2} onChange={setPin2} />
      {error && (
        <p className="form-banner login-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-primary btn-big" disabled={busy}>
        {t('ui.login.setupSubmit')}
      </button>
    </form>
  )
}
