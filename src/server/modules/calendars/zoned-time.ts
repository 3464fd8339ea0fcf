/**
 * Wall-clock time in IANA zones without a tz library: the only source of truth is ICU, through
 * `Intl.DateTimeFormat#formatToParts`. A call costs about 10 µs, far too much to make per day
 * of an SLA walk (100,000 tickets × hundreds of days), so the UTC offset is learnt once per zone
 * and stretch of time and kept as a short sorted list of constant-offset segments.
 *
 * How a stretch is learnt: time is cut into fixed chunks of CHUNK_MS (aligned to the epoch); the
 * offset is read at both ends of a chunk, and when they differ the change is found by bisection to
 * the second (transitions fall on whole seconds, even the old local-mean-time ones). The one
 * assumption: a zone never changes its offset and changes it back within one chunk (a week) —
 * tzdata's shortest such episodes (Ramadan suspensions of DST) last about a month. Neighbouring
 * segments with the same offset are merged, so a zone without DST (Asia/Tehran since 2022, UTC)
 * soon has one segment for all the years ever looked at, and a DST zone two per year.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/**
 * 0001-02-01Z … 9999-12-01Z: a chunk (a week) around any instant in range still formats as an AD
 * year (the parts carry no era), so the offsets read back exactly.
 */
const MIN_INSTANT_MS = -62_132_918_400_000;
const MAX_INSTANT_MS = 253_399_622_400_000;
const CHUNK_MS = WEEK_MS;
/** Beyond these the cache of a zone is dropped rather than grown (only a scan over centuries gets there). */
const MAX_SEGMENTS = 4096;
const MAX_PROBES = 8192;

/** `[start, end)` in epoch ms, during which local wall-clock time = instant + `offset` (ms). */
export interface OffsetSegment {
  start: number;
  end: number;
  offset: number;
}

interface ZoneCache {
  format: Intl.DateTimeFormat;
  /** Sorted, disjoint; grows as time is looked at. */
  segments: OffsetSegment[];
  /** Index of the segment last returned: walks look at the same or the next one. */
  last: number;
  /** Offsets read at chunk boundaries, shared by the chunks on either side. */
  probes: Map<number, number>;
}

const zones = new Map<string, ZoneCache>();

function zoneCache(zone: string): ZoneCache {
  let cache = zones.get(zone);
  if (cache) return cache;
  let format: Intl.DateTimeFormat;
  try {
    // Gregorian calendar and Latin digits whatever the process locale; h23 so midnight reads 00, not 24.
    format = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new RangeError(`Unknown time zone: ${JSON.stringify(zone)}`);
  }
  cache = { format, segments: [], last: 0, probes: new Map() };
  zones.set(zone, cache);
  return cache;
}

/** Throws a RangeError unless `zone` is an IANA zone ICU knows. */
export function assertTimeZone(zone: string): void {
  if (typeof zone !== 'string' || zone === '') throw new RangeError('The time zone must be a non-empty string');
  zoneCache(zone);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12); H. Hinnant's days_from_civil. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Day of the week of a day number, as Date#getUTCDay counts: 0 Sunday … 6 Saturday (day 0 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function assertInstantInRange(ms: number, what: string): void {
  if (!(ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS)) {
    throw new RangeError(`${what} is outside the supported range (0001-02-01 to 9999-12-01)`);
  }
}

/** Local minus UTC, in ms, at a whole-second instant: one formatToParts call. */
function readOffset(cache: ZoneCache, ms: number): number {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of cache.format.formatToParts(ms)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value) % 24; // an engine that ignores hourCycle says 24 for midnight
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
    }
  }
  return daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 - ms;
}

function probe(cache: ZoneCache, ms: number): number {
  let offset = cache.probes.get(ms);
  if (offset === undefined) {
    if (cache.probes.size >= MAX_PROBES) cache.probes.clear();
    offset = readOffset(cache, ms);
    cache.probes.set(ms, offset);
  }
  return offset;
}

/** The constant-offset pieces of chunk `[start, end)`, given the offsets read at both ends. */
function splitChunk(cache: ZoneCache, start: number, end: number): OffsetSegment[] {
  const pieces: OffsetSegment[] = [];
  const endOffset = probe(cache, end);
  let from = start;
  let offset = probe(cache, start);
  while (offset !== endOffset) {
    // Invariant: the offset at `low` is `offset`, at `high` it is not; both on whole seconds.
    let low = from;
    let high = end;
    while (high - low > 1000) {
      const mid = low + Math.floor((high - low) / 2000) * 1000;
      if (readOffset(cache, mid) === offset) low = mid;
      else high = mid;
    }
    pieces.push({ start: from, end: high, offset });
    from = high;
    offset = high === end ? endOffset : readOffset(cache, high);
  }
  if (from < end) pieces.push({ start: from, end, offset });
  return pieces;
}

/** Index of the last segment starting at or before `ms`, or -1. */
function segmentIndex(segments: OffsetSegment[], ms: number): number {
  let low = 0;
  let high = segments.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (segments[mid].start <= ms) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

function learnChunk(cache: ZoneCache, ms: number): void {
  if (cache.segments.length >= MAX_SEGMENTS) {
    cache.segments = [];
    cache.last = 0;
  }
  const segments = cache.segments;
  const start = Math.floor(ms / CHUNK_MS) * CHUNK_MS;
  const pieces = splitChunk(cache, start, start + CHUNK_MS);
  const at = segmentIndex(segments, start) + 1;
  segments.splice(at, 0, ...pieces);
  // Only the two seams can join: the pieces themselves differ from one another.
  const seams = [at + pieces.length - 1, at - 1];
  for (const i of seams) {
    const left = segments[i];
    const right = segments[i + 1];
    if (left && right && left.end === right.start && left.offset === right.offset) {
      left.end = right.end;
      segments.splice(i + 1, 1);
    }
  }
}

/**
 * The constant-offset segment holding instant `ms`. Its `end` is only as far as the zone has been
 * learnt so far: a caller walking on asks again at `end` and gets the next (or a longer) segment.
 */
export function offsetSegmentAt(zone: string, ms: number): OffsetSegment {
  const cache = zoneCache(zone);
  const hint = cache.segments[cache.last];
  if (hint !== undefined && hint.start <= ms && ms < hint.end) return hint;
  let i = segmentIndex(cache.segments, ms);
  if (i < 0 || cache.segments[i].end <= ms) {
    assertInstantInRange(ms, 'The instant');
    learnChunk(cache, ms);
    i = segmentIndex(cache.segments, ms);
  }
  cache.last = i;
  return cache.segments[i];
}

/** Local wall-clock time minus UTC, in ms, at instant `ms`. */
export function offsetAt(zone: string, ms: number): number {
  return offsetSegmentAt(zone, ms).offset;
}
