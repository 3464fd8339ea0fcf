/** Public surface of the settings module. */
export { settingsRoutes } from './settings.routes';
export {
  getSettings,
  parseSettings,
  readSettings,
  refuseWhenSuspended,
  setSetting,
  type StoredSettings,
} from './settings.repo';
export { settingsApiDocs } from './settings.api-docs';
