import { createRoute, z } from '@hono/zod-openapi';
import {
  buildRegisters,
  renderRegisterCsv,
  renderZoneConduitDiagram,
  writeRegistersCsv,
  writeRegistersXlsx,
} from '@zonewise/formats';
import JSZip from 'jszip';
import type { Context } from 'hono';
import type { ZonewiseApp } from '../../app';
import { requirePermission } from '../../auth/access';
import { actorOf } from '../../auth/actor';
import { authenticate } from '../../auth/authenticate';
import type { AppEnv, ServerDeps } from '../../env';
import { AppError, badRequest } from '../../errors';
import { rasteriseSvg } from '../../render/rasterise-svg';
import { assessProject } from '../../services/project-model';
import { presentDiagnostics } from '../present-diagnostics';
import { ErrorSchema, errorResponses, permission, ProjectParamsSchema } from '../schemas';
import { attachment, downloadFileName } from '../file-name';
import { importRegisterWorkbook } from './import-register-workbook';
import {
  DiagramQuerySchema,
  RegisterImportQuerySchema,
  RegisterImportResultSchema,
  RegistersQuerySchema,
} from './schema';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const BINARY = z.string().openapi({ format: 'binary' });
const TAGS = ['Downloads'];
const MODEL_INVALID =
  'A model that does not resolve answers 422 `model-invalid` with its diagnostics (fix them, then download).';

/** SVG can carry script; ours carries none, and this policy keeps it so even when opened from the API origin. */
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

const modelInvalidResponse = {
  422: {
    description: 'Invalid query, or the model does not resolve (`model-invalid`, with diagnostics)',
    content: { 'application/json': { schema: ErrorSchema } },
  },
};

const registers = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}/registers',
  tags: TAGS,
  summary: 'Download the registers: an Excel workbook, a zip of CSV files, or one register as CSV',
  description:
    'The asset, zone/conduit, risk, compliance, countermeasure and vulnerability registers of the current revision, ' +
    'as `zonewise export registers` writes them (frozen headers, filters, status validation, heat maps; formula ' +
    'text is inert). Orange columns are editable and come back with `POST …/registers/import`. ' +
    MODEL_INVALID,
  ...permission('read'),
  middleware: [authenticate, requirePermission('read')] as const,
  request: { params: ProjectParamsSchema, query: RegistersQuerySchema },
  responses: {
    200: {
      description: 'The registers, as an attachment',
      content: {
        [XLSX_TYPE]: { schema: BINARY },
        'application/zip': { schema: BINARY },
        'text/csv': { schema: z.string() },
      },
    },
    ...errorResponses(401, 404),
    ...modelInvalidResponse,
  },
});

const diagram = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}/diagram',
  tags: TAGS,
  summary: 'Download the zone/conduit diagram as SVG or PNG',
  description:
    'Laid out by ELK as `zonewise diagram` lays it out: zones as containers, conduits labelled with SL-T and ' +
    `protocols. PNG is rasterised by resvg. ${MODEL_INVALID}`,
  ...permission('read'),
  middleware: [authenticate, requirePermission('read')] as const,
  request: { params: ProjectParamsSchema, query: DiagramQuerySchema },
  responses: {
    200: {
      description: 'The diagram, as an attachment',
      content: { 'image/svg+xml': { schema: z.string() }, 'image/png': { schema: BINARY } },
    },
    ...errorResponses(401, 404),
    ...modelInvalidResponse,
  },
});

const importWorkbook = createRoute({
  method: 'post',
  path: '/api/projects/{projectId}/registers/import',
  tags: TAGS,
  summary: 'Bring an edited register workbook back: statuses, owners, due dates, evidence',
  description:
    'Send the workbook from `GET …/registers` (body: the .xlsx bytes). Rows are matched by id as ' +
    '`zonewise import registers` matches them and reported as added, updated, unchanged or skipped with sheet and ' +
    'row. An unknown id, a bad status or a bad date answers 422 with every problem (sheet, row, column) and stores ' +
    'nothing. Otherwise every changed entity is written in one atomic batch (one audit record each); an entity ' +
    'edited by someone else since this request read it answers 409 `revision-conflict`. A workbook exported from ' +
    'an older model gets the warning `register-model-changed`. `?dryRun=true` reports without storing.',
  ...permission('edit'),
  middleware: [authenticate, requirePermission('edit')] as const,
  request: {
    params: ProjectParamsSchema,
    query: RegisterImportQuerySchema,
    body: { required: false, content: { [XLSX_TYPE]: { schema: BINARY } } },
  },
  responses: {
    200: {
      description: 'The change report',
      content: { 'application/json': { schema: RegisterImportResultSchema } },
    },
    ...errorResponses(400, 401, 403, 404, 409, 413, 422),
  },
});

