import assert from 'node:assert/strict';
import { idNumberCheckChar } from '#common';
import { DEMO_PASSWORD } from '../../apps/cli/src/commands/seed-demo.js';

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export async function request<T = Record<string, unknown>>(
  method: string,
  url: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    },
    ...(options.body !== undefined && {
      body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : {}) as T,
    headers: response.headers,
  };
}

export async function login(routingUrl: string, username: string, password = DEMO_PASSWORD) {
  const response = await request<{ accessToken: string }>(
    'POST',
    `${routingUrl}/api/v1/auth/login`,
    {
      body: { username, password },
    },
  );
  if (response.status !== 200) throw new Error(`login of ${username} failed: ${response.status}`);
  return response.body.accessToken;
}

/**
 * Registers a letter about housing in 船山区 as staff (the prefecture bureau's registrar): the
 * county housing bureau leads on it. Its receipt.
 */
export async function registerHousingLetter(
  intakeUrl: string,
  token: string | undefined,
  overrides: Record<string, unknown> = {},
) {
  const response = await request<{ caseNo: string; queryCode: string }>(
    'POST',
    `${intakeUrl}/api/v1/petitions`,
    {
      token,
      body: samplePetition({
        channel: 'LETTER',
        category: 'HOUSING',
        divisionCode: '510903',
        ...overrides,
      }),
    },
  );
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body;
}

/** Registers a petition through the public form, which must take it: its receipt. */
export async function submitPetition(intakeUrl: string, body: Record<string, unknown>) {
  const response = await request<{ caseNo: string; queryCode: string }>(
    'POST',
    `${intakeUrl}/api/v1/public/petitions`,
    { body },
  );
  assert.equal(response.status, 201);
  return response.body;
}

/** A petition as the public form sends it. The people are invented; the ID number is valid. */
export function samplePetition(overrides: Record<string, unknown> = {}) {
  return {
    title: '锦绣华庭逾期一年多不交房',
    content:
      '我是锦绣华庭7栋的购房业主，合同约定2024年底交房，至今未交房，请求政府督促开发商复工。',
    divisionCode: '510903012',
    address: '遂宁市船山区慈音街道锦绣华庭小区7栋',
    personCount: 1,
    petitioners: [{ name: '李晓燕', idNumber: '510903198809010006', phone: '13280837583' }],
    ...overrides,
  };
}

/** A second petitioner, for a new case rather than a repeat of the sample's. */
export const OTHER_PETITIONER = {
  name: '王建华',
  idNumber: '510921198507230014',
  phone: '13908251234',
};

export const SAMPLE_PERSONAL_DATA = [
  '李晓燕',
  '510903198809010006',
  '13280837583',
  '锦绣华庭小区7栋',
];

/** A distinct, valid petitioner for request n: a new person, so a new case rather than a repeat. */
export function distinctPetitioner(n: number) {
  const birth = new Date(Date.UTC(1960, 0, 1) + (n % 15_000) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const body = `510903${ymd}${String(Math.floor(n / 15_000) % 1000).padStart(3, '0')}`;
  return {
    name: '压测信访人',
    idNumber: body + idNumberCheckChar(body),
    phone: `139${String(n).padStart(8, '0')}`,
  };
}
