/**
 * npm run bench:kb -- [--url http://127.0.0.1:3400] [--workspace bench] [--articles 10000] [--skip-seed]
 *                     [--duration 20] [--admin-password bench-admin-1]
 *
 * Issue 17: the help centre's search and the ticket form's suggestions over 10,000 articles.
 * Seeds the articles through the API (the real write path: sanitising, slug, Persian vector) in
 * 40 groups of the seeded workspace — Persian and English texts made from the seed's word lists
 * and a few topic names each (see TOPICS), 100–900 words, 9 in 10 published — then drives `GET /public/kb/articles?q=` and
 * `GET /public/kb/suggest?q=` with words people would type (a new one each request) at
 * concurrency 1 and 16. Start the server with PUBLIC_READS_PER_MINUTE above the load (one address
 * sends it all). Writes bench/results/<date>-kb.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { drive, type Measured } from './load/measure';
import { getJson, signIn } from './load/session';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3400' },
    workspace: { type: 'string', default: 'bench' },
    articles: { type: 'string', default: '10000' },
    'skip-seed': { type: 'boolean', default: false },
    duration: { type: 'string', default: '20' },
    'admin-password': { type: 'string', default: 'bench-admin-1' },
    label: { type: 'string', default: '' },
  },
});
const url = values.url!.replace(/\/$/, '');
const ARTICLES = Number(values.articles);
const words = (lang: string) =>
  readFileSync(new URL(`./words/${lang}.txt`, import.meta.url), 'utf8')
    .split('\n')
    .map((w) => w.trim())
    .filter((w) => w.length > 1);
const FA = words('fa');
const EN = words('en');

// A seeded generator: the same articles on every run.
let seed = 17;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(l: T[]) => l[Math.floor(rnd() * l.length)];
// Zipf-like: common words appear in many articles, rare ones in a few (as in real help texts).
const zipf = <T>(l: T[]) => l[Math.floor(l.length * rnd() ** 2.2)];
const sentence = (l: string[], n: number) => Array.from({ length: n }, () => zipf(l)).join(' ');

/**
 * What a help text is about: names of products, screens, errors and models (HP-M404, خطای-۴۰۳…),
 * 20,000 of them, a few per article — a real knowledge base's vocabulary is large, and what people
 * search for is mostly these, not the common words every article has.
 */
const TOPICS = Array.from({ length: 20_000 }, (_, i) => {
  const l = i % 4 === 0 ? EN : FA;
  return `${l[60 + (i % 500)]}${l[60 + (Math.floor(i / 500) % 500)]}${i % 7 === 0 ? i : ''}`;
});
const topicsOf = (i: number) => Array.from({ length: 4 }, (_, k) => TOPICS[(i * 7 + k * 4999) % TOPICS.length]);

function articleOf(i: number, groupId: string) {
  const fa = i % 4 !== 0;
  const l = fa ? FA : EN;
  const topics = topicsOf(i);
  const paragraphs = Array.from(
    { length: 3 + Math.floor(rnd() * 10) },
    () =>
      `<p>${sentence(l, 15 + Math.floor(rnd() * 20))} ${pick(topics)} ${sentence(l, 15 + Math.floor(rnd() * 20))}</p>`,
  );
  return {
    groupId,
    title: `${sentence(l, 2 + Math.floor(rnd() * 3))} ${topics[0]}`,
    summary: sentence(l, 12),
    keywords: [topics[1], topics[2], pick(l)],
    locale: fa ? 'fa' : 'en',
    visible: i % 10 !== 0,
    internal: i % 50 === 1,
    body: `<h2>${sentence(l, 4)}</h2>${paragraphs.join('')}<ul><li>${sentence(l, 6)}</li><li>${sentence(l, 6)}</li></ul>`,
  };
}

async function post(path: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

async function seedArticles(admin: Record<string, string>) {
  const have = await getJson<{ total: number }>(url, '/api/v1/kb/articles?pageSize=1', admin);
  if (have.total >= ARTICLES) return console.log(`${have.total} articles already there`);
  const groups: string[] = [];
  for (let g = 0; g < 10; g++) {
    const top = await post('/api/v1/kb/groups', { name: `${pick(FA)} ${pick(FA)}`, position: g }, admin);
    groups.push(top.id);
    for (let s = 0; s < 3; s++)
      groups.push((await post('/api/v1/kb/groups', { name: `${pick(FA)} ${s + 1}`, parentId: top.id }, admin)).id);
  }
  const started = Date.now();
  let next = have.total;
  const lane = async () => {
    while (next < ARTICLES) {
      const i = next++;
      await post('/api/v1/kb/articles', articleOf(i, groups[i % groups.length]), admin);
      if (i % 1000 === 999)
        process.stdout.write(`\r${i + 1} articles · ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  const s = (Date.now() - started) / 1000;
  console.log(
    `\n${ARTICLES - have.total} articles in ${s.toFixed(0)} s (${((ARTICLES - have.total) / s).toFixed(0)}/s)`,
  );
}

/**
 * What a person types: a word that says what they look for (the lists' first 60 are words like
 * و، در، the, to — in every article), often after another word or a little one, the last one
 * often cut short as it is being typed (a prefix); Persian three times in four.
 */
function typed(prefix: boolean) {
  const l = rnd() < 0.75 ? FA : EN;
  const content = l.slice(60, 600);
  const first = rnd() < 0.5 ? zipf(content) : zipf(l.slice(0, 60));
  // Mostly what the text is about; one query in four a common word found in thousands of articles.
  const b = rnd() < 0.75 ? TOPICS[Math.floor(rnd() * ARTICLES * 1.3) % TOPICS.length] : zipf(content);
  const last = prefix && b.length > 3 ? b.slice(0, Math.max(3, b.length - 2)) : b;
  return rnd() < 0.4 ? last : `${first} ${last}`;
}

async function main() {
  const admin = await signIn(url, values.workspace!, 'admin', values['admin-password']!);
  if (!values['skip-seed']) await seedArticles(admin);
  const pub = { 'x-workspace': values.workspace! };
  const q = encodeURIComponent;
  let calls = 0;
  let session = '';
  const scenarios = {
    'kb-search': () => `/api/v1/public/kb/articles?pageSize=10&q=${q(typed(false))}`,
    // A form sends its session with each (debounced) call as its subject grows: ~5 calls a form.
    'kb-suggest': () => {
      if (calls++ % 5 === 0) session = crypto.randomUUID();
      return `/api/v1/public/kb/suggest?q=${q(typed(true))}&session=${session}`;
    },
  };
  const durationS = Number(values.duration);
  const rows: ({ scenario: string; connections: number } & Measured)[] = [];
  for (const [scenario, path] of Object.entries(scenarios))
    for (const connections of [1, 16]) {
      const m = await drive(url, { path, headers: pub }, { connections, durationS, warmupS: 3 });
      rows.push({ scenario, connections, ...m });
      console.log(
        JSON.stringify({ scenario, connections, rps: m.rps, p50: m.p50, p95: m.p95, p99: m.p99, non2xx: m.non2xx }),
      );
    }
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  writeFileSync(
    new URL(`./results/${stamp}-kb.json`, import.meta.url),
    JSON.stringify({ label: values.label, url, articles: ARTICLES, at: new Date().toISOString(), rows }, null, 2),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
