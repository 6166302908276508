import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestClient } from './test-server';

/** The example assessments shipped in `examples/`, by folder name. */
export const EXAMPLE_NAMES = ['pharma-tablet-plant', 'water-treatment'] as const;

/** The text of one example assessment (YAML, with its comments). */
export const exampleText = (name: (typeof EXAMPLE_NAMES)[number]): string =>
  readFileSync(
    fileURLToPath(new URL(`../../../../examples/${name}/assessment.yaml`, import.meta.url)),
    'utf8',
  );

/** Sends an assessment text to `POST …/import` as `client`: raw YAML, or the JSON `{format, text}` form. */
export const importText = (
  client: TestClient,
  projectId: string,
  text: string,
  format: 'yaml' | 'json' = 'yaml',
): Promise<Response> =>
  format === 'yaml'
    ? client.request('POST', `/api/projects/${projectId}/import`, text, {
        headers: { 'content-type': 'application/yaml' },
      })
    : client.request('POST', `/api/projects/${projectId}/import`, { format, text });

/**
 * Creates a project as `client` and imports `text` into it (YAML unless told), failing loudly if either step is
 * refused; returns the project id.
 */
export const createImportedProject = async (
  client: TestClient,
  text: string,
  options: { readonly name?: string; readonly format?: 'yaml' | 'json' } = {},
): Promise<string> => {
  const created = await client.request('POST', '/api/projects', { name: options.name ?? 'Imported plant' });
  if (created.status !== 201) throw new Error(`creating a project answered ${created.status}`);
  const { id } = (await created.json()) as { id: string };
  const imported = await importText(client, id, text, options.format);
  if (imported.status !== 200)
    throw new Error(`importing answered ${imported.status}: ${await imported.text()}`);
  return id;
};
