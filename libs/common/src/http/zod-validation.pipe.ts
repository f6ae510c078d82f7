import { type PipeTransform } from '@nestjs/common';
import { z, type ZodType } from 'zod';
import { validationFailed, type Bilingual, type FieldError } from './errors.js';

const zh = z.locales.zhCN().localeError;
const en = z.locales.en().localeError;

function localise(issue: z.core.$ZodIssue): Bilingual {
  const params = (issue as { params?: Partial<Bilingual> }).params;
  if (params?.zh && params.en) return { zh: params.zh, en: params.en };
  const pick = (map: typeof zh) => {
    const result = map(issue as unknown as Parameters<typeof zh>[0]);
    return typeof result === 'string' ? result : (result?.message ?? issue.message);
  };
  return { zh: pick(zh), en: pick(en) };
}

function fieldPath(path: PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`))
    .join('');
}

export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: fieldPath(issue.path) || '(body)',
    code: (issue as { params?: { code?: string } }).params?.code ?? issue.code,
    messages: localise(issue),
  }));
}

/**
 * Validates a body or query with a zod schema. A rejected request gets a 400 listing every bad
 * field with the reason in Chinese and English; the handler never sees it.
 */
export class ZodValidationPipe<T extends ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const result = this.schema.safeParse(value, { reportInput: true });
    if (!result.success) throw validationFailed(toFieldErrors(result.error));
    return result.data;
  }
}
