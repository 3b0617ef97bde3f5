import { describe, expect, it } from 'vitest';
import { draftFromSettings, settingsFromDraft } from './ssoDraft';

const saved = {
  issuer: 'https://idp.edu.example/realms/county',
  clientId: 'tongtang',
  schoolClaim: 'school_code',
  roleClaim: 'identity',
  schools: { '3301001': 'chengguan', '3301057': 'shanping' },
  roles: { JS: 'teacher' as const },
};

describe('the single sign-on form', () => {
  it('shows saved settings with an empty line to add to, and no secret', () => {
    const draft = draftFromSettings(saved);
    expect(draft.clientSecret).toBe('');
    expect(draft.schools).toEqual([
      { value: '3301001', target: 'chengguan' },
      { value: '3301057', target: 'shanping' },
      { value: '', target: '' },
    ]);
    expect(draftFromSettings(null)).toMatchObject({ schoolClaim: 'school', roleClaim: 'role', schools: [{ value: '', target: '' }] });
  });

  it('sends the settings back unchanged, keeping the saved secret when none is typed', () => {
    expect(settingsFromDraft(draftFromSettings(saved), true)).toEqual({ settings: saved, problems: {} });
    const withSecret = settingsFromDraft({ ...draftFromSettings(saved), clientSecret: 's3cret' }, true);
    expect(withSecret.settings).toMatchObject({ clientSecret: 's3cret' });
  });

  it('needs the secret the first time only', () => {
    const first = { ...draftFromSettings(null), issuer: 'https://idp.edu.example', clientId: 'tongtang' };
    expect(settingsFromDraft(first, false).problems).toEqual({ clientSecret: 'admin.sso.problem.secretRequired' });
    expect(settingsFromDraft({ ...first, clientSecret: 's3cret' }, false).problems).toEqual({});
  });

  it('refuses half-filled lines, a platform value twice and a bad issuer', () => {
    const draft = draftFromSettings(saved);
    const { settings, problems } = settingsFromDraft({
      ...draft,
      issuer: 'not a url',
      schools: [...draft.schools, { value: '3301001', target: 'hewan' }],
      roles: [{ value: 'JS', target: '' }],
    }, true);
    expect(settings).toBeNull();
    expect(problems).toEqual({
      issuer: 'admin.sso.problem.issuer',
      schools: 'admin.sso.problem.duplicateValue',
      roles: 'admin.sso.problem.incompleteRow',
    });
  });
});
