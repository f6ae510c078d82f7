import { Button, Card, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Me } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { day, minute } from '../portal/dates';
import { chinaIso } from './CasePage';
import { staffCall } from './session';
import { caseNotices } from './supervision/caseNotices';
import type { SupervisionNotice } from './supervision/types';
import { FormError } from '../shell/FormError';
import { useSending } from '../shell/useSending';

/** The service's limits on an answer (routing supervision.schemas.ts answerSchema). */
const ANSWER = { min: 5, max: 5000 } as const;

/** Whether `me` answers this notice: it is open and addressed to their unit, which handles. */
export function answersNotice(notice: SupervisionNotice, me: Me): boolean {
  const handles = me.roles.includes('handler') || me.roles.includes('unit_leader');
  return notice.status === 'OPEN' && handles && notice.unitCode === me.unit?.code;
}

/** 督办: the case's supervision notices, and the unit's answer to those addressed to it. */
export function CaseSupervision({ caseNo, me }: { caseNo: string; me: Me }) {
  const i18n = useI18n();
  const [notices, setNotices] = useState<SupervisionNotice[]>([]);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(
    () =>
      caseNotices(caseNo).then((found) => {
        setNotices(found);
        setError(null);
      }, setError),
    [caseNo],
  );

  useEffect(() => {
    void load();
  }, [load]);

  if (notices.length === 0 && error === null) return null;
  return (
    <Card title={i18n.t('caseSupervision.title')} data-testid="case-supervision">
      <FormError error={error} />
      <List
        dataSource={notices}
        renderItem={(notice) => (
          <List.Item>
            <Notice notice={notice} me={me} onAnswered={() => void load()} caseNo={caseNo} />
          </List.Item>
        )}
      />
    </Card>
  );
}

function Notice({
  notice,
  me,
  caseNo,
  onAnswered,
}: {
  notice: SupervisionNotice;
  me: Me;
  caseNo: string;
  onAnswered: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { sending, error, send: run } = useSending();
  const send = ({ answer }: { answer: string }) =>
    run(async () => {
      await staffCall(
        'POST',
        `/api/v1/workbench/cases/${encodeURIComponent(caseNo)}/supervision/${notice.id}/answer`,
        { answer: answer.trim() },
      );
      onAnswered();
    });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Tag color={notice.status === 'OPEN' ? 'red' : 'green'}>
          {t(`caseSupervision.status.${notice.status}`)}
        </Tag>
        <Typography.Text>
          {t('caseSupervision.issued', { at: minute(chinaIso(notice.issuedAt)) })}
        </Typography.Text>
        <Typography.Text>
          {t('caseSupervision.answerBy', { day: day(chinaIso(notice.answerDueAt)) })}
        </Typography.Text>
      </Space>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
        {notice.instructions}
      </Typography.Paragraph>
      {notice.answer !== null && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
          <Typography.Text strong>{t('caseSupervision.answer')}：</Typography.Text>
          {notice.answer}
        </Typography.Paragraph>
      )}
      {answersNotice(notice, me) && (
        <Form<{ answer: string }> layout="vertical" onFinish={(values) => void send(values)}>
          <Form.Item
            name="answer"
            label={t('caseSupervision.answerLabel')}
            rules={[
              { required: true, whitespace: true, message: t('form.required') },
              { min: ANSWER.min, message: t('form.minLength', { n: ANSWER.min }) },
              { max: ANSWER.max, message: t('form.maxLength', { n: ANSWER.max }) },
            ]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
          <FormError error={error} style={{ marginBottom: 16 }} />
          <Button type="primary" htmlType="submit" loading={sending}>
            {t('caseSupervision.send')}
          </Button>
        </Form>
      )}
    </Space>
  );
}
