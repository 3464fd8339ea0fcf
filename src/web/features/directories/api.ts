import { useQuery } from '@tanstack/react-query';
import { call, type BodyOf, type ItemOf, type ResponseOf } from '../../app/api';

/**
 * Directory sign-in (A5, api.md "Directory sign-in"): every call and query key of the
 * directories screens in one place. Admin only.
 */
export type Directory = ItemOf<'listDirectories'>;
export type DirectoryCreate = BodyOf<'createDirectory'>;
export type DirectoryPatch = BodyOf<'updateDirectory'>;
export type DirectoryTestResult = ResponseOf<'testDirectory'>;
export type SyncResult = ResponseOf<'syncDirectory'>;
export type SyncReport = NonNullable<Directory['lastSyncReport']>;

export const directoriesKey = ['admin', 'directories'] as const;
export const directoryKey = (id: string) => [...directoriesKey, id] as const;

/** Every directory, in the order sign-in tries them (a workspace has a handful). */
export const useDirectories = () =>
  useQuery({
    queryKey: directoriesKey,
    queryFn: async () => {
      const res = await call('listDirectories');
      return [...res.items].sort((a, b) => a.position - b.position || Number(a.id) - Number(b.id));
    },
  });

export const useDirectory = (id: string | null) =>
  useQuery({
    queryKey: directoryKey(id ?? 'new'),
    queryFn: () => call('getDirectory', { path: { id: id! } }),
    enabled: !!id,
  });

export const createDirectory = (body: DirectoryCreate) => call('createDirectory', { body });
export const updateDirectory = (id: string, body: DirectoryPatch) => call('updateDirectory', { path: { id }, body });
export const deleteDirectory = (id: string) => call('deleteDirectory', { path: { id } });
export const testDirectory = (id: string) => call('testDirectory', { path: { id } });
export const syncDirectory = (id: string, dryRun: boolean) => call('syncDirectory', { path: { id }, body: { dryRun } });
