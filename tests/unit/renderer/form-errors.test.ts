import { describe, expect, it } from 'vitest'
import { formErrorsFrom } from '../../../src/renderer/src/components/form-errors'

describe('server errors spread over a form', () => {
  it('puts validation issues on their field paths in the language on screen', () => {
    const e = formErrorsFrom(
      {
        code: 'VALIDATION',
        message: { en: 'bad', zh: '无效' },
        issues: [{ path: 'jobLines.0.hours', message: { en: 'Flat-rate hours #1 must be more than 0', zh: '工时 #1必须大于 0' } }]
      },
      'zh'
    )
    expect(e.fields['jobLines.0.hours']).toBe('工时 #1必须大于 0')
    expect(e.form).toBeNull()
  })
  it('puts a duplicate RO number on the RO number field', () => {
    const e = formErrorsFrom({ code: 'DUPLICATE_RO_NUMBER', message: { en: 'in use', zh: '已被使用' } }, 'en')
    expect(e.fields.roNumber).toBe('in use')
  })
  it('shows a stale record as a form message', () => {
    const e = formErrorsFrom({ code: 'STALE', message: { en: 'Someone else changed it', zh: '已被他人修改' } }, 'en')
    expect(e.form).toBe('Someone else changed it')
  })
})
