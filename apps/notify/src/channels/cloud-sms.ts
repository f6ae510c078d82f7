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

/** One HTTPS call to a cloud API; network trouble and 5xx are worth another attempt. */
export async function callCloud(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new DeliveryError(timedOut ? 'HTTP_TIMEOUT' : 'HTTP_UNREACHABLE', true);
  }
  if (response.status >= 500) throw new DeliveryError(`HTTP_${response.status}`, true);
  try {
    return await response.json();
  } catch {
    throw new DeliveryError(`HTTP_${response.status}_NOT_JSON`, true);
  }
}
