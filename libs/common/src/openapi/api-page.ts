import type { JsonSchema, OpenApiDocument, Operation } from './openapi-document.js';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** A field's form in a few words: `string ≤100`, `one of LETTER, VISIT`, `array of object`. */
function form(schema: JsonSchema | undefined): string {
  if (!schema) return '';
  const values = schema.enum as unknown[] | undefined;
  if (values) return `one of ${values.map(String).join(', ')}`;
  if (schema.anyOf) return (schema.anyOf as JsonSchema[]).map(form).join(' or ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  const limit = (key: string, text: (n: number) => string) => {
    const value = schema[key];
    return typeof value === 'number' ? text(value) : '';
  };
  const limits = [
    typeof schema.format === 'string' ? schema.format : '',
    limit('minLength', (n) => `≥${n} chars`),
    limit('maxLength', (n) => `≤${n} chars`),
    limit('minimum', (n) => `≥${n}`),
    limit('maximum', (n) => `≤${n}`),
  ].filter(Boolean);
  const items = type === 'array' ? ` of ${form(schema.items as JsonSchema)}` : '';
  return `${type}${items}${limits.length ? ` (${limits.join(', ')})` : ''}`;
}

interface Field {
  name: string;
  where: string;
  required: boolean;
  schema?: JsonSchema;
}

function rows(fields: Field[]) {
  return fields
    .map(
      (f) =>
        `<tr><td><code>${escape(f.name)}</code></td><td>${escape(f.where)}</td><td>${
          f.required ? 'required' : ''
        }</td><td>${escape(form(f.schema))}</td></tr>`,
    )
    .join('');
}

function section(method: string, path: string, op: Operation): string {
  const who =
    op.security.length === 0
      ? 'public'
      : op['x-roles']
        ? `staff: ${op['x-roles'].join(', ')}`
        : 'any signed-in staff';
  const fields: Field[] = op.parameters.map((p) => ({
    name: p.name,
    where: p.in,
    required: p.required,
    schema: p.schema,
  }));
  const [mediaType, content] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
  const body = content?.schema;
  for (const [name, schema] of Object.entries(body?.properties ?? {})) {
    fields.push({
      name,
      where: mediaType === 'multipart/form-data' ? 'form field (file)' : 'body',
      required: (body?.required ?? []).includes(name),
      schema,
    });
  }
  return `<section><h3><code>${method.toUpperCase()} ${escape(path)}</code> <small>${escape(who)}</small></h3>
${op.description ? `<p>${escape(op.description)}</p>` : ''}
${fields.length ? `<table><tr><th>field</th><th>in</th><th></th><th>form</th></tr>${rows(fields)}</table>` : ''}
${body ? `<details><summary>body schema (${escape(mediaType ?? '')})</summary><pre>${escape(JSON.stringify(body, null, 2))}</pre></details>` : ''}
<p class="status">answers ${Object.keys(op.responses).join(', ')}</p></section>`;
}

/** A page a person reads: every operation with who may call it and its fields. */
export function renderApiPage(document: OpenApiDocument): string {
  const sections = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => section(method, path, op)),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(document.info.title)} API</title>
<style>body{font:14px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
section{border-top:1px solid #ddd;padding:.5rem 0}h3{font-size:1rem;margin:.5rem 0}small{color:#666;font-weight:normal}
table{border-collapse:collapse}td,th{border:1px solid #eee;padding:2px 8px;text-align:left;vertical-align:top}
pre{background:#f6f6f6;padding:.5rem;overflow:auto}.status{color:#666}</style></head>
<body><h1>${escape(document.info.title)} API</h1><p>${escape(document.info.description)}</p>
<p>The machine-readable document: <a href="/api/docs/openapi.json">/api/docs/openapi.json</a> (OpenAPI ${escape(document.openapi)}).
Errors are <code>{statusCode, code, message, messages: {zh, en}, errors: [{field, label, code, messages}]}</code>.</p>
${sections.join('\n')}
</body></html>`;
}
