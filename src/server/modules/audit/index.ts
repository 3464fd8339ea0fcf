/** Public surface of the audit module. */
export { audit } from './audit';
