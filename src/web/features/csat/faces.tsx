import type { SvgIconProps } from '@mui/material';
import SentimentDissatisfied from '@mui/icons-material/SentimentDissatisfied';
import SentimentNeutral from '@mui/icons-material/SentimentNeutral';
import SentimentSatisfied from '@mui/icons-material/SentimentSatisfied';
import SentimentVeryDissatisfied from '@mui/icons-material/SentimentVeryDissatisfied';
import SentimentVerySatisfied from '@mui/icons-material/SentimentVerySatisfied';
import type { ComponentType } from 'react';

/** K5: the five ratings, best first (as the survey mail shows them). */
export const RATINGS = [5, 4, 3, 2, 1] as const;

const FACE: Record<number, ComponentType<SvgIconProps>> = {
  1: SentimentVeryDissatisfied,
  2: SentimentDissatisfied,
  3: SentimentNeutral,
  4: SentimentSatisfied,
  5: SentimentVerySatisfied,
};

/** A colour per rating, from red (1) to green (5), each above 4.5:1 on white (WCAG AA). */
export const RATING_COLOUR: Record<number, string> = {
  1: '#b71c1c',
  2: '#bf360c',
  3: '#616161',
  4: '#2e7d32',
  5: '#1b5e20',
};

/** The face of a rating (decorative: the label beside it says it in words). */
export function RatingFace({ rating, ...props }: { rating: number } & SvgIconProps) {
  const Face = FACE[rating] ?? SentimentNeutral;
  return <Face aria-hidden {...props} sx={{ color: RATING_COLOUR[rating], ...props.sx }} />;
}

/** `?rating=` of the mail's one-click link: 1–5, or null. */
export function presetRating(value: string | null): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
}
