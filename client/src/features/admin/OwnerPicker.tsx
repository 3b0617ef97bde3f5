import type { School } from '@shared';

/** Whose a new thing is, for a bureau admin: the whole bureau (value '') or one of its schools. */
export function OwnerPicker({ label, bureauLabel, schools, value, onChange, testId }: { label: string; bureauLabel: string; schools: readonly School[]; value: string; onChange(schoolId: string): void; testId: string }) {
  return (
    <label className="field">
      <span>{label}</span>
      <select data-testid={testId} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{bureauLabel}</option>
        {schools.map((school) => (
          <option key={school.id} value={school.id}>
            {school.name}
          </option>
        ))}
      </select>
    </label>
  );
}
