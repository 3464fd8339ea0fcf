/** Read by screen readers, not shown: the one "visually hidden" style of the app. */
export const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  m: 0,
  p: 0,
  border: 0,
} as const;
