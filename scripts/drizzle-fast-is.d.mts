import type { Plugin } from 'esbuild';

export const ORIGINAL_IS: string;
export const REMEMBERING_IS: string;
export function rememberingIs(source: string): string;
export const drizzleFastIs: Plugin;
