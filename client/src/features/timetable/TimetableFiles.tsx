import { useRef, useState, type ChangeEvent } from 'react';
import { ErrorCode, LessonError, timetableImportResultSchema, type ImportRowError, type TimetableFormat } from '@shared';
import { accessToken } from '../auth/session';
import { useDictionary } from '../accounts/dictionary';
import { useRequest } from '../accounts/useRequest';
import { timetableApi } from './timetableApi';
import { TimetableError } from './TimetableError';
import { timetableDictionary } from './timetableMessages';

/** Downloads the term's timetable as a file (the export needs the session's token, so no plain link). */
async function download(termId: string, format: TimetableFormat): Promise<void> {
  const response = await fetch(`/api/timetable/terms/${encodeURIComponent(termId)}/export?format=${format}`, { headers: { authorization: `Bearer ${await accessToken()}` } });
  if (!response.ok) throw new LessonError(ErrorCode.Unavailable, `export failed (${response.status})`);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = `timetable-${termId}.${format}`;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** What an import sends: a CSV's text, or an Excel workbook's bytes base64-encoded. */
async function fileContent(file: File): Promise<{ format: TimetableFormat; content: string }> {
  if (!/\.xlsx$/i.test(file.name)) return { format: 'csv', content: await file.text() };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode takes its bytes as arguments, and a call has only so many.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { format: 'xlsx', content: btoa(binary) };
}

/** 导出 and 导入 of the term as a spreadsheet; an import's bad rows are listed, and then nothing was imported. */
export function TimetableFiles({ termId, mayImport, onImported }: { termId: string; mayImport: boolean; onImported(): void }) {
  const t = useDictionary(timetableDictionary);
  const files = useRequest();
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<{ imported: number; errors: ImportRowError[] } | null>(null);

  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    void files.run(async () => {
      const reply = await timetableApi(`/timetable/terms/${encodeURIComponent(termId)}/import`, timetableImportResultSchema, await fileContent(file));
      setResult(reply);
      if (reply.errors.length === 0) onImported();
    });
  };

  return (
    <section className="account-panel timetable-files" data-testid="timetable-files">
      <div className="timetable-actions">
        <button type="button" data-testid="timetable-export" disabled={files.pending} onClick={() => void files.run(() => download(termId, 'csv'))}>
          {t('timetable.export')}
        </button>
        <button type="button" data-testid="timetable-export-xlsx" disabled={files.pending} onClick={() => void files.run(() => download(termId, 'xlsx'))}>
          {t('timetable.exportXlsx')}
        </button>
        {mayImport && (
          <>
            <button type="button" data-testid="timetable-import" disabled={files.pending} onClick={() => input.current?.click()}>
              {t('timetable.import')}
            </button>
            <input ref={input} type="file" hidden accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" data-testid="timetable-import-file" onChange={pick} />
          </>
        )}
      </div>
      {mayImport && <p className="account-hint">{t('timetable.importHint')}</p>}
      {result && result.errors.length === 0 && (
        <p role="status" data-testid="timetable-imported">
          {t('timetable.imported', { count: result.imported })}
        </p>
      )}
      {result && result.errors.length > 0 && (
        <div className="form-error" role="alert" data-testid="timetable-import-errors">
          <strong>{t('timetable.importErrors')}</strong>
          <ul>
            {result.errors.map((e) => (
              <li key={e.row}>{t('timetable.row', { row: e.row, reason: e.reason })}</li>
            ))}
          </ul>
        </div>
      )}
      <TimetableError error={files.error} />
    </section>
  );
}
