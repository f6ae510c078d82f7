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
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/**
 * One HTTPS call to a cloud API. A cloud that cannot be reached, or whose gateway says it is
 * down (502-504), is an outage; a timeout or a connection lost mid-call is UNCERTAIN, since the
 * request may have been taken; other 5xx are worth another attempt.
 */
export async function callCloud(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new DeliveryError('HTTP_TIMEOUT', false, 'UNCERTAIN');
    }
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    if (cause && NOT_CONNECTED.has(cause)) {
      throw new DeliveryError('HTTP_UNREACHABLE', true, 'UNREACHABLE');
    }
    throw new DeliveryError('HTTP_CONNECTION_LOST', false, 'UNCERTAIN');
  }
  if (response.status >= 502 && response.status <= 504) {
    throw new DeliveryError(`HTTP_${response.status}`, true, 'UNREACHABLE');
  }
  if (response.status >= 500) throw new DeliveryError(`HTTP_${response.status}`, true);
  try {
    return await response.json();
  } catch {
    throw new DeliveryError(`HTTP_${response.status}_NOT_JSON`, true);
  }
}
