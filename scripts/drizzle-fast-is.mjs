// An esbuild plugin for the server bundle (build-server.mjs): Drizzle's `is(value, type)` with the
// answer remembered per (class of the value, type).
//
// Drizzle calls `is` for every chunk of every statement it builds (is it a string? a name? SQL? a
// table? a column? …) and for every field of every row it maps. When `value instanceof type` is
// false it walks the value's class chain comparing each class's `entityKind` with the type's —
// so every "no" costs a prototype walk. Under the queue and ticket-page loads at a million tickets
// `is` alone was 6–7.5% of the server's CPU (bench/README.md, "Drizzle's `is`"). The answer
// depends only on the value's class and the type (both read from static `entityKind` fields that
// never change), so it is computed once per pair and then read from a WeakMap — the same answer,
// thrown error and cross-copy behaviour as the original, without the walk.
//
// The original function's text is matched exactly: a Drizzle release that changes it fails the
// build here, rather than bundling an `is` that no longer matches the library's.
import { readFile } from 'node:fs/promises';

export const ORIGINAL_IS = `function is(value, type) {
  if (!value || typeof value !== "object") {
    return false;
  }
  if (value instanceof type) {
    return true;
  }
  if (!Object.prototype.hasOwnProperty.call(type, entityKind)) {
    throw new Error(
      \`Class "\${type.name ?? "<unknown>"}" doesn't look like a Drizzle entity. If this is incorrect and the class is provided by Drizzle, please report this as a bug.\`
    );
  }
  let cls = Object.getPrototypeOf(value).constructor;
  if (cls) {
    while (cls) {
      if (entityKind in cls && cls[entityKind] === type[entityKind]) {
        return true;
      }
      cls = Object.getPrototypeOf(cls);
    }
  }
  return false;
}`;

export const REMEMBERING_IS = `const isKnown = new WeakMap();
function walkIs(cls, type) {
  while (cls) {
    if (entityKind in cls && cls[entityKind] === type[entityKind]) {
      return true;
    }
    cls = Object.getPrototypeOf(cls);
  }
  return false;
}
function is(value, type) {
  if (!value || typeof value !== "object") {
    return false;
  }
  if (value instanceof type) {
    return true;
  }
  let byClass = isKnown.get(type);
  if (byClass === undefined) {
    if (!Object.prototype.hasOwnProperty.call(type, entityKind)) {
      throw new Error(
        \`Class "\${type.name ?? "<unknown>"}" doesn't look like a Drizzle entity. If this is incorrect and the class is provided by Drizzle, please report this as a bug.\`
      );
    }
    byClass = new WeakMap();
    isKnown.set(type, byClass);
  }
  const cls = Object.getPrototypeOf(value).constructor;
  if (typeof cls !== "function") {
    return walkIs(cls, type);
  }
  let known = byClass.get(cls);
  if (known === undefined) {
    known = walkIs(cls, type);
    byClass.set(cls, known);
  }
  return known;
}`;

/** Replaces `is` in drizzle-orm's entity.js; throws when the original is not found as expected. */
export function rememberingIs(source) {
  const at = source.indexOf(ORIGINAL_IS);
  if (at < 0 || source.indexOf(ORIGINAL_IS, at + 1) >= 0)
    throw new Error('drizzle-orm/entity.js: `is` is not the one drizzle-fast-is.mjs replaces; review the plugin');
  return source.slice(0, at) + REMEMBERING_IS + source.slice(at + ORIGINAL_IS.length);
}

export const drizzleFastIs = {
  name: 'drizzle-fast-is',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]drizzle-orm[\\/]entity\.js$/ }, async (args) => ({
      contents: rememberingIs(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};
