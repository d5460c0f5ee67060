import { useLayoutEffect, useRef, useState } from 'react'
import JsBarcode from 'jsbarcode'

/**
 * A Code 128 barcode of `value` as SVG (JsBarcode), for the workshop's handheld scanners. Nothing
 * is drawn for a value Code 128 cannot carry (an RO number with Chinese characters).
 */
export function Barcode({ value, label }: { value: string; label: string }) {
  const ref = useRef<SVGSVGElement>(null)
  const [valid, setValid] = useState(true)
  useLayoutEffect(() => {
    if (!ref.current) return
    let ok = true
    try {
      JsBarcode(ref.current, value, { format: 'CODE128', displayValue: false, height: 44, width: 1.6, margin: 0, valid: (v) => (ok = v) })
    } catch {
      ok = false
    }
    setValid(ok)
  }, [value])
  return <svg ref={ref} className="ticket-barcode" role="img" aria-label={label} data-value={value} style={valid ? undefined : { display: 'none' }} />
}
