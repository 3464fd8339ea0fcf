import { join } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, it } from 'vitest';
import boundaries from './boundaries.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
RuleTester.afterAll = afterAll;

// The repository itself is the root: the contracts check reads whether a contracts file uses zod.
const root = join(import.meta.dirname, '..');
const at = (path) => join(root, path);
const options = [{ root }];
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, sourceType: 'module' } });

const valid = [
  // (a) the web app: contracts as types, or values of a zod-free contracts file; its own files.
  { filename: at('src/web/features/x/Page.tsx'), code: "import type { TTicket } from '../../../contracts/tickets';" },
  { filename: at('src/web/features/x/Page.tsx'), code: "import { type TTicket } from '../../../contracts/tickets';" },
  {
    filename: at('src/web/features/x/Page.tsx'),
    code: "import { PERMISSIONS } from '../../../contracts/permissions';",
  },
  { filename: at('src/web/features/x/Page.tsx'), code: "import { api } from '../../app/api';" },
  // (b) the platform uses the platform and the database schema.
  { filename: at('src/server/platform/http/a.ts'), code: "import { AppError } from '../errors';" },
  { filename: at('src/server/platform/a.ts'), code: "import { users } from '../../db/schema';" },
  // (c) another module through its index; the own module freely; the composition root through indexes.
  { filename: at('src/server/modules/auth/login.ts'), code: "import { audit } from '../audit';" },
  { filename: at('src/server/modules/auth/login.ts'), code: "import { audit } from '../audit/index';" },
  { filename: at('src/server/modules/mail/intake/a.ts'), code: "import { getSettings } from '../../settings';" },
  { filename: at('src/server/modules/mail/intake/a.ts'), code: "import { senderFor } from '../outbound/sender';" },
  { filename: at('src/server/app.ts'), code: "import { webRoutes } from './modules/web';" },
  { filename: at('src/server/modules/api.routes.ts'), code: "export { authRoutes } from './auth';" },
  // Packages are not checked.
  { filename: at('src/web/main.tsx'), code: "import { z } from 'zod';" },
];

const invalid = [
  {
    filename: at('src/web/features/x/Page.tsx'),
    code: "import { buildApp } from '../../../server/app';",
    errors: [{ messageId: 'webImportsServer' }],
  },
  {
    filename: at('src/web/app/api.ts'),
    code: "import { users } from '../../db/schema';",
    errors: [{ messageId: 'webImportsServer' }],
  },
  {
    filename: at('src/web/features/x/Page.tsx'),
    code: "import { ZTicket } from '../../../contracts/tickets';",
    errors: [{ messageId: 'webContractValue' }],
  },
  {
    filename: at('src/server/platform/http/request-context.ts'),
    code: "import { getSettings } from '../../modules/settings';",
    errors: [{ messageId: 'platformImportsModule' }],
  },
  {
    filename: at('src/server/platform/worker.ts'),
    code: "const m = import('../modules/auth/otp');",
    errors: [{ messageId: 'platformImportsModule' }],
  },
  {
    filename: at('src/server/modules/auth/login.ts'),
    code: "import { findByLogin } from '../people/users.repo';",
    errors: [
      { messageId: 'deepModuleImport', data: { module: 'people', target: 'src/server/modules/people/users.repo' } },
    ],
  },
  {
    filename: at('src/server/modules/mail/intake/mail-writer.ts'),
    code: "export { announce } from '../../tickets/ticket-events';",
    errors: [{ messageId: 'deepModuleImport' }],
  },
  {
    filename: at('src/server/main.ts'),
    code: "import { bootstrap } from './modules/workspaces/bootstrap';",
    errors: [{ messageId: 'deepModuleImport' }],
  },
];

const withRoot = (c) => ({ ...c, options });
tester.run('boundaries', boundaries, { valid: valid.map(withRoot), invalid: invalid.map(withRoot) });
