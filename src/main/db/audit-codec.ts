import { deflateRawSync, inflateRawSync } from 'node:zlib'

/**
 * The stored form of one audit row's change (issue 5: three years of audit in about 60 bytes a
 * row). Only what changed is kept, each changed field once as [before, after]; instants become
 * millisecond offsets from the row's own time; the JSON is deflated with a preset dictionary of
 * the words every row repeats (field names, statuses, the shapes of common rows). The dictionary
 * is versioned by the row's `codec` column: a new dictionary gets a new number and the old one
 * stays here, so every row ever written can still be read.
 *
 * Compact change (codec 1), before compression:
 *   o   the row's one repair order (its id is the row's order_id column): an entry
 *   os  several repair orders: { "<id>": entry }
 *   t   technicians: { "<id>": entry }
 *   s   skills [before, after];  k  calendar [before, after]
 *   x   the command's extra record (QC record, delivery, clock segment, ...)
 * An entry is { field: [before, after] } for a change, { "+": fields } for a record created by
 * the row (fields explicitly kept; for repair orders nothing, see history.ts orderStateAt), or
 * { "-": record } for a record the row removed.
 */
export interface CompactChange {
  o?: CompactEntry
  os?: Record<string, CompactEntry>
  t?: Record<string, CompactEntry>
  s?: [unknown, unknown]
  k?: [unknown, unknown]
  x?: Record<string, unknown>
}

export type FieldPairs = Record<string, [unknown, unknown]>
export type CompactEntry = FieldPairs | { '+': Record<string, unknown> } | { '-': Record<string, unknown> }

export const isCreated = (e: CompactEntry): e is { '+': Record<string, unknown> } => Object.hasOwn(e, '+')
export const isRemoved = (e: CompactEntry): e is { '-': Record<string, unknown> } => Object.hasOwn(e, '-')

/** The codec new rows are written with. */
export const AUDIT_CODEC = 1

/**
 * Codec 1's dictionary: deflate finds a phrase here as a back-reference of two or three bytes.
 * The most frequent phrases are last (nearer offsets cost fewer bits). Never edit it: add codec 2.
 */
