/** @zonewise/server: the workbench HTTP API (Hono + OpenAPI) over @zonewise/store. */
export * from './app';
export * from './env';
export * from './errors';
export * from './auth/passwords';
export * from './auth/authenticate';
export * from './auth/access';
export * from './auth/bootstrap-admin';
export { parseTrustedProxies } from './auth/client-address';
export { rasteriseSvg } from './render/rasterise-svg';
export {
  CHROMIUM_INSTALL_HINT,
  DEFAULT_CHROMIUM_PATH,
  PdfEngineMissingError,
  printHtmlToPdf,
  printReportDocumentPdf,
  renderReportPdf,
  type PrintPdfOptions,
} from './render/print-pdf';
export * from './serve';
export * from './serve-workers';
export { webUiRoutes, DEFAULT_WEB_DIST } from './web-ui';
