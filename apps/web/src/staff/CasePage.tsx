import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Timeline,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Me, StaffCaseView, WorkbenchCase, WorkbenchPage } from '../api/types';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { day, minute } from '../portal/dates';
import { Link } from '../shell/router';
import { availableActions, DECLINE_GROUNDS, type CaseAction } from './actions';
import { CaseSupervision } from './CaseSupervision';
import { dispatchableUnits } from './triage/triage-rules';
import type { DirectoryUnit } from './triage/types';
import { staffCall } from './session';
import { DeadlineLight } from './Workbench';
import { FormError } from '../shell/FormError';
import { showFieldErrors } from '../shell/fieldErrors';
import { useSending } from '../shell/useSending';

interface Loaded {
  view: StaffCaseView;
  /** This unit's assignment on the workbench, when the case is open for it. */
  item: WorkbenchCase | null;
}

/** The case page: the petition, its petitioners as the API masks them, deadlines, timeline. */
export function CasePage({ caseNo, me }: { caseNo: string; me: Me }) {
  const { t, label } = useI18n();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const path = `/api/v1/petitions/${encodeURIComponent(caseNo)}`;
      const [view, workbench] = await Promise.all([
        staffCall<StaffCaseView>('GET', path),
        staffCall<WorkbenchPage>('GET', '/api/v1/workbench/cases?pageSize=100').catch(() => null),
      ]);
      setLoaded({ view, item: workbench?.items.find((i) => i.caseNo === caseNo) ?? null });
    } catch (failure) {
      setError(failure);
    }
  }, [caseNo]);

  useEffect(() => {
    void load();
  }, [load]);

  if (error !== null) {
    return <FormError error={error} />;
  }
  if (!loaded) return null;
  const { view, item } = loaded;
  const full = view.access === 'FULL' ? view : null;
  const petition = view.access === 'FULL' ? view.petition : view;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/staff">{t('case.backToWorkbench')}</Link>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {petition.title}
      </Typography.Title>
      <CaseActions caseNo={caseNo} item={item} me={me} onDone={() => void load()} />
      <CaseSupervision caseNo={caseNo} me={me} />
      {!full && <Alert type="info" showIcon title={t('case.summaryOnly')} />}
      <Card title={t('case.petition')}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('track.caseNo')}>{petition.caseNo}</Descriptions.Item>
          <Descriptions.Item label={t('track.status')}>
            <span data-testid="staff-case-status">
              {label('status', view.status, full?.statusLabel)}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('track.receivedAt')}>
            {minute(chinaIso(petition.receivedAt))}
          </Descriptions.Item>
          {full?.petition.address && (
            <Descriptions.Item label={t('submit.address')}>
              {full.petition.address}
            </Descriptions.Item>
          )}
          {full?.petition.content && (
            <Descriptions.Item label={t('submit.content')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{full.petition.content}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={t('case.petitioners')}>
        <Table
          rowKey={(_, index) => String(index)}
          pagination={false}
          size="small"
          scroll={{ x: 480 }}
          dataSource={petition.petitioners}
          columns={[
            { title: t('submit.name'), dataIndex: 'name' },
            { title: t('submit.idNumber'), dataIndex: 'idNumber' },
            { title: t('submit.phone'), dataIndex: 'phone' },
          ]}
        />
      </Card>
      <Card title={t('case.deadlines')}>
        {item && item.deadlines.length > 0 && (
          <Space orientation="vertical" style={{ marginBottom: 12 }}>
            {item.deadlines.map((d) => (
              <DeadlineLight key={`${d.kind}-${d.dueAt}`} deadline={d} />
            ))}
          </Space>
        )}
        <Table
          rowKey="id"
          pagination={false}
          size="small"
          scroll={{ x: 480 }}
          dataSource={full?.deadlines ?? []}
          columns={[
            {
              title: t('case.deadlineKind'),
              key: 'kind',
              render: (_, d) => label('deadline', d.kind, d.kindLabel),
            },
            { title: t('case.unit'), dataIndex: 'unitCode' },
            { title: t('case.dueAt'), key: 'dueAt', render: (_, d) => day(chinaIso(d.dueAt)) },
            {
              title: t('case.deadlineStatus'),
              key: 'status',
              render: (_, d) => label('deadlineStatus', d.status),
            },
          ]}
        />
      </Card>
      {view.replies.length > 0 && (
        <Card title={t('track.replies')}>
          {view.replies.map((reply) => (
            <Typography.Paragraph key={`${reply.stage}-${reply.givenAt}`}>
              <Typography.Text strong>
                {reply.unit.name} · {label('stage', reply.stage)} · {day(chinaIso(reply.givenAt))}
              </Typography.Text>
              <br />
              <span style={{ whiteSpace: 'pre-wrap' }}>{reply.text}</span>
            </Typography.Paragraph>
          ))}
        </Card>
      )}
      <Card title={t('track.timeline')}>
        <Timeline
          items={view.timeline.map((entry) => ({
            children: (
              <>
                <Typography.Text>{minute(chinaIso(entry.at))}</Typography.Text>{' '}
                {label('timeline', entry.type)}
                {timelineDetail(entry.data)}
              </>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

/** The staff view gives UTC instants; petitioners and staff read China time. */
export function chinaIso(instant: string): string {
  return new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString();
}

function timelineDetail(data: Record<string, unknown>): string {
  const parts = ['unitName', 'reason', 'days', 'ground'].flatMap((field) => {
    const value = data[field];
    return typeof value === 'string' || typeof value === 'number' ? [String(value)] : [];
  });
  return parts.length > 0 ? ` · ${parts.join(' · ')}` : '';
}

/** One account of GET /api/v1/units/{code}/staff. */
interface UnitStaffMember {
  id: string;
  displayName: string;
  roles: string[];
}

interface ActionForm {
  ground?: string;
  explanation?: string;
  reason?: string;
  days?: number;
  reply?: string;
  approve?: boolean;
  note?: string;
  staffId?: string;
  unitCode?: string;
  unitCodes?: string[];
}

const ACTION_PATHS: Record<CaseAction, string> = {
  accept: 'accept',
  decline: 'decline',
  return: 'return',
  extension: 'extension',
  approveExtension: 'extension/decision',
  conclude: 'conclude',
  responsibleLeader: 'responsible-leader',
  transfer: 'transfer',
  coHandlers: 'co-handlers',
};

function CaseActions({
  caseNo,
  item,
  me,
  onDone,
}: {
  caseNo: string;
  item: WorkbenchCase | null;
  me: Me;
  onDone: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const [open, setOpen] = useState<CaseAction | null>(null);
  const { sending, error, setError, send } = useSending();
  const [form] = Form.useForm<ActionForm>();
  const actions = availableActions(item, me);
  const [leaders, setLeaders] = useState<UnitStaffMember[]>([]);
  const [units, setUnits] = useState<DirectoryUnit[]>([]);
  const choosesUnit = open === 'transfer' || open === 'coHandlers';
  useEffect(() => {
    if (!choosesUnit) return;
    staffCall<{ items: DirectoryUnit[] }>('GET', '/api/v1/units?active=true&pageSize=500').then(
      (answer) =>
        setUnits(dispatchableUnits(answer.items, me).filter((u) => u.code !== me.unit?.code)),
      setError,
    );
  }, [choosesUnit, me]);
  const unitOptions = units.map((u) => ({ value: u.code, label: u.name }));
  const unitCode = me.unit?.code;
  useEffect(() => {
    if (open !== 'responsibleLeader' || !unitCode) return;
    staffCall<{ items: UnitStaffMember[] }>('GET', `/api/v1/units/${unitCode}/staff`).then(
      (answer) => setLeaders(answer.items.filter((s) => s.roles.includes('unit_leader'))),
      setError,
    );
  }, [open, unitCode]);

  const run = (action: CaseAction, body?: ActionForm) =>
    send(
      async () => {
        await staffCall(
          'POST',
          `/api/v1/workbench/cases/${encodeURIComponent(caseNo)}/${ACTION_PATHS[action]}`,
          body,
        );
        void message.success(t('case.done'));
        setOpen(null);
        form.resetFields();
        onDone();
      },
      (failure) => showFieldErrors(form, failure, i18n.pick),
    );

  if (actions.length === 0) {
    return <Typography.Text>{t('case.noActions')}</Typography.Text>;
  }
  const required = { required: true, whitespace: true, message: t('form.required') };
  return (
    <Card title={t('case.actions')}>
      <Space wrap>
        {actions.map((action) => (
          <Button
            key={action}
            type={action === 'accept' || action === 'conclude' ? 'primary' : 'default'}
            onClick={() => {
              setError(null);
              if (action === 'accept') void run('accept');
              else setOpen(action);
            }}
            loading={sending && action === 'accept'}
          >
            {t(`action.${action}` as MessageKey)}
          </Button>
        ))}
      </Space>
      {open === null && <FormError error={error} style={{ marginTop: 16 }} />}
      <Modal
        open={open !== null}
        title={open && t(`action.${open}` as MessageKey)}
        okText={t('case.confirm')}
        cancelText={t('case.cancel')}
        confirmLoading={sending}
        onCancel={() => {
          setOpen(null);
          setError(null);
        }}
        onOk={() => {
          if (!open) return;
          form.validateFields().then(
            (values) => void run(open, values),
            () => undefined,
          );
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {open === 'decline' && (
            <>
              <Form.Item name="ground" label={t('case.ground')} rules={[required]}>
                <Select
                  options={DECLINE_GROUNDS.map((ground) => ({
                    value: ground,
                    label: t(`ground.${ground}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name="explanation" label={t('case.explanation')} rules={[required]}>
                <Input.TextArea rows={4} />
              </Form.Item>
            </>
          )}
          {open === 'return' && (
            <Form.Item name="reason" label={t('case.returnReason')} rules={[required]}>
              <Input.TextArea rows={4} />
            </Form.Item>
          )}
          {open === 'extension' && (
            <>
              <Form.Item
                name="days"
                label={t('case.extensionDays')}
                rules={[{ required: true, message: t('form.required') }]}
              >
                <InputNumber min={1} max={30} precision={0} />
              </Form.Item>
              <Form.Item
                name="reason"
                label={t('case.extensionReason')}
                extra={t('case.extensionReasonHelp')}
                rules={[required]}
              >
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          )}
          {open === 'approveExtension' && (
            <>
              <Form.Item
                name="approve"
                label={t('case.decision')}
                rules={[{ required: true, message: t('form.required') }]}
              >
                <Radio.Group>
                  <Radio value={true}>{t('case.approve')}</Radio>
                  <Radio value={false}>{t('case.reject')}</Radio>
                </Radio.Group>
              </Form.Item>
              <Form.Item name="note" label={t('case.note')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          )}
          {open === 'responsibleLeader' && me.unit && (
            <Form.Item name="staffId" label={t('leader.label')} rules={[required]}>
              <Select options={leaders.map((l) => ({ value: l.id, label: l.displayName }))} />
            </Form.Item>
          )}
          {open === 'transfer' && (
            <>
              <Form.Item name="unitCode" label={t('passOn.unit')} rules={[required]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} />
              </Form.Item>
              <Form.Item
                name="reason"
                label={t('passOn.reason')}
                extra={t('passOn.reasonHelp')}
                rules={[required]}
              >
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          )}
          {open === 'coHandlers' && (
            <Form.Item
              name="unitCodes"
              label={t('passOn.coHandlers')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                options={unitOptions}
              />
            </Form.Item>
          )}
          {open === 'conclude' && (
            <Form.Item
              name="reply"
              label={t('case.reply')}
              extra={t('case.replyHelp')}
              rules={[required, { min: 10, message: t('form.minLength', { n: 10 }) }]}
            >
              <Input.TextArea rows={6} />
            </Form.Item>
          )}
        </Form>
        <FormError error={error} />
      </Modal>
    </Card>
  );
}
