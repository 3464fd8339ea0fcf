import { defineConfig } from 'drizzle-kit';

// Generates SQL migrations from the Drizzle schema; the app applies them at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './src/db/migrations',
  casing: 'snake_case',
});
