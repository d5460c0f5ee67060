/** Pointer-up after a drag can land as a click on a card; a click this soon after a drop is not one. */
let lastDragEnd = 0
export const markDragEnd = (): void => {
  lastDragEnd = performance.now()
}
export const recentlyDragged = (): boolean => performance.now() - lastDragEnd < 250
