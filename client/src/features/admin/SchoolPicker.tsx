import type { School } from '@shared';
import { useDictionary } from '../accounts/dictionary';
import { adminDictionary } from './adminMessages';
import { SchoolSelect } from './SchoolSelect';

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
  const emptyLabel = allowAll ? t('admin.allSchools') : value === '' ? t('admin.pickSchool') : null;
  return <SchoolSelect label={t('admin.school')} emptyLabel={emptyLabel} schools={schools} value={value} onChange={onChange} testId={testId} />;
}
