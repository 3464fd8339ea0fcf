/** Public surface of the operator module: the platform operator's console (cloud mode, issue 19). */
export { operatorRoutes } from './operator.routes';
export { operatorApiDocs } from './operator.api-docs';
export { createOperatorCheck } from './operator-auth';
