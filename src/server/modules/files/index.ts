/** Public surface of the files module. */
export { sendFile } from './send-file';
export {
  ATTACHMENT_TYPES,
  IMAGE_TYPES,
  TEXT_PLAIN,
  displayName,
  storeOnlyUpload,
  storeUpload,
  type FileRow,
} from './sniffed-upload';
