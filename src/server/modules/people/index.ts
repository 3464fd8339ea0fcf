/** Public surface of the people module. */
export { meRoutes } from './me.routes';
export { peopleRoutes } from './people.routes';
export { usersRoutes } from './users.routes';
export { createAccessLevel, updateAccessLevel } from './access-levels';
export { addDefaultAccessLevels, DEFAULT_ACCESS_LEVELS } from './default-levels';
export { createUser } from './create-user';
export { createGroup, findGroup, groupMemberIds } from './groups';
export {
  checkUnique,
  findByLogin,
  findUser,
  lockActiveAdmins,
  replaceDepartments,
  userWithLinks,
  type UserRow,
} from './users.repo';
export { defaultAccessLevelId } from './default-levels';
export { endSessions, endSessionsAndTokens } from './revoke-access';
export { peopleJobs } from './jobs';
export { peopleApiDocs } from './people.api-docs';
export { mailableAdmins } from './mailable-admins';
export { awaySql, idArray, substitutesFor } from './away';
