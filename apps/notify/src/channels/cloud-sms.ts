import { DeliveryError, type OutgoingMessage } from './channel.js';

/** Our template name → the provider's approved template and the order of its parameters. */
export type SmsTemplateMap = Record<string, { code: string; params: string[] }>;

/** The provider's template for a message and its parameters, in the template's order. */
export function providerTemplate(map: SmsTemplateMap, message: OutgoingMessage) {
  const template = map[message.template];
  if (!template) throw new DeliveryError('TEMPLATE_NOT_MAPPED', false);
  const params = template.params.map((name) => {
    const value = message.params[name];
    if (value === undefined) throw new DeliveryError('TEMPLATE_PARAM_MISSING', false);
    return [name, value] as const;
  });
  return { code: template.code, params };
}

/** Network errors raised before a request could leave: nothing was handed over. */
export const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/**
 * An HTTP error status from a cloud: its gateway saying it is down (502-504) is an outage, so
 * nothing was handed over; any other is worth another attempt.
 */
export function httpStatusFailure(status: number): DeliveryError {
  if (status >= 502 && status <= 504) {
    return new DeliveryError(`HTTP_${String(status)}`, true, 'UNREACHABLE');
  }
  return new DeliveryError(`HTTP_${String(status)}`, true);
}
