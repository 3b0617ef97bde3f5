import type { School } from '@shared';

/**
 * A labelled choice among schools, with a first option for none of them
 * (`''`): the whole bureau, 全部, or 请选择 — as `emptyLabel` says; none when null.
 */
export function SchoolSelect({ label, emptyLabel, schools, value, onChange, testId, wide = false }: { label: string; emptyLabel: string | null; schools: readonly School[]; value: string; onChange(schoolId: string): void; testId: string; wide?: boolean }) {
  return (
    <label className={wide ? 'field field--wide' : 'field'}>
      <span>{label}</span>
      <select data-testid={testId} value={value} onChange={(event) => onChange(event.target.value)}>
        {emptyLabel !== null && <option value="">{emptyLabel}</option>}
        {schools.map((school) => (
          <option key={school.id} value={school.id}>
            {school.name}
          </option>
        ))}
      </select>
    </label>
  );
}
