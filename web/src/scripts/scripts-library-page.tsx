import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { scriptsApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { Script, ScriptFields } from '../api/types';
import { languageName } from '../format/labels';
import { formatDateTime } from '../format/time';
import { usePageTitle } from '../shell/use-page-title';
import { ErrorMessage } from '../ui/error-message';
import { QueryState } from '../ui/states';
import { ScriptForm, stepOptions } from './script-form';

function stepLabel(step: string): string {
  return stepOptions.find((option) => option.id === step)?.label ?? step;
}

/** The script library for QA and admins: filter, write, edit (a new version each time), retire and restore. */
export function ScriptsLibraryPage() {
  usePageTitle('Scripts');
  const [includeRetired, setIncludeRetired] = useState(false);
  const [step, setStep] = useState('');
  const [language, setLanguage] = useState('');
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Script | 'new' | null>(null);
  const [history, setHistory] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const scripts = useQuery({ queryKey: queryKeys.scripts(includeRetired), queryFn: () => scriptsApi.list(includeRetired) });

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.scriptLists });
    void queryClient.invalidateQueries({ queryKey: ['assist'] });
  };
  const save = useMutation({
    mutationFn: ({ key, fields }: { key: string | null; fields: ScriptFields }) =>
      key ? scriptsApi.revise(key, fields) : scriptsApi.create(fields),
    onSuccess: (script) => {
      refresh();
      setEditing(null);
      setSaved(
        script.version > 1 ? `Saved “${script.title}” as version ${script.version}.` : `Added “${script.title}” to the library.`,
      );
    },
  });
  const retire = useMutation({
    mutationFn: ({ key, retired }: { key: string; retired: boolean }) =>
      retired ? scriptsApi.retire(key) : scriptsApi.restore(key),
    onSuccess: (script) => {
      refresh();
      setSaved(
        script.retiredAt
          ? `Retired “${script.title}”: it stays here but is no longer suggested.`
          : `“${script.title}” is back in use.`,
      );
    },
  });

  const items = scripts.data?.items ?? [];
  const languages = [...new Set(items.map((script) => script.language))].sort();
  const shown = items.filter((script) => {
    if (step && script.step !== step) return false;
    if (language && script.language !== language) return false;
    const words = query.toLowerCase().trim();
    return !words || `${script.title} ${script.body} ${script.id}`.toLowerCase().includes(words);
  });

  return (
    <section className="page scripts-page" aria-labelledby="scripts-title">
      <div className="page-header">
        <h1 id="scripts-title">Scripts</h1>
        <div className="page-actions">
          <button
            type="button"
            className="button-primary"
            data-testid="script-new"
            onClick={() => {
              save.reset();
              setSaved(null);
              setEditing('new');
            }}
          >
            New script
          </button>
        </div>
      </div>
      <p className="muted">
        Words agents can start from. Editing keeps every earlier version; retiring stops a script being suggested without losing
        it.
      </p>
      {saved ? (
        <p className="success" role="status">
          {saved}
        </p>
      ) : null}
      {editing === 'new' ? (
        <ScriptForm
          pending={save.isPending}
          error={save.error}
          submitLabel="Add to the library"
          onSubmit={(fields) => save.mutate({ key: null, fields })}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      <div className="filter-bar filter-selects">
        <label>
          Step
          <select value={step} onChange={(event) => setStep(event.target.value)} data-testid="scripts-filter-step">
            <option value="">Every step</option>
            {stepOptions.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Language
          <select value={language} onChange={(event) => setLanguage(event.target.value)} data-testid="scripts-filter-language">
            <option value="">Every language</option>
            {languages.map((code) => (
              <option key={code} value={code}>
                {languageName(code)}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Search
          <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
        </label>
        <label className="inline-choice">
          <input type="checkbox" checked={includeRetired} onChange={(event) => setIncludeRetired(event.target.checked)} /> Show
          retired
        </label>
      </div>
      <ErrorMessage error={retire.error} />
      <QueryState
        isPending={scripts.isPending}
        error={scripts.error}
        empty={scripts.data && shown.length === 0 ? 'No script matches these filters.' : false}
      />
      {shown.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Scripts, {shown.length} shown</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Step</th>
                <th scope="col">Language</th>
                <th scope="col">Version</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((script) => (
                <Fragment key={script.id}>
                  <tr data-testid="script-row" data-key={script.id} data-retired={script.retiredAt ? 'true' : 'false'}>
                    <td>
                      <strong>{script.title}</strong>
                      {script.retiredAt ? <span className="badge badge-retired">Retired</span> : null}
                      <div className="muted small">{script.id}</div>
                    </td>
                    <td>{stepLabel(script.step)}</td>
                    <td>{languageName(script.language)}</td>
                    <td>{script.version}</td>
                    <td>
                      <div className="button-row">
                        <button
                          type="button"
                          onClick={() => {
                            save.reset();
                            setSaved(null);
                            setEditing(script);
                          }}
                        >
                          Edit<span className="visually-hidden"> {script.title}</span>
                        </button>
                        <button
                          type="button"
                          aria-expanded={history === script.id}
                          onClick={() => setHistory(history === script.id ? null : script.id)}
                        >
                          History<span className="visually-hidden"> of {script.title}</span>
                        </button>
                        <button
                          type="button"
                          className="button-quiet"
                          disabled={retire.isPending}
                          onClick={() => retire.mutate({ key: script.id, retired: !script.retiredAt })}
                        >
                          {script.retiredAt ? 'Restore' : 'Retire'}
                          <span className="visually-hidden"> {script.title}</span>
                        </button>
                      </div>
                    </td>
                  </tr>
                  {editing !== 'new' && editing?.id === script.id ? (
                    <tr>
                      <td colSpan={5}>
                        <ScriptForm
                          initial={script}
                          pending={save.isPending}
                          error={save.error}
                          submitLabel={`Save as version ${script.version + 1}`}
                          onSubmit={(fields) => save.mutate({ key: script.id, fields })}
                          onCancel={() => setEditing(null)}
                        />
                      </td>
                    </tr>
                  ) : null}
                  {history === script.id ? (
                    <tr>
                      <td colSpan={5}>
                        <VersionHistory scriptKey={script.id} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function VersionHistory({ scriptKey }: { scriptKey: string }) {
  const versions = useQuery({ queryKey: queryKeys.scriptVersions(scriptKey), queryFn: () => scriptsApi.versions(scriptKey) });
  return (
    <div className="version-history" data-testid="script-versions">
      <QueryState isPending={versions.isPending} error={versions.error} />
      <ol className="plain-list">
        {(versions.data?.items ?? []).map((version) => (
          <li key={version.version} className="version">
            <p>
              <strong>Version {version.version}</strong> · {version.title} ·{' '}
              <span className="muted">
                {formatDateTime(version.createdAt)}
                {version.createdBy ? '' : ', shipped with Defuse'}
                {version.retiredAt ? `, retired ${formatDateTime(version.retiredAt)}` : ''}
              </span>
            </p>
            <p className="message-body small">{version.body}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