/** The project's model and assessment, or 422 `model-invalid` with the diagnostics that stop it. */
const assessedOrRefuse = async (deps: ServerDeps, projectId: string) => {
  const result = await assessProject(deps, projectId);
  if (result.assessment === undefined)
    throw new AppError(422, 'model-invalid', 'the model does not resolve; fix its diagnostics first', {
      diagnostics: presentDiagnostics(result.resolved.ok ? [] : result.resolved.diagnostics),
    });
  return result;
};

const sendFile = (
  c: Context<AppEnv>,
  bytes: Uint8Array | string,
  type: string,
  fileName: string,
  revision: number,
) => {
  c.header('Content-Type', type);
  c.header('Content-Disposition', attachment(fileName));
  c.header('ETag', `"${revision}"`);
  return c.body(typeof bytes === 'string' ? bytes : new Uint8Array(bytes), 200);
};

/**
 * Deliverables people file, downloaded from the workbench: the registers (Excel or CSV), the zone/conduit diagram
 * (SVG or PNG), and the edited register workbook brought back in. Rendered from the current revision on request.
 */
export const downloadRoutes = (app: ZonewiseApp): void => {
  app.openapi(registers, async (c) => {
    const { projectId } = c.req.valid('param');
    const { format, register, bom } = c.req.valid('query');
    const deps = c.get('deps');
    const { model, assessment, project, revision } = await assessedOrRefuse(deps, projectId);
    const generatedAt = deps.store.now();
    const set = buildRegisters(model, assessment, { generatedAt });
    if (format === 'xlsx') {
      const bytes = await writeRegistersXlsx(set, { generatedAt });
      return sendFile(c, bytes, XLSX_TYPE, downloadFileName(project.name, 'registers', 'xlsx'), revision);
    }
    if (register !== undefined) {
      const one = set.registers.find((entry) => entry.id === register);
      if (one === undefined) throw new Error(`register ${register} was not built`);
      const text = `${bom ? '\uFEFF' : ''}${renderRegisterCsv(one)}`;
      return sendFile(
        c,
        text,
        'text/csv; charset=utf-8',
        downloadFileName(project.name, register, 'csv'),
        revision,
      );
    }
    const zip = new JSZip();
    const date = new Date(generatedAt);
    for (const file of writeRegistersCsv(set, { withBom: bom })) zip.file(file.name, file.bytes, { date });
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    return sendFile(
      c,
      bytes,
      'application/zip',
      downloadFileName(project.name, 'registers-csv', 'zip'),
      revision,
    );
  });

  app.openapi(diagram, async (c) => {
    const { projectId } = c.req.valid('param');
    const { format, layout, width } = c.req.valid('query');
    const { model, assessment, project, revision } = await assessedOrRefuse(c.get('deps'), projectId);
    const figure = await renderZoneConduitDiagram(model, { layout, targets: assessment.targets });
    if (format === 'svg') {
      c.header('Content-Security-Policy', SVG_POLICY);
      return sendFile(
        c,
        `${figure.svg}\n`,
        'image/svg+xml; charset=utf-8',
        downloadFileName(project.name, 'zones', 'svg'),
        revision,
      );
    }
    const png = rasteriseSvg(figure.svg, width ?? Math.min(figure.width, 8000));
    return sendFile(c, png, 'image/png', downloadFileName(project.name, 'zones', 'png'), revision);
  });

  app.openapi(importWorkbook, async (c) => {
    const { projectId } = c.req.valid('param');
    const { dryRun } = c.req.valid('query');
    const contentType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (contentType !== XLSX_TYPE && contentType !== 'application/octet-stream')
      throw badRequest(
        'missing-body',
        `send the register workbook as ${XLSX_TYPE} (or application/octet-stream)`,
      );
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const result = await importRegisterWorkbook(c.get('deps'), projectId, bytes, {
      dryRun,
      actor: actorOf(c.get('identity')),
      fileName: 'registers.xlsx',
    });
    return c.json(result, 200);
  });
};
