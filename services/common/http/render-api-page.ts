/**
 * A service's /docs page: its HTTP routes from its OpenAPI document (method, path, summary), a link to
 * the document itself, and the directory of every API of the hub.
 */
import type { Request } from 'express';
import { escapeHtml, renderApiDirectory, type ServiceName } from './api-directory.js';

export interface OpenApiDocument {
  info: { title: string; description: string };
  paths: Record<string, object>;
}

export function renderApiPage(
  self: ServiceName,
  document: OpenApiDocument,
  documentPath: string,
  request: Pick<Request, 'hostname' | 'protocol'>,
): string {
  const rows = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations as Record<string, { summary: string }>).map(
      ([method, operation]) =>
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(operation.summary)}</td></tr>`,
    ),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(document.info.title)} API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem}td,th{border:1px solid #ccc;padding:.3rem .6rem}table{border-collapse:collapse}</style></head>
<body><h1>${escapeHtml(document.info.title)}</h1><p>${escapeHtml(document.info.description)}</p>
<table><tr><th>Method</th><th>Path</th><th>What</th></tr>${rows.join('')}</table>
<p>Machine-readable: <a href="${documentPath}">${documentPath}</a> (OpenAPI 3.1).</p>
${renderApiDirectory(self, request)}</body></html>`;
}
