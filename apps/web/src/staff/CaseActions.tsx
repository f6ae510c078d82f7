import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import type { Me, WorkbenchCase } from '../api/types';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { availableActions, DECLINE_GROUNDS, type CaseAction } from './actions';
import { dispatchableUnits } from './triage/triage-rules';
import type { DirectoryUnit } from './triage/types';
import { staffCall } from './session';
import { FormError } from '../shell/FormError';
import { showFieldErrors } from '../shell/fieldErrors';
import { useSending } from '../shell/useSending';

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

/** The actions the signed-in staff member may take on the case, each in its own dialog. */
export function CaseActions({
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
