import { describe, expect, it } from 'vitest';
import type { KbArticle, KbGroup } from './api';
import { normaliseHref } from './editor/links';
import { readDir, readFontFamily, readFontSize } from './editor/fonts';
import {
  emptyDraft,
  flatGroups,
  groupPath,
  groupTree,
  publicArticlePath,
  signature,
  slugInput,
  splitKeywords,
  toBody,
  toDraft,
} from './model';

const group = (id: string, parentId: string | null, position: number, name = `g${id}`): KbGroup => ({
  id,
  name,
  parentId,
  imageId: null,
  imageUrl: null,
  kb: true,
  position,
  visible: true,
  articles: 0,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

describe('knowledge-base groups', () => {
  const groups = [
    group('3', '1', 20),
    group('1', null, 10),
    group('2', null, 0),
    group('4', '1', 5),
    group('5', '9', 0),
  ];

  it('builds two levels in position order; an orphan subgroup shows at the top', () => {
    const tree = groupTree(groups);
    expect(tree.map((n) => n.group.id)).toEqual(['2', '5', '1']);
    expect(tree.find((n) => n.group.id === '1')!.children.map((g) => g.id)).toEqual(['4', '3']);
  });

  it('lists them in tree order with depth, and names a subgroup with its parent', () => {
    expect(flatGroups(groups).map((r) => `${r.group.id}:${r.depth}`)).toEqual(['2:0', '5:0', '1:0', '4:1', '3:1']);
    expect(groupPath(groups, '4')).toEqual(['g1', 'g4']);
    expect(groupPath(groups, '2')).toEqual(['g2']);
    expect(groupPath(groups, 'x')).toEqual([]);
  });
});

describe('article drafts', () => {
  it('splits keywords on Latin and Persian commas, dropping blanks and repeats', () => {
    expect(splitKeywords('چاپگر، شبکه , printer,,چاپگر')).toEqual(['چاپگر', 'شبکه', 'printer']);
  });

  it('sends a slug only when one is given, and trims the text fields', () => {
    const d = { ...emptyDraft('7', 'fa'), title: '  راهنمای چاپگر ', summary: ' خلاصه ' };
    expect(toBody(d)).toEqual({
      groupId: '7',
      title: 'راهنمای چاپگر',
      summary: 'خلاصه',
      keywords: [],
      locale: 'fa',
      visible: false,
      internal: false,
      body: '',
    });
    expect(toBody({ ...d, slug: ' راهنمای-چاپگر ' }).slug).toBe('راهنمای-چاپگر');
  });

  it('reads an article back into the same draft it was saved from', () => {
    const article: KbArticle = {
      id: '1',
      groupId: '7',
      title: 't',
      body: '<p>x</p>',
      summary: '',
      keywords: ['a'],
      locale: 'en',
      visible: true,
      internal: false,
      slug: 't',
      views: 0,
      helpful: 0,
      notHelpful: 0,
      authorId: null,
      authorName: null,
      createdAt: '',
      updatedAt: '',
    };
    const d = toDraft(article);
    expect(d).toMatchObject({ groupId: '7', locale: 'en', visible: true, slug: 't', body: '<p>x</p>' });
    expect(signature(d)).toBe(signature(toDraft(article)));
    expect(signature({ ...d, visible: false })).not.toBe(signature(d));
  });

  it('turns spaces typed in a slug into dashes and escapes a Persian slug in the address', () => {
    expect(slugInput('راهنمای تنظیم  چاپگر')).toBe('راهنمای-تنظیم-چاپگر');
    expect(publicArticlePath('چاپگر')).toBe(`/help/articles/${encodeURIComponent('چاپگر')}`);
  });
});

describe('the article editor markup', () => {
  it('keeps only the offered fonts, whole-pixel sizes and rtl/ltr', () => {
    expect(readFontFamily('"Vazirmatn", sans-serif')).toBe('Vazirmatn');
    expect(readFontFamily('tahoma')).toBe('Tahoma');
    expect(readFontFamily('Comic Sans MS')).toBeNull();
    expect(readFontFamily('url(x)')).toBeNull();
    expect(readFontSize('18px')).toBe(18);
    expect(readFontSize('1.5em')).toBeNull();
    expect(readFontSize('200px')).toBeNull();
    expect(readFontSize('4px')).toBeNull();
    expect(readDir('rtl')).toBe('rtl');
    expect(readDir('auto')).toBeNull();
  });

  it('gives a bare domain https:// and leaves other addresses as typed', () => {
    expect(normaliseHref(' example.com/a ')).toBe('https://example.com/a');
    expect(normaliseHref('http://x.ir')).toBe('http://x.ir');
    expect(normaliseHref('mailto:a@b.ir')).toBe('mailto:a@b.ir');
    expect(normaliseHref('/help/articles/x')).toBe('/help/articles/x');
    expect(normaliseHref('')).toBe('');
  });
});
