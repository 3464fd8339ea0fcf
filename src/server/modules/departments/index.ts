/** Public surface of the departments module. */
export { departmentsRoutes } from './departments.routes';
export { createDepartment } from './department-actions';
export { findDepartment } from './departments.repo';
export { departmentsApiDocs } from './departments.api-docs';
export { assignsAutomatically, pickAssignee } from './auto-assign';
