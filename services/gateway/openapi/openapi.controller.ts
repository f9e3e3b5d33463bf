/** GET /docs: the gateway's HTTP API for people; GET /docs/openapi.json: the same as OpenAPI 3.1. */
import { Controller, Get, Header } from '@nestjs/common';
import { OPENAPI_DOCUMENT } from './openapi-document.js';

@Controller('docs')
export class OpenApiController {
  @Get('openapi.json')
  document() {
    return OPENAPI_DOCUMENT;
  }

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    const rows = Object.entries(OPENAPI_DOCUMENT.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(
        ([method, operation]) =>
          `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escape(path)}</code></td><td>${escape(operation.summary)}</td></tr>`,
      ),
    );
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>DX Hub gateway API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem}td,th{border:1px solid #ccc;padding:.3rem .6rem}table{border-collapse:collapse}</style></head>
<body><h1>${escape(OPENAPI_DOCUMENT.info.title)}</h1><p>${escape(OPENAPI_DOCUMENT.info.description)}</p>
<table><tr><th>Method</th><th>Path</th><th>What</th></tr>${rows.join('')}</table>
<p>Machine-readable: <a href="/docs/openapi.json">/docs/openapi.json</a> (OpenAPI 3.1).</p></body></html>`;
  }
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
