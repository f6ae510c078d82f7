import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formFieldName } from '../api/client';
import type { PublicCaseView } from '../api/types';
import { SubmitForm, toSubmission } from './SubmitForm';
import { TrackCase } from './TrackCase';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** As the app renders it: no space put into two-character button labels. */
function renderInApp(ui: ReactNode) {
  return render(<ConfigProvider button={{ autoInsertSpace: false }}>{ui}</ConfigProvider>);
}

function answer(status: number, body: unknown) {
  return Promise.resolve(new Response(JSON.stringify(body), { status }));
}

const fill = (label: string | RegExp, value: string) => {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
};

describe('the guided petition form', () => {
  it('does not go on while the matter is missing, and says what is required', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderInApp(<SubmitForm onTrack={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: '下一步' }));
    expect(await screen.findAllByText('必填')).toHaveLength(2);
    expect(screen.getByLabelText('标题')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses a title over 100 characters', async () => {
    renderInApp(<SubmitForm onTrack={() => undefined} />);
    fill('标题', '长'.repeat(101));
    fill('信访事项内容', '小区逾期一年多不交房。');
    fireEvent.click(screen.getByRole('button', { name: '下一步' }));
    expect(await screen.findByText('不得超过100个字')).toBeTruthy();
  });

  it('sends what the API takes: trimmed, the county code, an accusation, no empty code', () => {
    expect(
      toSubmission({
        title: ' 标题 ',
        content: ' 内容 ',
        accusation: true,
        division: ['51', '5109', '510903'],
        address: ' 船山区 ',
        personCount: 2,
        petitioners: [
          {
            name: ' 李晓燕 ',
            idNumber: '510903198809010006 ',
            phone: '13280837583',
            verificationCode: ' ',
          },
        ],
      }),
    ).toEqual({
      title: '标题',
      content: '内容',
      nature: 'ACCUSATION',
      divisionCode: '510903',
      address: '船山区',
      personCount: 2,
      petitioners: [{ name: '李晓燕', idNumber: '510903198809010006', phone: '13280837583' }],
    });
  });

  it("names the API's fields as the form does", () => {
    expect(formFieldName('petitioners[0].idNumber')).toEqual(['petitioners', 0, 'idNumber']);
    expect(formFieldName('title')).toEqual(['title']);
  });
});

const concluded: PublicCaseView = {
  caseNo: 'XF-510903-20261208-000001',
  title: '锦绣华庭逾期不交房',
  status: 'IN_REVIEW',
  statusLabel: '复查中',
  receivedAt: '2026-12-08T02:10:23+08:00',
  handlingUnits: [],
  deadlines: [],
  replies: [
    {
      stage: 'HANDLING',
      stageLabel: '办理',
      kind: 'REPLY',
      unit: { code: '510903-ZJJ', name: '船山区住房和城乡建设局' },
      legalBasis: null,
      text: '经核查，开发商已于本月复工。',
      givenAt: '2026-12-09T10:00:00+08:00',
    },
  ],
  evaluations: [],
  canEvaluate: false,
  reviewRequest: null,
  nextSteps: [],
  timeline: [],
};

describe('following a case', () => {
  it('checks the case number before asking', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderInApp(<TrackCase initial={null} />);
    fill('信访件编号', 'XF-123');
    fill('查询码', 'ABCDEF');
    fireEvent.click(screen.getByRole('button', { name: '查询' }));
    expect(await screen.findByText('编号格式如 XF-510903-20261208-000001')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it("shows the service's reason when a review request is refused", async () => {
    const fetch = vi.fn((_url: string, init?: RequestInit) =>
      init?.method === 'POST'
        ? answer(409, {
            statusCode: 409,
            code: 'NO_REPLY_YET',
            messages: { zh: '只有在收到书面处理意见后，才能申请复查', en: 'Only after the reply' },
          })
        : answer(200, concluded),
    );
    vi.stubGlobal('fetch', fetch);
    renderInApp(<TrackCase initial={{ caseNo: concluded.caseNo, queryCode: 'QUERYCODE1' }} />);
    await screen.findByText('经核查，开发商已于本月复工。');
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    expect(await screen.findByText('必填')).toBeTruthy();
    fill('不服的理由', '不服');
    expect(await screen.findByText('应为5至5000个字')).toBeTruthy();
    fill('不服的理由', '开发商并未复工。');
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    await waitFor(() => {
      expect(screen.getByRole('alert').textContent).toContain(
        '只有在收到书面处理意见后，才能申请复查',
      );
    });
    const [url] = fetch.mock.calls.at(-1) ?? [];
    expect(url).toBe(
      `/api/v1/public/petitions/${concluded.caseNo}/review-requests?queryCode=QUERYCODE1`,
    );
  });
});
