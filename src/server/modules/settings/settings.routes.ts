import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZPublicDepartment } from '../../../contracts/organisation';
import { ZPublicSettings, ZSettingsPatch, ZSettingsResponse } from '../../../contracts/settings';
import { access } from '../../platform/http/access';
import { sendFile } from '../files';
import {
  clearSettingsImage,
  getAllSettings,
  getPublicSettings,
  listPublicDepartments,
  setSettingsImage,
  updateSettings,
} from './settings-actions';
import { getSettings } from './settings.repo';

const tags = ['settings'];
const manage = { access: access.perm('settings.manage') };
const pub = { access: access.public() };

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/settings', { config: manage, schema: { tags, response: { 200: ZSettingsResponse } } }, (req) =>
    getAllSettings({ ctx: req.ctx }),
  );
  app.patch(
    '/settings',
    { config: manage, schema: { tags, body: ZSettingsPatch, response: { 200: ZSettingsResponse } } },
    (req) => updateSettings({ ctx: req.ctx, input: req.body }),
  );
  for (const [path, which] of [
    ['logo', 'logo'],
    ['login-image', 'loginImage'],
  ] as const) {
    app.post(
      `/settings/${path}`,
      { config: manage, schema: { tags, consumes: ['multipart/form-data'], response: { 200: ZSettingsResponse } } },
      async (req) => setSettingsImage({ ctx: req.ctx, parts: req.files(), which }),
    );
    app.delete(`/settings/${path}`, { config: manage, schema: { tags, response: { 200: ZSettingsResponse } } }, (req) =>
      clearSettingsImage({ ctx: req.ctx, which }),
    );
    app.get(`/public/${path}`, { config: pub, schema: { tags: ['public'] } }, async (req, reply) => {
      const s = await getSettings(req.ctx);
      return sendFile(req.ctx, which === 'logo' ? s.logoFileId : s.loginImageFileId, reply, {
        inline: true,
        maxAge: 3600,
      });
    });
  }
  app.get(
    '/public/settings',
    { config: pub, schema: { tags: ['public'], response: { 200: ZPublicSettings } } },
    (req) => getPublicSettings({ ctx: req.ctx }),
  );
  app.get(
    '/public/departments',
    { config: pub, schema: { tags: ['public'], response: { 200: z.object({ items: z.array(ZPublicDepartment) }) } } },
    (req) => listPublicDepartments({ ctx: req.ctx }),
  );
};
