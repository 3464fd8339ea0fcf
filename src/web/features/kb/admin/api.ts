import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call, upload, type ItemOf, type ResponseOf } from '../../../app/api';

/**
 * The staff side of the knowledge base (api.md "Knowledge base"): every call and query key of
 * these screens in one place.
 */
export type KbGroup = ItemOf<'listKbGroups'>;
export type KbArticle = ResponseOf<'getKbArticle'>;
export type KbArticleRow = ItemOf<'listKbArticles'>;

export const KB_KEY = ['kb'] as const;
export const groupsKey = [...KB_KEY, 'groups'] as const;
export const articlesKey = [...KB_KEY, 'articles'] as const;
export const articleKey = (id: string) => [...KB_KEY, 'article', id] as const;

/** All groups and subgroups (two levels; a workspace has tens, read 100 at a time). */
export async function fetchAllGroups(): Promise<KbGroup[]> {
  const all: KbGroup[] = [];
  for (let page = 1; ; page++) {
    const res = await call('listKbGroups', { query: { page, pageSize: 100 } });
    all.push(...res.items);
    if (res.items.length === 0 || all.length >= res.total) return all;
  }
}

export function useKbGroups() {
  return useQuery({ queryKey: groupsKey, queryFn: fetchAllGroups, staleTime: 30_000 });
}

export interface ArticleFilters {
  q: string;
  groupId: string;
  visible: '' | 'true' | 'false';
  internal: '' | 'true' | 'false';
  page: number;
  pageSize: number;
}

export function useKbArticles(f: ArticleFilters) {
  return useQuery({
    queryKey: [...articlesKey, f],
    queryFn: () =>
      call('listKbArticles', {
        query: {
          page: f.page,
          pageSize: f.pageSize,
          ...(f.q ? { q: f.q } : {}),
          ...(f.groupId ? { groupId: f.groupId } : {}),
          ...(f.visible ? { visible: f.visible } : {}),
          ...(f.internal ? { internal: f.internal } : {}),
        },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useKbArticle(id: string | null) {
  return useQuery({
    queryKey: articleKey(id ?? ''),
    queryFn: () => call('getKbArticle', { path: { id: id! } }),
    enabled: !!id,
  });
}

/** Sends an image (PNG/JPEG/WebP/GIF ≤ 2 MiB) for a group or an article; answers its id and public address. */
export function uploadKbImage(file: File, onProgress?: (fraction: number) => void) {
  const form = new FormData();
  form.append('file', file, file.name);
  return upload('uploadKbImage', form, { onProgress });
}

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;

/** Why a picked file cannot be sent as an image ('type' or 'size'), or null. */
export function imageProblem(file: { type: string; size: number }): 'type' | 'size' | null {
  if (!IMAGE_TYPES.includes(file.type)) return 'type';
  if (file.size > IMAGE_MAX_BYTES) return 'size';
  return null;
}
