import type { ApiDocs } from '../../platform/http/api-docs';

/** The OpenAPI texts of the settings module's operations (platform/http/api-docs.ts). */
export const settingsApiDocs: ApiDocs = {
  'GET /settings': {
    operationId: 'getSettings',
    summary: 'Get the workspace settings',
    description:
      'Needs the settings.manage permission (administrators have it). Answers every setting of the workspace (system, tickets, mail intake, uploads, auto-close, default access level), each with its default when it was never set, and the logo and login image as URLs (null when none is set).',
  },
  'PATCH /settings': {
    operationId: 'updateSettings',
    summary: 'Change workspace settings',
    description:
      'Needs the settings.manage permission. Only the fields sent change (at least one is required) and "contact" is merged field by field; defaultAccessLevelId must name an access level of this workspace or be null. The change is written to the audit log with the names of the fields changed and reaches every request within a few seconds (settings are cached briefly); the answer is the whole settings document.',
    example: {
      title: 'پشتیبانی فناوری اطلاعات',
      announcement: 'سامانه روز جمعه از ساعت ۸ تا ۱۰ در دسترس نیست.',
      contact: { phone: '021-88001234', email: 'it@example.ir' },
      memberMaxUploadMb: 15,
      autoCloseDays: 5,
      timeZone: 'Asia/Tehran',
    },
  },
  'POST /settings/logo': {
    operationId: 'uploadLogo',
    multipart: { file: 'The image: PNG, JPEG, GIF or WebP, at most 2 MiB.' },
    summary: 'Upload the workspace logo',
    description:
      'Needs the settings.manage permission. Send one image in the multipart part "file": its type is taken from its bytes (PNG, JPEG, GIF or WebP; SVG is refused) and it may be at most 2 MiB; a second file is refused with 413 and nothing is kept. The new logo replaces the old one and the answer is the settings with the new logoUrl.',
    errors: [413, 415],
  },
  'DELETE /settings/logo': {
    operationId: 'deleteLogo',
    summary: 'Remove the workspace logo',
    description:
      'Needs the settings.manage permission. Clears the logo (the app shows its default) and answers the settings with logoUrl null; the change is written to the audit log.',
  },
  'GET /public/logo': {
    operationId: 'getLogo',
    produces: 'image/*',
    summary: 'Get the workspace logo',
    description:
      'Public: no sign-in needed; the workspace comes from the host name or the x-workspace header. Answers the logo image inline with its stored type, cacheable for an hour (the logoUrl of the settings carries a version, so a new logo gets a new URL); 404 when no logo is set or the workspace is unknown.',
    errors: [404],
  },
  'POST /settings/login-image': {
    operationId: 'uploadLoginImage',
    multipart: { file: 'The image: PNG, JPEG, GIF or WebP, at most 2 MiB.' },
    summary: 'Upload the sign-in page image',
    description:
      'Needs the settings.manage permission. Send one image in the multipart part "file": its type is taken from its bytes (PNG, JPEG, GIF or WebP) and it may be at most 2 MiB; a second file is refused with 413 and nothing is kept. The new image replaces the old one and the answer is the settings with the new loginImageUrl.',
    errors: [413, 415],
  },
  'DELETE /settings/login-image': {
    operationId: 'deleteLoginImage',
    summary: 'Remove the sign-in page image',
    description:
      'Needs the settings.manage permission. Clears the image of the sign-in page and answers the settings with loginImageUrl null; the change is written to the audit log.',
  },
  'GET /public/login-image': {
    operationId: 'getLoginImage',
    produces: 'image/*',
    summary: 'Get the sign-in page image',
    description:
      'Public: no sign-in needed; the workspace comes from the host name or the x-workspace header. Answers the image of the sign-in page inline with its stored type, cacheable for an hour; 404 when none is set or the workspace is unknown.',
    errors: [404],
  },
  'GET /public/settings': {
    operationId: 'getPublicSettings',
    summary: 'Get the public workspace settings',
    description:
      'Public: what a client needs before anyone signs in, for the workspace of the host name or the x-workspace header (404 when it is unknown). Answers the title, logo and login image URLs, announcement, whether the workspace is suspended (with its message), contact details, default language, Persian digits and time zone, which forms are open (guest tickets, guest attachments, sign-up) and the upload limits in MB with the number of attachments a message may carry.',
    errors: [404],
  },
  'GET /public/departments': {
    operationId: 'listPublicDepartments',
    summary: 'List departments open to guests',
    description:
      'Public: the departments a guest or a new customer may write to in the workspace of the host name or the x-workspace header (404 when it is unknown): active, visible and open to everyone, ordered by name, at most 500, not paged.',
    errors: [404],
  },
};
