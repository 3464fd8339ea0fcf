import { z } from 'zod';
import { ZPassword } from './common';
import { ZPermission, ZUser } from './people';

export const ZLogin = z.object({
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});

export const ZMe = z.object({
  user: ZUser,
  workspace: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  permissions: z.array(ZPermission),
  csrfToken: z.string().nullable(),
});

export const ZForgotPassword = z.object({ login: z.string().trim().min(1).max(254) });
export const ZResetPassword = z.object({ token: z.string().min(20).max(200), password: ZPassword });
