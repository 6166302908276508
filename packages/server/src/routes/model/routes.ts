import { createRoute, z } from '@hono/zod-openapi';
import { replaceProjectModel } from '@zonewise/store';
import type { ZonewiseApp } from '../../app';
import { requirePermission } from '../../auth/access';
import { actorOf } from '../../auth/actor';
import { authenticate } from '../../auth/authenticate';
import { badRequest, unprocessable } from '../../errors';
import { attachment, downloadFileName } from '../file-name';
import { presentDiagnostics } from '../present-diagnostics';
import { errorResponses, permission, ProjectParamsSchema } from '../schemas';
import { exportAssessment } from './export-assessment';
import { checkImport } from './import-assessment';
import { ExportQuerySchema, ImportEnvelopeSchema, ImportResultSchema } from './schema';

const YAML_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml'] as const;

const importModel = createRoute({
  method: 'post',
  path: '/api/projects/{projectId}/import',
  tags: ['Model'],
  summary: "Replace the project's model with an assessment file (YAML or JSON)",
  description:
    'Send raw YAML (`Content-Type: application/yaml`, `text/yaml`) or JSON `{format, text}` carrying the file text ' +
    'as a string (JSON files keep their exact bytes that way). The file is parsed, resolved and checked as a whole: ' +
    'any error answers 422 with every diagnostic (code, path, line, column) and stores nothing. On success every ' +
    'entity restarts at revision 1 and the text is kept, so an unchanged model exports byte for byte.',
  ...permission('edit'),
  middleware: [authenticate, requirePermission('edit')] as const,
  request: {
    params: ProjectParamsSchema,
    body: {
      // Not `required` in the schema sense: a required JSON schema would also be applied to YAML bodies.
      required: false,
      content: {
        'application/json': { schema: ImportEnvelopeSchema },
        ...Object.fromEntries(
          YAML_TYPES.map((type) => [type, { schema: z.string().openapi({ description: 'The YAML text' }) }]),
        ),
      },
    },
  },
  responses: {
    200: { description: 'Stored', content: { 'application/json': { schema: ImportResultSchema } } },
    ...errorResponses(400, 401, 403, 404, 413, 422),
  },
});

const exportModel = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}/export',
  tags: ['Model'],
  summary: "The project's model as an assessment file",
  description:
    'Unchanged since import: the imported text, byte for byte. After edits, YAML keeps the imported comments, key ' +
    'order and spelling with the edits merged in; JSON, and projects never imported, are written fresh. ' +
    'E-signatures are included as `approvals` (id `signature-<id>`), so the file is approved on its own. ' +
    '`ETag` is the project revision the file reflects.',
  ...permission('read'),
  middleware: [authenticate, requirePermission('read')] as const,
  request: { params: ProjectParamsSchema, query: ExportQuerySchema },
  responses: {
    200: {
      description: 'The assessment file (as an attachment)',
      content: {
        'application/yaml': { schema: z.string() },
        'application/json': { schema: z.string() },
      },
    },
    ...errorResponses(401, 404, 422),
  },
});

/** Import and export of the whole model as an assessment file (the interchange with the CLI and git). */
export const modelRoutes = (app: ZonewiseApp): void => {
  app.openapi(importModel, async (c) => {
    const { projectId } = c.req.valid('param');
    const contentType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    let input: { format: 'yaml' | 'json'; text: string };
    if ((YAML_TYPES as readonly string[]).includes(contentType))
      input = { format: 'yaml', text: await c.req.text() };
    else if (contentType === 'application/json') input = c.req.valid('json');
    else
      throw badRequest(
        'missing-body',
        'send the assessment file as application/yaml, or as JSON {format, text}',
      );
    const checked = checkImport(input.text, input.format);
    if (!checked.ok)
      throw unprocessable(
        `the assessment file has ${checked.diagnostics.filter((d) => d.severity === 'error').length} problem(s); nothing was stored`,
        presentDiagnostics(checked.diagnostics),
      );
    const stored = await replaceProjectModel(
      c.get('deps').store,
      projectId,
      { file: checked.file, formatVersion: checked.formatVersion, source: input },
      actorOf(c.get('identity')),
    );
    return c.json(
      {
        projectRevision: stored.projectRevision,
        entities: stored.entities,
        counts: checked.counts,
        warnings: presentDiagnostics(checked.warnings),
      },
      200,
    );
  });

  app.openapi(exportModel, async (c) => {
    const { projectId } = c.req.valid('param');
    const exported = await exportAssessment(c.get('deps'), projectId, c.req.valid('query').format);
    c.header(
      'Content-Type',
      exported.format === 'json' ? 'application/json; charset=utf-8' : 'application/yaml; charset=utf-8',
    );
    c.header('Content-Disposition', attachment(downloadFileName(exported.projectName, '', exported.format)));
    c.header('ETag', `"${exported.revision}"`);
    c.header('X-Zonewise-Export', exported.method);
    return c.body(exported.text, 200);
  });
};
