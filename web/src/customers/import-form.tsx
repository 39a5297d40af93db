import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { customersApi } from '../api/endpoints';
import { ErrorMessage } from '../ui/error-message';
import { Field } from '../ui/field';

type ImportKind = 'customers' | 'orders';

const headers: Record<ImportKind, string> = {
  customers: 'name,email,phone,external_id,country,region,language,currency,time_zone,tier,lifetime_value,tags,notes,status',
  orders: 'reference,customer_external_id,customer_email,amount,currency,status,description,ordered_at,shipped_at,delivered_at',
};

/** Paste or pick a CSV file; shows what went in and which rows did not. */
export function ImportForm() {
  const [kind, setKind] = useState<ImportKind>('customers');
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState('');
  const queryClient = useQueryClient();
  const resultId = useId();

  const importCsv = useMutation({
    mutationFn: () => customersApi.importCsv(kind, csv),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      void queryClient.invalidateQueries({ queryKey: ['customer'] });
    },
  });

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setFileName(file.name);
    setCsv(await file.text());
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (csv.trim()) importCsv.mutate();
  };

  const report = importCsv.data;

  return (
    <details className="import-section">
      <summary>Import customers or orders from CSV</summary>
      <form className="import-form" onSubmit={onSubmit} aria-describedby={resultId}>
        <fieldset className="inline-radios">
          <legend>What are you importing?</legend>
          {(['customers', 'orders'] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="import-kind"
                value={value}
                checked={kind === value}
                onChange={() => {
                  setKind(value);
                  importCsv.reset();
                }}
              />
              {value === 'customers' ? 'Customers' : 'Orders'}
            </label>
          ))}
        </fieldset>
        <p className="field-hint">
          First line: <code>{headers[kind]}</code>
        </p>
        <Field label="CSV file" hint={fileName ? `Loaded ${fileName}` : undefined}>
          <input type="file" accept=".csv,text/csv" onChange={(event) => onFile(event.target.files?.[0])} />
        </Field>
        <Field label="Or paste the CSV here">
          <textarea rows={8} value={csv} onChange={(event) => setCsv(event.target.value)} spellCheck={false} className="mono" />
        </Field>
        <button type="submit" className="button-primary" disabled={importCsv.isPending || !csv.trim()}>
          {importCsv.isPending ? 'Importing…' : `Import ${kind}`}
        </button>
        <div id={resultId} aria-live="polite">
          <ErrorMessage error={importCsv.error} />
          {report ? (
            <div className="import-report" data-testid="import-report">
              <p>
                <strong>{report.imported}</strong> imported, <strong>{report.updated}</strong> updated,{' '}
                <strong>{report.rejected.length}</strong> rejected.
              </p>
              {report.rejected.length > 0 ? (
                <div className="table-wrap">
                  <table className="data-table">
                    <caption>Rows we could not take</caption>
                    <thead>
                      <tr>
                        <th scope="col">Row</th>
                        <th scope="col">Why</th>
                      </tr>
                    </thead>
                    <tbody>
                      {report.rejected.map((rejection) => (
                        <tr key={`${rejection.row}-${rejection.reason}`}>
                          <td>{rejection.row}</td>
                          <td>{rejection.reason}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
            </div>
          ) : null}
        </div>
      </form>
    </details>
  );
}
