import {
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  List,
  Radio,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { apiRequest } from '../api/client';
import type { Evaluation, PublicCaseView, Receipt } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { day, minute } from './dates';
import { LIMITS, reviewReasonRules, trackingRules } from './rules';
import { FormError } from '../shell/FormError';
import { useSending } from '../shell/useSending';

/** The public calls about a case take the query code in their query string (never the page's). */
function casePath(key: Receipt, action = '') {
  return `/api/v1/public/petitions/${encodeURIComponent(key.caseNo)}${action}?queryCode=${encodeURIComponent(key.queryCode)}`;
}

/** 查询进展: the case number and query code are kept in this page's state only. */
export function TrackCase({ initial }: { initial: Receipt | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [form] = Form.useForm<Receipt>();
  const [key, setKey] = useState<Receipt | null>(initial);
  const [view, setView] = useState<PublicCaseView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const rules = trackingRules(i18n);

  const load = useCallback(async (which: Receipt) => {
    setLoading(true);
    setError(null);
    try {
      setView(await apiRequest<PublicCaseView>('GET', casePath(which)));
      setKey(which);
    } catch (failure) {
      setView(null);
      setError(failure);
    } finally {
      setLoading(false);
    }
  }, []);

  // The receipt handed over on arrival (the portal mounts this anew for each receipt).
  useEffect(() => {
    if (initial) void load(initial);
  }, [initial, load]);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Form<Receipt>
        form={form}
        layout="vertical"
        initialValues={initial ?? undefined}
        onFinish={(values) =>
          void load({ caseNo: values.caseNo.trim(), queryCode: values.queryCode.trim() })
        }
      >
        <Form.Item name="caseNo" label={t('track.caseNo')} rules={rules.caseNo}>
          <Input placeholder="XF-510903-20261208-000001" autoComplete="off" />
        </Form.Item>
        <Form.Item name="queryCode" label={t('track.queryCode')} rules={rules.queryCode}>
          <Input.Password autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading}>
          {t('track.search')}
        </Button>
      </Form>
      <FormError error={error} />
      {view && key && <CaseProgress view={view} onChanged={() => void load(key)} caseKey={key} />}
    </Space>
  );
}

