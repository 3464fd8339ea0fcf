import { describe, expect, it } from 'vitest';
import type { TPublicKbGroup } from '../../../../contracts/kb';
import { articlesIn, byPosition } from './GroupCards';

const g = (id: string, parentId: string | null, articles: number, position = 0, name = id): TPublicKbGroup => ({
  id,
  name,
  parentId,
  imageUrl: null,
  position,
  articles,
});

describe('help centre group cards', () => {
  it("count a group's articles with its subgroups'", () => {
    const all = [g('1', null, 0), g('2', '1', 3), g('3', '1', 2), g('4', null, 1), g('5', '4', 7)];
    expect(articlesIn(all[0], all)).toBe(5);
    expect(articlesIn(all[3], all)).toBe(8);
    expect(articlesIn(all[1], all)).toBe(3);
  });

  it('are in position order, then by name', () => {
    const sorted = [g('a', null, 1, 2, 'ب'), g('b', null, 1, 1, 'ج'), g('c', null, 1, 2, 'آ')].sort(byPosition);
    expect(sorted.map((x) => x.id)).toEqual(['b', 'c', 'a']);
  });
});
