import type { FormInstance } from 'antd';
import { ApiError, formFieldName } from '../api/client';
import type { I18n } from '../i18n/i18n';

/** The service's word on each field, named as antd names a field (by its path). */
export function apiFieldErrors(
  error: unknown,
  pick: I18n['pick'],
): { name: (string | number)[]; errors: string[] }[] {
  if (!(error instanceof ApiError)) return [];
  return error.errors.map((e) => ({ name: formFieldName(e.field), errors: [pick(e.messages)] }));
}

/**
 * The service's word on each field, beside the field (不得少于2个字…). The API names fields by
 * path; antd's typed names cannot say an arbitrary path, hence the untyped form.
 */
export function showFieldErrors(form: FormInstance, failure: unknown, pick: I18n['pick']) {
  if (failure instanceof ApiError) form.setFields(apiFieldErrors(failure, pick));
}