function CaseProgress({
  view,
  caseKey,
  onChanged,
}: {
  view: PublicCaseView;
  caseKey: Receipt;
  onChanged: () => void;
}) {
  const i18n = useI18n();
  const { t, label, pick } = i18n;
  const lead = view.handlingUnits.find((u) => u.role === 'LEAD');
  return (
    <Space
      orientation="vertical"
      size="middle"
      style={{ width: '100%' }}
      data-testid="case-progress"
    >
      <Card title={view.title}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('track.caseNo')}>{view.caseNo}</Descriptions.Item>
          <Descriptions.Item label={t('track.status')}>
            <Tag color="blue" data-testid="case-status">
              {label('status', view.status, view.statusLabel)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('track.receivedAt')}>
            {day(view.receivedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('track.units')}>
            {view.handlingUnits.length === 0
              ? t('track.noUnitYet')
              : view.handlingUnits.map((u) => (
                  <div key={`${u.name}-${u.role}`}>
                    {u.name} ({label('role', u.role, u.roleLabel)} ·{' '}
                    {label('stage', u.stage, u.stageLabel)})
                  </div>
                ))}
          </Descriptions.Item>
          {view.deadlines.map((d) => (
            <Descriptions.Item
              key={`${d.kind}-${d.dueAt}`}
              label={label('deadline', d.kind, d.kindLabel)}
            >
              {t('track.dueBy', { day: day(d.dueAt) })}
              {d.status !== 'OPEN' && ` (${t('track.deadlineClosed')})`}
              {d.provisional && ` (${t('track.provisional')})`}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Card title={t('track.nextSteps')}>
        <List
          dataSource={view.nextSteps}
          renderItem={(step) => <List.Item data-testid="next-step">{pick(step)}</List.Item>}
        />
        {!lead && view.nextSteps.length === 0 && (
          <Typography.Text>{t('track.none')}</Typography.Text>
        )}
      </Card>
      {view.replies.length > 0 && (
        <Card title={t('track.replies')}>
          <List
            dataSource={view.replies}
            renderItem={(reply) => (
              <List.Item>
                <Space orientation="vertical">
                  <Typography.Text strong>
                    {reply.unit.name} · {label('stage', reply.stage, reply.stageLabel)} ·{' '}
                    {day(reply.givenAt)}
                  </Typography.Text>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    {reply.text}
                  </Typography.Paragraph>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      {view.canEvaluate && <EvaluateReply caseKey={caseKey} onDone={onChanged} />}
      {view.replies.length > 0 && (
        <RequestReview caseKey={caseKey} window={view.reviewRequest} onDone={onChanged} />
      )}
      <Card title={t('track.timeline')}>
        <Timeline
          items={view.timeline.map((entry) => ({
            children: (
              <>
                <Typography.Text>{minute(entry.at)}</Typography.Text>{' '}
                {label('timeline', entry.type, entry.label)}
                {typeof entry.data.unitName === 'string' && ` · ${entry.data.unitName}`}
              </>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

/** 满意度评价, once per reply. */
function EvaluateReply({ caseKey, onDone }: { caseKey: Receipt; onDone: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { sending, error, send: run } = useSending();
  const send = (values: { evaluation: Evaluation; comment?: string }) =>
    run(async () => {
      await apiRequest('POST', casePath(caseKey, '/evaluation'), {
        body: {
          evaluation: values.evaluation,
          ...(values.comment?.trim() && { comment: values.comment.trim() }),
        },
      });
      onDone();
    });
  return (
    <Card title={t('evaluate.title')}>
      <Form<{ evaluation: Evaluation; comment?: string }>
        layout="vertical"
        onFinish={(values) => void send(values)}
      >
        <Form.Item
          name="evaluation"
          label={t('evaluate.question')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Radio.Group>
            <Space orientation="vertical">
              {(['SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED'] as const).map((value) => (
                <Radio key={value} value={value}>
                  {i18n.label('evaluation', value)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('evaluate.comment')}
          rules={[
            { max: LIMITS.commentMax, message: t('form.maxLength', { n: LIMITS.commentMax }) },
          ]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <FormError error={error} style={{ marginBottom: 16 }} />
        <Button type="primary" htmlType="submit" loading={sending}>
          {t('evaluate.send')}
        </Button>
      </Form>
    </Card>
  );
}

/**
 * 复查 / 复核: offered once there is a reply. Within the window the last day is shown; outside
 * it the request may still be made, and the API's reason for refusing it is shown as it is.
 */
function RequestReview({
  caseKey,
  window,
  onDone,
}: {
  caseKey: Receipt;
  window: PublicCaseView['reviewRequest'];
  onDone: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { sending, error, send: run } = useSending();
  const stage = window?.stage === 'RE_REVIEW' ? 'reReview' : 'review';
  const send = (values: { reason: string }) =>
    run(async () => {
      await apiRequest('POST', casePath(caseKey, '/review-requests'), {
        body: { reason: values.reason.trim() },
      });
      onDone();
    });
  return (
    <Card title={t(window ? `review.${stage}Title` : 'review.title')}>
      <Typography.Paragraph>
        {window ? t('review.window', { day: window.lastDay }) : t('review.noWindow')}
      </Typography.Paragraph>
      <Form<{ reason: string }> layout="vertical" onFinish={(values) => void send(values)}>
        <Form.Item name="reason" label={t('review.reason')} rules={reviewReasonRules(i18n)}>
          <Input.TextArea rows={4} maxLength={LIMITS.reviewReasonMax} />
        </Form.Item>
        <FormError error={error} style={{ marginBottom: 16 }} />
        <Button type="primary" htmlType="submit" loading={sending}>
          {t(window ? `review.${stage}Send` : 'review.send')}
        </Button>
      </Form>
    </Card>
  );
}
