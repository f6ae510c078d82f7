import { eventually } from './eventually.js';
import { request } from './http.js';
import type { TestSmsc } from './test-smsc.js';

/**
 * Asks intake for an SMS code to the phone, as the online form does, and reads it from the SMS
 * the test SMSC received (notify sends it).
 */
export async function smsCodeFor(
  intakeUrl: string,
  smsc: TestSmsc,
  phone: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const seen = smsc.messages().filter((m) => m.destination === phone).length;
  const asked = await request('POST', `${intakeUrl}/api/v1/public/phone-verifications`, {
    body: { phone },
    headers,
  });
  if (asked.status !== 202) {
    throw new Error(
      `code request for a phone refused: ${asked.status} ${JSON.stringify(asked.body)}`,
    );
  }
  const sms = await eventually(
    () =>
      smsc
        .messages()
        .filter((m) => m.destination === phone)
        .slice(seen)
        .find((m) => m.text.includes('验证码')),
    'the verification SMS',
  );
  const code = /验证码为(\d{6})/.exec(sms.text)?.[1];
  if (!code) throw new Error('no code in the verification SMS');
  return code;
}
