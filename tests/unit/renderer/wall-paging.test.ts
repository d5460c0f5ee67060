import { describe, expect, it } from 'vitest'
import { nextPageTop, wallPageOf } from '../../../src/renderer/src/features/board/wall-paging'

// 20 lanes of 100 px in a 650 px list: pages of 6 whole lanes (600 px), the last page to the end.
describe("the wall display's lane pages", () => {
  it('turns a page of whole lanes at a time', () => {
    expect(nextPageTop(0, 650, 2000, 100)).toBe(600)
    expect(nextPageTop(600, 650, 2000, 100)).toBe(1200)
  })

  it('shows the last lanes at the bottom, then starts again at the top', () => {
    expect(nextPageTop(1200, 650, 2000, 100)).toBe(1350)
    expect(nextPageTop(1350, 650, 2000, 100)).toBe(0)
  })

  it('stays put when every lane fits, and pages by one lane on a screen lower than a lane', () => {
    expect(nextPageTop(0, 650, 600, 100)).toBe(0)
    expect(nextPageTop(0, 80, 2000, 100)).toBe(100)
  })
})

describe("the wall display's page line", () => {
  it('names the lanes on screen and the page, one page for each stop of the turning list', () => {
    expect(wallPageOf(0, 650, 2000, 100, 20)).toEqual({ from: 1, to: 6, total: 20, page: 1, pages: 4 })
    expect(wallPageOf(600, 650, 2000, 100, 20)).toEqual({ from: 7, to: 12, total: 20, page: 2, pages: 4 })
    expect(wallPageOf(1200, 650, 2000, 100, 20)).toEqual({ from: 13, to: 18, total: 20, page: 3, pages: 4 })
    // the last page is aligned to the bottom: it ends with the last lane
    expect(wallPageOf(1350, 650, 2000, 100, 20)).toEqual({ from: 15, to: 20, total: 20, page: 4, pages: 4 })
  })

  it('says nothing when every lane fits', () => {
    expect(wallPageOf(0, 650, 600, 100, 6)).toBeNull()
    expect(wallPageOf(0, 650, 2000, 100, 0)).toBeNull()
  })
})
