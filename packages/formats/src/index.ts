// Public API of @zonewise/formats. Other packages import only from here.

export * from './rules-doc/render-rules-markdown';
