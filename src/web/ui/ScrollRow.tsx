import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Box, useTheme, type BoxProps } from '@mui/material';

/** Which ends of the row hide more content: its reading start, its reading end, both or none. */
export type MoreSide = 'none' | 'start' | 'end' | 'both';

const FADE = 32;

/**
 * One row that scrolls sideways (chips, small buttons) and shows that there is more: the edge
 * where content is hidden fades out, and a thin scrollbar stays visible where the system shows
 * one. Works in both directions (in RTL the row starts on the right and scrollLeft goes negative).
 * `data-more` says which ends hide content, for tests.
 */
export function ScrollRow({ children, sx, ...rest }: { children: ReactNode } & Omit<BoxProps, 'children'>) {
  const ref = useRef<HTMLDivElement>(null);
  const theme = useTheme();
  const rtl = theme.direction === 'rtl';
  const [more, setMore] = useState<MoreSide>('none');

  const measure = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const hidden = el.scrollWidth - el.clientWidth;
    const scrolled = Math.abs(el.scrollLeft);
    const start = scrolled > 1;
    const end = hidden - scrolled > 1;
    setMore(start && end ? 'both' : start ? 'start' : end ? 'end' : 'none');
  }, []);

  useEffect(() => {
    measure();
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    for (const child of Array.from(el.children)) ro.observe(child);
    return () => ro.disconnect();
  }, [measure, children, rtl]);

  // The fade is written with physical sides (an inline style: not flipped by the RTL stylesheet).
  const startSide = rtl ? 'right' : 'left';
  const fadeAt = (side: 'left' | 'right') =>
    more === 'both' || (more === 'start' ? side === startSide : more === 'end' && side !== startSide);
  const mask =
    more === 'none'
      ? undefined
      : `linear-gradient(to right, ${fadeAt('left') ? 'transparent' : '#000'} 0, #000 ${FADE}px, #000 calc(100% - ${FADE}px), ${fadeAt('right') ? 'transparent' : '#000'} 100%)`;

  return (
    <Box
      ref={ref}
      onScroll={measure}
      data-more={more}
      data-testid="scroll-row"
      {...rest}
      style={mask ? { maskImage: mask, WebkitMaskImage: mask } : undefined}
      sx={[
        {
          display: 'flex',
          flexWrap: 'nowrap',
          gap: 1,
          overflowX: 'auto',
          overscrollBehaviorX: 'contain',
          scrollbarWidth: 'thin',
          pb: 0.75,
          '& > *': { flexShrink: 0 },
        },
        ...(Array.isArray(sx) ? sx : [sx]),
      ]}
    >
      {children}
    </Box>
  );
}
