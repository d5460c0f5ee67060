import type { Ref } from 'react'

/**
 * A PIN field for a tablet: the numeric keypad (inputMode), masked, digits only, at most 12
 * (the PIN rule in shared/api/schemas.ts). Used by the login, first-admin setup and QC sign-off.
 */
export function PinInput(props: {
  id: string
  value: string
  onChange: (digits: string) => void
  invalid?: boolean
  autoComplete?: 'off' | 'current-password' | 'new-password'
  inputRef?: Ref<HTMLInputElement>
}) {
  return (
    <input
      ref={props.inputRef}
      id={props.id}
      className="pin-input"
      type="password"
      inputMode="numeric"
      pattern="[0-9]*"
      autoComplete={props.autoComplete ?? 'off'}
      maxLength={12}
      value={props.value}
      aria-invalid={props.invalid || undefined}
      onChange={(e) => props.onChange(e.target.value.replace(/\D/g, ''))}
    />
  )
}
