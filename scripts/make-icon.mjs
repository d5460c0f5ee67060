#!/usr/bin/env node
// Writes resources/icon.png (512x512) from code, so the icon needs no image tool:
// a dark board with three coloured lanes and one card, the product in one glance.
// Run again after changing the drawing: node scripts/make-icon.mjs
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SIZE = 512
const px = Buffer.alloc(SIZE * SIZE * 4)

function rect(x0, y0, w, h, [r, g, b, a = 255], radius = 0) {
  for (let y = y0; y < y0 + h; y++) {
    for (let x = x0; x < x0 + w; x++) {
      // Rounded corners: skip pixels outside the corner circles.
      const cx = x < x0 + radius ? x0 + radius : x >= x0 + w - radius ? x0 + w - radius - 1 : x
      const cy = y < y0 + radius ? y0 + radius : y >= y0 + h - radius ? y0 + h - radius - 1 : y
      if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) continue
      const i = (y * SIZE + x) * 4
      px[i] = r
      px[i + 1] = g
      px[i + 2] = b
      px[i + 3] = a
    }
  }
}

rect(16, 16, 480, 480, [16, 21, 28], 72) // board
const lanes = [
  [48, [37, 99, 235]],
  [190, [22, 163, 74]],
  [332, [234, 88, 12]]
]
for (const [x, colour] of lanes) {
  rect(x, 64, 132, 28, colour, 8) // lane header
  rect(x, 104, 132, 344, [30, 41, 55], 12) // lane body
}
rect(60, 120, 108, 72, [241, 245, 249], 10) // a card in the first lane
rect(202, 120, 108, 72, [241, 245, 249], 10)
rect(202, 204, 108, 72, [148, 163, 184], 10) // queued
rect(344, 120, 108, 72, [241, 245, 249], 10)

function crc32(buf) {
  let c = ~0
  for (const byte of buf) {
    c ^= byte
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1))
  }
  return ~c >>> 0
}
function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
const header = Buffer.alloc(13)
header.writeUInt32BE(SIZE, 0)
header.writeUInt32BE(SIZE, 4)
header[8] = 8 // bit depth
header[9] = 6 // RGBA
const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE)
for (let y = 0; y < SIZE; y++) px.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4)
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0))
])
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icon.png')
writeFileSync(out, png)
console.log(`wrote ${out} (${png.length} bytes)`)
