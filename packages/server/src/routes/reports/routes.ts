import { createRoute, z } from '@hono/zod-openapi';
import {
  buildReportDocument,
  renderDocumentDocx,
  renderReportHtml,
  renderReportMarkdown,
} from '@zonewise/formats';
import type { ZonewiseApp } from '../../app';
import { requirePermission } from '../../auth/access';
import { authenticate } from '../../auth/authenticate';
import { AppError } from '../../errors';
import { PdfEngineMissingError, printReportDocumentPdf } from '../../render/print-pdf';
import { rasteriseSvg } from '../../render/rasterise-svg';
import { assessProject } from '../../services/project-model';
import { attachment, downloadFileName } from '../file-name';
import { presentDiagnostics } from '../present-diagnostics';
import { ErrorSchema, errorResponses, permission, ProjectParamsSchema } from '../schemas';

/** Media type and file extension of each report format. */
const FORMATS = {
  html: { type: 'text/html; charset=utf-8', extension: 'html' },
  md: { type: 'text/markdown; charset=utf-8', extension: 'md' },
  json: { type: 'application/json; charset=utf-8', extension: 'json' },
  docx: {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  },
  pdf: { type: 'application/pdf', extension: 'pdf' },
} as const;

/**
 * The HTML report is self-contained (inline CSS and SVG, no scripts), so it is served with a policy that forbids
 * scripts, plugins and outside requests outright: even a rendering bug could not run script from model data.
 */
const HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

const ReportQuerySchema = z.object({
  format: z.enum(['html', 'md', 'json', 'docx', 'pdf']).default('html'),
  document: z
    .enum(['full', 'crs'])
    .default('full')
    .openapi({ description: 'The full assessment report or the CRS document (ZCR 6)' }),
});

const report = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}/report',
  tags: ['Reports'],
  summary: 'Download the assessment report or the CRS (HTML, Markdown, JSON, Word, PDF)',
  description:
    'Rendered from the current revision, as `zonewise report` renders a file. Model text is escaped, never markup; ' +
    'the HTML is served with a Content-Security-Policy that allows no scripts. PDF needs Chromium on the server (503 ' +
    '`pdf-engine-missing` otherwise). A model that does not resolve answers 422 `model-invalid` with its diagnostics.',
  ...permission('read'),
  middleware: [authenticate, requirePermission('read')] as const,
  request: { params: ProjectParamsSchema, query: ReportQuerySchema },
  responses: {
    200: {
      description: 'The report, as an attachment',
      content: {
        'text/html': { schema: z.string() },
        'text/markdown': { schema: z.string() },
        'application/json': {
          schema: z.object({}).passthrough().openapi({ description: 'The engine results (or the CRS)' }),
        },
        [FORMATS.docx.type]: { schema: z.string().openapi({ format: 'binary' }) },
        'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...errorResponses(401, 404),
    422: {
      description:
        'Invalid query (`invalid-input`), or the model does not resolve (`model-invalid`, with diagnostics)',
      content: { 'application/json': { schema: ErrorSchema } },
    },
    503: {
      description: 'No PDF engine on the server',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

/** Reports of the current model, rendered on request (never stored: a baseline keeps what was approved). */
export const reportRoutes = (app: ZonewiseApp): void => {
  app.openapi(report, async (c) => {
    const { projectId } = c.req.valid('param');
    const { format, document } = c.req.valid('query');
    const result = await assessProject(c.get('deps'), projectId);
    if (result.assessment === undefined)
      throw new AppError(
        422,
        'model-invalid',
        'the model does not resolve; see GET …/assessment for the diagnostics',
        {
          diagnostics: presentDiagnostics(result.resolved.ok ? [] : result.resolved.diagnostics),
        },
      );
    const { model, assessment, project } = result;
    const options = { generatedAt: c.get('deps').store.now(), document } as const;
    c.header(
      'Content-Disposition',
      attachment(
        downloadFileName(project.name, document === 'crs' ? 'crs' : 'report', FORMATS[format].extension),
      ),
    );
    c.header('Content-Type', FORMATS[format].type);
    c.header('ETag', `"${result.revision}"`);
    switch (format) {
      case 'html':
        c.header('Content-Security-Policy', HTML_POLICY);
        return c.body(renderReportHtml(model, assessment, options), 200);
      case 'md':
        return c.body(renderReportMarkdown(model, assessment, options), 200);
      case 'json':
        return c.body(`${JSON.stringify(document === 'crs' ? assessment.crs : assessment, null, 2)}\n`, 200);
      case 'docx': {
        const bytes = await renderDocumentDocx(buildReportDocument(model, assessment, options), {
          rasterise: rasteriseSvg,
        });
        return c.body(new Uint8Array(bytes), 200);
      }
      case 'pdf':
        try {
          const bytes = await printReportDocumentPdf(buildReportDocument(model, assessment, options));
          return c.body(new Uint8Array(bytes), 200);
        } catch (error) {
          if (error instanceof PdfEngineMissingError)
            throw new AppError(503, 'pdf-engine-missing', error.message);
          throw error;
        }
    }
  });
};
