import { useState } from 'react';
import {
  Alert,
  Autocomplete,
  FormControlLabel,
  FormHelperText,
  MenuItem,
  Stack,
  Switch,
  TextField,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type BodyOf } from '../../app/api';
import { can, isAdmin, useMe } from '../../app/session';
import { EmailsField } from '../../ui/EmailsField';
import { fieldErrors } from '../../ui/form';
import { useFormat } from '../../ui/format';
import { EntityDialog } from './EntityDialog';
import { TwoFactorReset } from './TwoFactorReset';
import {
  orgUnitTree,
  useAccessLevelsLookup,
  useDepartmentsLookup,
  useGroupsLookup,
  useOrgUnitsLookup,
} from './lookups';
import type { User } from './types';
import { isolate, UserText } from '../../ui/UserText';

type Role = User['role'];
const SHOWN = [
  'role',
  'name',
  'username',
  'email',
  'alternateEmails',
  'mobile',
  'password',
  'departmentIds',
  'accessLevelId',
  'groupIds',
  'orgUnitId',
  'active',
  'ticketAccess',
  'locale',
];

interface Option {
  id: string;
  name: string;
}

/** Creates or edits one account; the server's field errors (a taken username...) show by their fields. */
export function PersonDialog({
  person,
  defaultRole,
  onClose,
  onSaved,
}: {
  person: User | null;
  defaultRole: Role;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe().data!;
  const f = useFormat();
  const self = person?.id === me.user.id;
  const [role, setRole] = useState<Role>(person?.role ?? defaultRole);
  const [name, setName] = useState(person?.name ?? '');
  const [username, setUsername] = useState(person?.username ?? '');
  const [email, setEmail] = useState(person?.email ?? '');
  const [alternateEmails, setAlternateEmails] = useState<string[]>(person?.alternateEmails ?? []);
  const [mobile, setMobile] = useState(person?.mobile ?? '');
  const [password, setPassword] = useState('');
  const [departmentIds, setDepartmentIds] = useState<string[]>(person?.departmentIds ?? []);
  // null until chosen: a new agent starts on the workspace's default level, which the server
  // also gives when the field is left out (and the list of levels may not be readable here).
  const [chosenLevel, setChosenLevel] = useState<string | null>(
    person?.role === 'agent' ? (person.accessLevelId ?? '') : null,
  );
  const [groupIds, setGroupIds] = useState<string[]>(person?.groupIds ?? []);
  const [orgUnitId, setOrgUnitId] = useState(person?.orgUnitId ?? '');
  const [active, setActive] = useState(person?.active ?? true);
  const [ticketAccess, setTicketAccess] = useState(person?.ticketAccess ?? true);
  const [locale, setLocale] = useState<'fa' | 'en'>(person?.locale ?? 'fa');

  const staff = role !== 'customer';
  const departments = useDepartmentsLookup();
  const levels = useAccessLevelsLookup();
  const accessLevelId = chosenLevel ?? levels.data?.items.find((l) => l.isDefault)?.id ?? '';
  const groups = useGroupsLookup(staff ? 'agent' : 'customer');
  const units = useOrgUnitsLookup();

  const changeRole = (next: Role) => {
    // Customer groups and agent groups are different lists: a change of side clears the groups.
    if ((next === 'customer') !== (role === 'customer')) setGroupIds([]);
    setRole(next);
  };

  const save = useMutation({
    mutationFn: () => {
      const body: BodyOf<'createUser'> = {
        role,
        name: name.trim(),
        username: username.trim(),
        email: email.trim() || null,
        mobile: mobile.trim() || null,
        departmentIds: staff ? departmentIds : [],
        accessLevelId: role === 'agent' ? accessLevelId || null : null,
        groupIds,
        orgUnitId: orgUnitId || null,
        active,
        ticketAccess,
        locale,
      };
      // F2: other addresses whose mail is this customer's (staff keep what they have).
      if (role === 'customer') body.alternateEmails = alternateEmails;
      if (role === 'agent' && chosenLevel === null) delete body.accessLevelId;
      if (password) body.password = password;
      if (!person) return call('createUser', { body });
      // One's own role and active state are not sent (the server refuses changing them).
      const { role: _role, active: _active, ...own } = body;
      return call('updateUser', { path: { id: person.id }, body: self ? own : body });
    },
    onSuccess: () => {
      for (const key of [
        ['admin', 'users'],
        ['admin', 'user-search'],
        ['admin', 'departments'],
        ['admin', 'access-levels'],
        ['admin', 'groups'],
        ['departments'],
      ])
        void qc.invalidateQueries({ queryKey: key });
      if (self) void qc.invalidateQueries({ queryKey: ['me'] });
      onSaved();
      onClose();
    },
  });
  const fe = fieldErrors(save.error);
  // A bad address in the list comes back as alternateEmails.<index>; show it under the field.
  const alternateError = Object.entries(fe.fields).find(
    ([k]) => k === 'alternateEmails' || k.startsWith('alternateEmails.'),
  )?.[1];
  const shown = [...SHOWN, ...Object.keys(fe.fields).filter((k) => k.startsWith('alternateEmails.'))];

  const pick = (all: Option[] | undefined, ids: string[]) => (all ?? []).filter((o) => ids.includes(o.id));
  // Only an admin makes admins; agents need users.manage (server rules in manage-rules.ts).
  const roles = (['agent', 'customer', 'admin'] as Role[]).filter(
    (r) => r === role || (r === 'admin' ? isAdmin(me) : r === 'agent' ? can(me, 'users.manage') : true),
  );

  return (
    <EntityDialog
      open
      wide
      title={
        person
          ? t('admin.people.editTitle', { name: isolate(person.name || person.username) })
          : t(`admin.people.new_${role}`)
      }
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      shown={shown}
    >
      <TextField
        select
        label={t('admin.people.role')}
        value={role}
        onChange={(e) => changeRole(e.target.value as Role)}
        disabled={self || roles.length < 2}
        {...fe.field('role')}
        data-testid="person-role"
      >
        {roles.map((r) => (
          <MenuItem key={r} value={r}>
            {t(`admin.people.role_${r}`)}
          </MenuItem>
        ))}
      </TextField>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          fullWidth
          label={t('common.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          {...fe.field('name')}
          autoComplete="off"
          slotProps={{ htmlInput: { dir: 'auto' } }}
        />
        <TextField
          fullWidth
          required
          label={t('common.username')}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          {...fe.field('username', t('admin.people.usernameHint'))}
          slotProps={{ htmlInput: { dir: 'ltr', autoComplete: 'off', 'data-testid': 'person-username' } }}
        />
      </Stack>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          fullWidth
          type="email"
          label={t('common.email')}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          {...fe.field('email')}
          slotProps={{ htmlInput: { dir: 'ltr' } }}
        />
        <TextField
          fullWidth
          type="tel"
          label={t('common.mobile')}
          value={mobile}
          onChange={(e) => setMobile(e.target.value)}
          {...fe.field('mobile', t('admin.people.mobileHint'))}
          slotProps={{ htmlInput: { dir: 'ltr' } }}
        />
      </Stack>
      {role === 'customer' && (
        <EmailsField
          label={t('admin.people.alternateEmails')}
          value={alternateEmails}
          onChange={setAlternateEmails}
          error={!!alternateError}
          helperText={alternateError ?? t('admin.people.alternateEmailsHint', { max: f.number(5) })}
          testId="person-alternate-emails"
        />
      )}
      {person?.directoryId ? (
        // A5: the directory decides this person's password; a local one would never be used.
        <Alert severity="info" data-testid="person-directory">
          {t('admin.people.directoryAccount')}
        </Alert>
      ) : (
        <TextField
          type="password"
          label={person ? t('admin.people.newPassword') : t('common.password')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          {...fe.field('password', person ? t('admin.people.passwordKeep') : t('admin.people.passwordHint'))}
          slotProps={{ htmlInput: { autoComplete: 'new-password', dir: 'ltr', 'data-testid': 'person-password' } }}
        />
      )}
      {staff && (
        <Autocomplete
          multiple
          options={departments.data?.items ?? []}
          getOptionLabel={(o) => o.name}
          isOptionEqualToValue={(a, b) => a.id === b.id}
          value={pick(departments.data?.items, departmentIds)}
          onChange={(_, v) => setDepartmentIds(v.map((d) => d.id))}
          loading={departments.isPending}
          noOptionsText={t('admin.common.noMatches')}
          renderInput={(p) => (
            <TextField
              {...p}
              label={t('admin.people.departments')}
              {...fe.field('departmentIds')}
              slotProps={{ htmlInput: { ...p.inputProps, dir: 'auto' } }}
            />
          )}
          data-testid="person-departments"
        />
      )}
      {role === 'agent' && (
        <TextField
          select
          label={t('admin.people.accessLevel')}
          value={accessLevelId}
          onChange={(e) => setChosenLevel(e.target.value)}
          {...fe.field('accessLevelId', t('admin.people.accessLevelHint'))}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
          data-testid="person-level"
        >
          <MenuItem value="">{t('admin.people.noLevel')}</MenuItem>
          {(levels.data?.items ?? []).map((l) => (
            <MenuItem key={l.id} value={l.id}>
              <UserText>{l.name}</UserText>
            </MenuItem>
          ))}
        </TextField>
      )}
      {/* Without groups.manage the list cannot be read: the field is left out rather than shown empty. */}
      {!groups.isError && (
        <Autocomplete
          multiple
          options={groups.data?.items ?? []}
          getOptionLabel={(o) => o.name}
          isOptionEqualToValue={(a, b) => a.id === b.id}
          value={pick(groups.data?.items, groupIds)}
          onChange={(_, v) => setGroupIds(v.map((g) => g.id))}
          loading={groups.isPending}
          noOptionsText={t('admin.common.noMatches')}
          renderInput={(p) => (
            <TextField
              {...p}
              label={staff ? t('admin.people.agentGroups') : t('admin.people.customerGroups')}
              {...fe.field('groupIds')}
              slotProps={{ htmlInput: { ...p.inputProps, dir: 'auto' } }}
            />
          )}
        />
      )}
      <TextField
        select
        label={t('admin.people.orgUnit')}
        value={orgUnitId}
        onChange={(e) => setOrgUnitId(e.target.value)}
        {...fe.field('orgUnitId')}
        slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
      >
        <MenuItem value="">{t('common.none')}</MenuItem>
        {orgUnitTree(units.data?.items ?? []).map((u) => (
          <MenuItem key={u.id} value={u.id} sx={{ pl: 2 + u.depth * 2 }}>
            <UserText>{u.name}</UserText>
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={t('admin.people.language')}
        value={locale}
        onChange={(e) => setLocale(e.target.value as 'fa' | 'en')}
        {...fe.field('locale')}
      >
        <MenuItem value="fa">{t('languages.fa')}</MenuItem>
        <MenuItem value="en">{t('languages.en')}</MenuItem>
      </TextField>
      {/* K11: only admins may turn off someone else's two-factor sign-in. */}
      {person && !self && person.role !== 'customer' && isAdmin(me) && (
        <TwoFactorReset userId={person.id} name={person.name || person.username} />
      )}
      <div>
        <FormControlLabel
          control={<Switch checked={active} onChange={(e) => setActive(e.target.checked)} disabled={self} />}
          label={t('admin.people.activeLabel')}
        />
        <FormHelperText error={fe.has('active')}>{fe.fields.active ?? t('admin.people.activeHint')}</FormHelperText>
      </div>
      {role === 'customer' && (
        <div>
          <FormControlLabel
            control={
              <Switch
                checked={ticketAccess}
                onChange={(e) => setTicketAccess(e.target.checked)}
                slotProps={{ input: { 'data-testid': 'person-ticket-access' } as object }}
              />
            }
            label={t('admin.people.ticketAccessLabel')}
          />
          <FormHelperText error={fe.has('ticketAccess')}>
            {fe.fields.ticketAccess ?? t('admin.people.ticketAccessHint')}
          </FormHelperText>
        </div>
      )}
    </EntityDialog>
  );
}
