import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { minute } from '../../portal/dates';
import { chinaIso } from '../CasePage';
import { staffCall } from '../session';
import { AccusedParties } from './AccusedParties';
import { useNamed, type QueuedCaseProps, type UnitChoice } from './shared';
import {
  decisionBinds,
  evidenceLabel,
  mostUrgentFirst,
  readingsOf,
  percent,
  type Reading,
} from './triage-rules';
import {
  CATEGORIES,
  NATURES,
  type TriageDecision,
  type TriageItem,
  type TriageQueue,
} from './types';
import { FormError } from '../../shell/FormError';
import { showFieldErrors } from '../../shell/fieldErrors';

// routing triage.schemas.ts: the reason kept with a correction.
const REASON_MAX = 500;

/** The triage queue (人工分办): every case waiting for a dispatcher, most urgent first. */
export function TriageQueueSection({ choice, round }: { choice: UnitChoice; round: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [queue, setQueue] = useState<TriageQueue | null>(null);
  const [error, setError] = useState<unknown>(null);
  const headingId = useId();

  const load = useCallback(async () => {
    setError(null);
    try {
      setQueue(await staffCall<TriageQueue>('GET', '/api/v1/triage?pageSize=100'));
    } catch (failure) {
      setError(failure);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load, round]);

  return (
    <section aria-labelledby={headingId}>
      <Typography.Title level={3} id={headingId}>
        {t('triage.queue')}
        {queue && ` · ${t('triage.queueTotal', { n: queue.total })}`}
      </Typography.Title>
      <FormError error={error} />
      {queue?.items.length === 0 && (
        <Typography.Paragraph>{t('triage.queueEmpty')}</Typography.Paragraph>
      )}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {mostUrgentFirst(queue?.items ?? []).map((item) => (
          <TriageCase key={item.caseNo} item={item} choice={choice} onChanged={() => void load()} />
        ))}
      </Space>
    </section>
  );
}

function TriageCase({ item, choice, onChanged }: QueuedCaseProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const named = useNamed();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState<string | null>(null);
  const [otherOpen, setOtherOpen] = useState(false);
  const headingId = useId();
  const readings = readingsOf(item);
  const firstDecision = readings.find((r) => r.decision)?.decision;
  const evidence = item.suggestion.evidence;
  const explain = (feature: string) =>
    evidenceLabel(feature, named, (label) => t('triage.evidenceTerms', { label }));

  const decide = async (decision: TriageDecision, key: string) => {
    setSending(key);
    setError(null);
    try {
      await staffCall(
        'POST',
        `/api/v1/triage/${encodeURIComponent(item.caseNo)}/decision`,
        decision,
      );
      void message.success(
        t('triage.decided', { caseNo: item.caseNo, unit: choice.nameOf(decision.unitCode) }),
      );
      onChanged();
    } catch (failure) {
      setError(failure);
      throw failure;
    } finally {
      setSending(null);
    }
  };

  return (
    <section aria-labelledby={headingId} data-testid="triage-item" data-case-no={item.caseNo}>
      <Card
        title={
          <Typography.Title level={4} id={headingId} style={{ margin: 0 }}>
            {item.caseNo} · {item.title}
          </Typography.Title>
        }
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t('triage.reasonLabel')} span={2}>
              <Space wrap size={4}>
                {named('why', item.triageReason)}
                {item.returns > 0 && <Tag>{t('triage.returns', { n: item.returns })}</Tag>}
                {item.majorReasons.map((reason) => (
                  <Tag key={reason} color="red">
                    {t('triage.major')} · {named('majorWhy', reason)}
                  </Tag>
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('triage.receivedAt')}>
              {minute(chinaIso(item.receivedAt))}
            </Descriptions.Item>
            <Descriptions.Item label={t('triage.waitingSince')}>
              {minute(chinaIso(item.waitingSince))}
            </Descriptions.Item>
            <Descriptions.Item label={t('triage.accused')} span={2}>
              <AccusedParties item={item} choice={choice} onChanged={onChanged} />
            </Descriptions.Item>
          </Descriptions>
          {decisionBinds(item) && <Alert type="warning" showIcon title={t('triage.binding')} />}
          <FormError error={error} />
          <div>
            <Typography.Title level={5}>{t('triage.suggestions')}</Typography.Title>
            {item.suggestions.length === 0 && (
              <Typography.Paragraph>{t('triage.noSuggestions')}</Typography.Paragraph>
            )}
            {evidence && evidence.nature.length > 0 && (
              <Typography.Paragraph>
                {t('triage.natureEvidence', {
                  words: [...new Set(evidence.nature.map(explain))].join('、'),
                })}
              </Typography.Paragraph>
            )}
            <Table<Reading>
              rowKey="rank"
              size="small"
              pagination={false}
              scroll={{ x: 760 }}
              dataSource={readings}
              columns={[
                { title: t('triage.rank'), dataIndex: 'rank', width: 56 },
                {
                  title: t('triage.category'),
                  key: 'category',
                  render: (_, c) => named('category', c.category),
                },
                {
                  title: t('triage.nature'),
                  key: 'nature',
                  render: (_, c) => named('nature', c.nature),
                },
                {
                  title: t('triage.probability'),
                  key: 'probability',
                  render: (_, c) => (c.probability === null ? '—' : percent(c.probability)),
                },
                {
                  title: t('triage.evidence'),
                  key: 'evidence',
                  render: (_, c) =>
                    c.evidence.length > 0 ? (
                      <Space wrap size={4}>
                        {c.evidence.map((word) => (
                          <Tag key={word}>{explain(word)}</Tag>
                        ))}
                      </Space>
                    ) : (
                      t('triage.noEvidence')
                    ),
                },
                {
                  title: t('triage.rule'),
                  key: 'rule',
                  render: (_, c) => named('rules', c.rule),
                },
                {
                  title: t('triage.unit'),
                  key: 'unit',
                  render: (_, c) => {
                    const { decision } = c;
                    if (!decision) return t('triage.noUnit');
                    const unit = choice.nameOf(decision.unitCode);
                    return (
                      <Button
                        type={decision === firstDecision ? 'primary' : 'default'}
                        aria-label={t('triage.decideToLabel', { rank: c.rank, unit })}
                        loading={sending === `choice-${c.rank}`}
                        disabled={sending !== null}
                        onClick={() =>
                          void decide(decision, `choice-${c.rank}`).catch(() => undefined)
                        }
                      >
                        {t('triage.decideTo', { unit })}
                      </Button>
                    );
                  },
                },
              ]}
            />
            {item.modelVersion && (
              <Typography.Paragraph style={{ marginTop: 8 }}>
                {t('triage.modelVersion', { version: item.modelVersion })}
              </Typography.Paragraph>
            )}
          </div>
          <Button aria-expanded={otherOpen} onClick={() => setOtherOpen((open) => !open)}>
            {t('triage.other')}
          </Button>
          {otherOpen && (
            <OtherDecision
              item={item}
              choice={choice}
              sending={sending === 'other'}
              onDecide={(decision) => decide(decision, 'other')}
              onCancel={() => setOtherOpen(false)}
            />
          )}
        </Space>
      </Card>
    </section>
  );
}

interface OtherForm {
  nature?: TriageDecision['nature'];
  category?: TriageDecision['category'];
  unitCode?: string;
  reason?: string;
}

/** A decision other than the suggestions: nature, category and unit as the dispatcher reads them. */
function OtherDecision({
  item,
  choice,
  sending,
  onDecide,
  onCancel,
}: {
  item: TriageItem;
  choice: UnitChoice;
  sending: boolean;
  onDecide: (decision: TriageDecision) => Promise<void>;
  onCancel: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const named = useNamed();
  const [form] = Form.useForm<OtherForm>();
  const required = { required: true, message: t('form.required') };

  const finish = (values: OtherForm) => {
    if (!values.nature || !values.category || !values.unitCode) return;
    const reason = values.reason?.trim();
    onDecide({
      nature: values.nature,
      category: values.category,
      unitCode: values.unitCode,
      ...(reason && { reason }),
    }).catch((failure: unknown) => showFieldErrors(form, failure, i18n.pick));
  };

  return (
    <Card size="small" title={t('triage.otherTitle')}>
      <Form<OtherForm>
        form={form}
        name={`decide-${item.caseNo}`}
        layout="vertical"
        initialValues={{
          nature: item.suggestion.nature ?? undefined,
          category: item.suggestion.category ?? undefined,
        }}
        onFinish={finish}
      >
        <Space wrap align="start">
          <Form.Item name="nature" label={t('triage.nature')} rules={[required]}>
            <Select
              style={{ minWidth: 160 }}
              options={NATURES.map((code) => ({ value: code, label: named('nature', code) }))}
            />
          </Form.Item>
          <Form.Item name="category" label={t('triage.category')} rules={[required]}>
            <Select
              style={{ minWidth: 200 }}
              showSearch={{ optionFilterProp: 'label' }}
              options={CATEGORIES.map((code) => ({ value: code, label: named('category', code) }))}
            />
          </Form.Item>
          <Form.Item name="unitCode" label={t('triage.unit')} rules={[required]}>
            <Select
              style={{ minWidth: 280 }}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('triage.chooseUnit')}
              options={choice.units.map((u) => ({ value: u.code, label: u.name }))}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="reason"
          label={t('triage.reason')}
          rules={[{ max: REASON_MAX, message: t('form.maxLength', { n: REASON_MAX }) }]}
        >
          <Input.TextArea rows={2} maxLength={REASON_MAX} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={sending}>
            {t('triage.submitDecision')}
          </Button>
          <Button onClick={onCancel}>{t('triage.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
