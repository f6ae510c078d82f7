import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Me } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { staffCall } from '../session';
import { accountRules, listPath, toNewAccount, type AccountFormValues } from './rules';
import { STAFF_ROLES, type OneTimePasswordAnswer, type Paged, type StaffAccount } from './types';
import { useApiGet } from './useApiGet';
import { unitOptions, useUnits } from './UnitsPanel';
import { FormError } from '../../shell/FormError';
import { showFieldErrors } from '../../shell/fieldErrors';
import { useSending } from '../../shell/useSending';
import { ACCOUNT_SWITCH, ActiveToggle } from './ActiveToggle';
import { FormModal } from './FormModal';
import { ActiveFilter, RecordList, stateColumn } from './RecordList';

interface Filters {
  unitCode?: string;
  role?: string;
  active?: string;
}

/** 工作人员账号: list, create, disable or enable, one-time password. */
export function StaffPanel({ me }: { me: Me }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const { message } = App.useApp();
  const units = useUnits();
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  // Shown once, then gone: kept only in this component's memory while its dialog is open.
  const [password, setPassword] = useState<OneTimePasswordAnswer | null>(null);

  const {
    data: page,
    error,
    setError,
    reload: load,
  } = useApiGet<Paged<StaffAccount>>(listPath('/api/v1/staff', { ...filters, pageSize: '200' }));

  const change = async (call: () => Promise<unknown>) => {
    setError(null);
    try {
      await call();
      void message.success(t('admin.saved'));
      void load();
    } catch (failure) {
      setError(failure);
    }
  };
  const setActive = (account: StaffAccount, active: boolean) =>
    change(() => staffCall('PATCH', `/api/v1/staff/${account.id}`, { active }));
  const reset = (account: StaffAccount) =>
    change(async () => {
      setPassword(
        await staffCall<OneTimePasswordAnswer>(
          'POST',
          `/api/v1/staff/${account.id}/password-reset`,
        ),
      );
    });

  const unitName = (code: string) => units.find((u) => u.code === code)?.name ?? code;
  return (
    <RecordList<StaffAccount>
      search={
        <Form<Filters> name="staffSearch" layout="inline" onFinish={setFilters}>
          <Form.Item name="unitCode" label={t('admin.unit')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 280 }}
              options={unitOptions(units)}
            />
          </Form.Item>
          <Form.Item name="role" label={t('admin.roles')}>
            <Select allowClear style={{ width: 140 }} options={roleOptions(label)} />
          </Form.Item>
          <ActiveFilter />
          <Button htmlType="submit">{t('admin.search')}</Button>
        </Form>
      }
      add={t('admin.addAccount')}
      onAdd={() => setCreating(true)}
      error={error}
      loaded={page !== null}
      rowKey="id"
      dataSource={page?.items ?? []}
      columns={[
        { title: t('admin.username'), dataIndex: 'username' },
        { title: t('admin.displayName'), dataIndex: 'displayName' },
        { title: t('admin.unit'), key: 'unit', render: (_, a) => unitName(a.unitCode) },
        {
          title: t('admin.roles'),
          key: 'roles',
          render: (_, a) => a.roles.map((role) => <Tag key={role}>{label('staffRole', role)}</Tag>),
        },
        stateColumn(t),
        {
          title: t('admin.operations'),
          key: 'operations',
          // An admin does not disable their own account (the API refuses it too).
          render: (_, a) =>
            a.id === me.id ? null : (
              <Space>
                <ActiveToggle
                  active={a.active}
                  name={a.displayName}
                  label={a.username}
                  words={ACCOUNT_SWITCH}
                  onChange={(active) => void setActive(a, active)}
                />
                <Popconfirm
                  title={t('admin.resetConfirm', { name: a.displayName })}
                  okText={t('case.confirm')}
                  cancelText={t('case.cancel')}
                  onConfirm={() => void reset(a)}
                >
                  <Button size="small" aria-label={`${t('admin.resetPassword')} ${a.username}`}>
                    {t('admin.resetPassword')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
        },
      ]}
    >
      {creating && (
        <AccountForm
          units={units}
          onClose={(created) => {
            setCreating(false);
            if (created) {
              setPassword(created);
              void load();
            }
          }}
        />
      )}
      <Modal
        open={password !== null}
        title={t('admin.oneTimePasswordTitle')}
        footer={
          <Button type="primary" onClick={() => setPassword(null)}>
            {t('admin.done')}
          </Button>
        }
        onCancel={() => setPassword(null)}
        destroyOnHidden
      >
        {password && (
          <>
            <Typography.Paragraph>
              {t('admin.oneTimePasswordFor', {
                name: password.displayName,
                username: password.username,
              })}
            </Typography.Paragraph>
            <Typography.Paragraph copyable code data-testid="one-time-password">
              {password.oneTimePassword}
            </Typography.Paragraph>
            <Typography.Paragraph>{t('admin.oneTimePasswordOnce')}</Typography.Paragraph>
          </>
        )}
      </Modal>
    </RecordList>
  );
}

function roleOptions(label: ReturnType<typeof useI18n>['label']) {
  return STAFF_ROLES.map((role) => ({ value: role, label: label('staffRole', role) }));
}

function AccountForm({
  units,
  onClose,
}: {
  units: ReturnType<typeof useUnits>;
  onClose: (created: OneTimePasswordAnswer | null) => void;
}) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const [form] = Form.useForm<AccountFormValues>();
  const { sending, error, send } = useSending();
  const rules = accountRules(i18n);

  const save = (values: AccountFormValues) =>
    send(
      async () =>
        onClose(
          await staffCall<OneTimePasswordAnswer>('POST', '/api/v1/staff', toNewAccount(values)),
        ),
      (failure) => showFieldErrors(form, failure, i18n.pick),
    );

  return (
    <FormModal
      form={form}
      title={t('admin.addAccount')}
      sending={sending}
      onSave={save}
      onCancel={() => onClose(null)}
    >
      <Form<AccountFormValues> name="account" form={form} layout="vertical">
        <Form.Item name="username" label={t('admin.username')} rules={rules.username}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('admin.displayName')} rules={rules.displayName}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="unitCode" label={t('admin.unit')} rules={rules.unitCode}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={unitOptions(units.filter((u) => u.active))}
          />
        </Form.Item>
        <Form.Item name="roles" label={t('admin.roles')} rules={rules.roles}>
          <Select mode="multiple" options={roleOptions(label)} />
        </Form.Item>
      </Form>
      <Typography.Paragraph>{t('admin.oneTimePasswordNote')}</Typography.Paragraph>
      <FormError error={error} />
    </FormModal>
  );
}