const DICTIONARY_1 = [
  // rare commands and records: names and keys only
  'repair-order-update repair-order-cancel repair-order-unassign repair-order-move technician-create technician-update skill-create ',
  'user-create user-update qc-checklist-update calendar-update clock-segment-edit stoppage-update ',
  '"user":{"before":null,"after":{"id":,"name":"","username":"","role":"dispatcher","qc_inspector","admin","technician","active":true',
  '"qcChecklist":{"before":"calendar":"skills":[{"code":"","nameZh":"","nameEn":"","sortOrder":',
  '"name":["employeeNo":["skills":[{"skill":"","level":2}],"shiftStart":"08:30","shiftEnd":"17:30","lunchStart":"12:00","lunchEnd":"13:00"',
  '"x":{"clockSegment":{"before":{"id":,"repairOrderId":,"technicianId":,"startedAt":{"@":,"endedAt":{"@":,"editedBy":"","editReason":"},"reason":"',
  '"x":{"stoppage":{"before":{"id":,"repairOrderId":,"technicianId":,"kind":"","details":{"kind":"","startedBy":"',
  '{"o":{"roNumber":["RO","plate":["vin":[null,"model":["customerName":["customerPhone":["serviceAdvisor":["notes":["","cancelReason":[null,',
  '"jobLines":[[{"id":,"description":"","skill":"mechanical","minLevel":1,"hours":1},{"id":,"description":"","skill":"electrical","minLevel":2,"hours":2}]',
  '"body","paint","diagnostics","tyres","maintenance","partsReady":[false,true]',
  '"flags":{"comeback":[false,true],"complaint":[false,true],"warranty":[false,true],"brakeSuspension":[false,true],',
  '"safetyRelated":[false,true],"majorService":[false,true],"waitingCustomer":[false,true]}',
  '{"o":{"status":["queued","waiting"],"technicianId":[,null],"queuePosition":[0,null]}}{"o":{"parked":[false,true]}}',
  '{"o":{"status":["waiting","cancelled"],"cancelReason":[null,"',
  '{"os":{"":{"queuePosition":[1,0]},"":{"queuePosition":[2,1]},"":{"status":["waiting","queued"],"technicianId":[null,],"queuePosition":[null,0]}',
  '{"o":{"status":["queued","assigned"],"queuePosition":[0,null]}}',
  // a customer told of a revised promise (about one order in eight)
  '{"o":{"promisedAt":[{"@":,{"@":],"promise":{"originalPromisedAt":[{"@":,"notificationCount":[0,1],"lastNotification":[null,{"id":,"repairOrderId":,',
  '"previousPromisedAt":{"@":,"revisedPromisedAt":{"@":,"channel":"phone","sms","wechat","in_person","toldBy":"","toldAt":{"@":,"note":"","recordedBy":"","recordedAt":{"@":0}}]}}}',
  // a stoppage starts and ends (one order in four)
  '"details":{"kind":"approval","note":"","details":{"kind":"tools","equipment":"","details":{"kind":"other","text":"',
  '"details":{"kind":"sublet","vendor":"","workSent":"","expectedReturnAt":{"@":',
  '{"o":{"status":["stopped","in_progress"],"labour":{"runningSince":[null,{"@":0}]},"openStoppage":[{"id":,"repairOrderId":,"technicianId":,"kind":"sublet",',
  '{"o":{"status":["in_progress","stopped"],"labour":{"closedHours":[0,],"runningSince":[{"@":-,null]},"openStoppage":[null,{"id":,"repairOrderId":,"technicianId":,',
  '"kind":"parts","details":{"kind":"parts","parts":"","expectedArrivalAt":{"@":},"expectedEndAt":{"@":null,"startedAt":{"@":0},"endedAt":null,"startedBy":"technician"},null]}}',
  // every order: created, assigned, started, finished, signed off by QC, delivered
  '{"o":{"status":["awaiting_qc","assigned"]},"x":{"qcRecord":{"id":,"repairOrderId":,"attempt":1,"result":"fail","inspector":"","meaning":{"en":"QC failed: ","zh":"质检不合格：',
  '"comebackCause":"poor-sa-questioning","no-primary-repair-item","wrong-diagnosis","technician-lacking-skill","missing-tools-equipment","poor-delivery-explanation"}}}',
  '{"o":{"status":["in_progress","awaiting_qc"],"labour":{"closedHours":[0,],"runningSince":[{"@":-,null]},"technicianReport":[null,{"technicianId":,"workDone":"","cause":"","fix":"","writtenAt":{"@":0},"writtenBy":"',
  '{"o":{"status":["ready","delivered"]},"x":{"delivery":{"repairOrderId":,"flatRateHours":,"actualHours":,"firstTimePass":true}}}',
  '{"o":{"status":["awaiting_qc","ready"]},"x":{"qcRecord":{"id":,"repairOrderId":,"attempt":1,"result":"pass","inspector":"","meaning":{"en":"QC passed","zh":"质检合格"},"comebackCause":null}}}',
  '{"o":{"+":{}}}{"o":{"status":["assigned","in_progress"],"labour":{"runningSince":[null,{"@":0}]}}}',
  '{"o":{"status":["waiting","assigned"],"technicianId":[null,'
].join('')

const DICTIONARIES: Record<number, Buffer> = { 1: Buffer.from(DICTIONARY_1, 'utf8') }

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

/**
 * Instants (canonical ISO strings) become { "@": ms after the row's time }: a running clock
 * started by the row is {"@":0}. A real object with a key "@" or "@@" is wrapped in { "@@": ... }
 * so reading it back is exact.
 */
