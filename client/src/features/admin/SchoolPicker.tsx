import type { School } from '@shared';
import { useDictionary } from '../accounts/dictionary';
import { adminDictionary } from './adminMessages';

/**
 * Which school a tab is about. A school admin has one, named as plain text;
 * a bureau admin picks among the bureau's (with 全部 where a list can show them all).
 */
export function SchoolPicker({ schools, value, onChange, testId, allowAll = false }: { schools: School[]; value: string; onChange(schoolId: string): void; testId: string; allowAll?: boolean }) {
  const t = useDictionary(adminDictionary);
  if (schools.length === 1 && !allowAll) {
    return (
      <p className="field">
        <span>{t('admin.school')}</span>
        <strong className="school-name" data-testid={testId} data-school-id={schools[0]!.id}>
          {schools[0]!.name}
        </strong>
      </p>
    );
  }
  return (
    <label className="field">
      <span>{t('admin.school')}</span>
      <select data-testid={testId} value={value} onChange={(event) => onChange(event.target.value)}>
        {allowAll && <option value="">{t('admin.allSchools')}</option>}
        {!allowAll && value === '' && <option value="">{t('admin.pickSchool')}</option>}
        {schools.map((school) => (
          <option key={school.id} value={school.id}>
            {school.name}
          </option>
        ))}
      </select>
    </label>
  );
}