function packValue(v: unknown, at: number): unknown {
  if (typeof v === 'string') {
    if (v.length === 24 && ISO_INSTANT.test(v)) {
      const ms = Date.parse(v)
      if (new Date(ms).toISOString() === v) return { '@': ms - at }
    }
    return v
  }
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) return v.map((x) => packValue(x, at))
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = packValue(x, at)
  return Object.hasOwn(v, '@') || Object.hasOwn(v, '@@') ? { '@@': out } : out
}

function unpackValue(v: unknown, at: number): unknown {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) return v.map((x) => unpackValue(x, at))
  const o = v as Record<string, unknown>
  const keys = Object.keys(o)
  if (keys.length === 1 && keys[0] === '@' && typeof o['@'] === 'number') return new Date(at + o['@']).toISOString()
  const inner = keys.length === 1 && keys[0] === '@@' ? (o['@@'] as Record<string, unknown>) : o
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(inner)) out[k] = unpackValue(x, at)
  return out
}

/** The stored bytes of a change made at `at` (epoch ms), with the current codec. */
export function encodeAuditChange(change: CompactChange, at: number): Buffer {
  const json = JSON.stringify(packValue(change, at))
  return deflateRawSync(Buffer.from(json, 'utf8'), { level: 9, memLevel: 9, dictionary: DICTIONARIES[AUDIT_CODEC] })
}

/** Reads back what encodeAuditChange wrote (with the codec the row names). */
export function decodeAuditChange(bytes: Uint8Array, at: number, codec: number): CompactChange {
  const dictionary = DICTIONARIES[codec]
  if (!dictionary) throw new Error(`audit row written with unknown codec ${codec}`)
  const json = inflateRawSync(bytes, { dictionary }).toString('utf8')
  return unpackValue(JSON.parse(json), at) as CompactChange
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b)

/**
 * The fields of `after` that differ from `before`, as [before, after]; `skip` fields are not kept
 * at all (derivable, e.g. updatedAt). An object-valued field whose before and after are both
 * objects (labour, promise, flags) is diffed one level down: { field: { key: [before, after] } }.
 */
export function fieldPairs(before: Record<string, unknown>, after: Record<string, unknown>, skip: readonly string[] = []): FieldPairs {
  const out: Record<string, unknown> = {}
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  for (const k of keys) {
    if (skip.includes(k)) continue
    const b = before[k]
    const a = after[k]
    if (same(b, a)) continue
    if (isPlainObject(b) && isPlainObject(a)) {
      const nested: Record<string, [unknown, unknown]> = {}
      for (const nk of new Set([...Object.keys(b), ...Object.keys(a)])) if (!same(b[nk], a[nk])) nested[nk] = [b[nk] ?? null, a[nk] ?? null]
      out[k] = nested
    } else out[k] = [b ?? null, a ?? null]
  }
  return out as FieldPairs
}

/** Splits field pairs back into the before and after values of the changed fields. */
export function splitPairs(pairs: FieldPairs): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before: Record<string, unknown> = {}
  const after: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(pairs)) {
    if (Array.isArray(v)) {
      before[k] = v[0]
      after[k] = v[1]
    } else {
      // one level down: only the keys that changed
      const nb: Record<string, unknown> = {}
      const na: Record<string, unknown> = {}
      for (const [nk, [b, a]] of Object.entries(v as Record<string, [unknown, unknown]>)) {
        nb[nk] = b
        na[nk] = a
      }
      before[k] = nb
      after[k] = na
    }
  }
  return { before, after }
}

/** Undoes field pairs on a record: the record as it was before the change. */
export function undoPairs(record: Record<string, unknown>, pairs: FieldPairs): Record<string, unknown> {
  const out: Record<string, unknown> = { ...record }
  for (const [k, v] of Object.entries(pairs)) {
    if (Array.isArray(v)) out[k] = v[0]
    else {
      const inner: Record<string, unknown> = { ...(isPlainObject(out[k]) ? out[k] : {}) }
      for (const [nk, [b]] of Object.entries(v as Record<string, [unknown, unknown]>)) inner[nk] = b
      out[k] = inner
    }
  }
  return out
}
