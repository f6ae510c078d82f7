import {
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import type { Me } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { staffCall } from '../session';
import {
  accountRules,
  apiFieldErrors,
  listPath,
  toNewAccount,
  type AccountFormValues,
} from './rules';
import { STAFF_ROLES, type OneTimePasswordAnswer, type Paged, type StaffAccount } from './types';
import { useApiGet } from './useApiGet';
import { unitOptions, useUnits } from './UnitsPanel';
import { FormError } from '../../shell/FormError';
import { ActiveToggle } from './ActiveToggle';

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
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
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
        <Form.Item name="active" label={t('admin.state')}>
          <Select
            allowClear
            style={{ width: 100 }}
            options={[
              { value: 'true', label: t('admin.active') },
              { value: 'false', label: t('admin.inactive') },
            ]}
          />
        </Form.Item>
        <Button htmlType="submit">{t('admin.search')}</Button>
      </Form>
      <Space>
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('admin.addAccount')}
        </Button>
      </Space>
      <FormError error={error} />
      <Table<StaffAccount>
        rowKey="id"
        size="small"
        scroll={{ x: 900 }}
        loading={!page && error === null}
        dataSource={page?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('admin.username'), dataIndex: 'username' },
          { title: t('admin.displayName'), dataIndex: 'displayName' },
          { title: t('admin.unit'), key: 'unit', render: (_, a) => unitName(a.unitCode) },
          {
            title: t('admin.roles'),
            key: 'roles',
            render: (_, a) =>
              a.roles.map((role) => <Tag key={role}>{label('staffRole', role)}</Tag>),
          },
          {
            title: t('admin.state'),
            key: 'active',
            render: (_, a) =>
              a.active ? <Tag>{t('admin.active')}</Tag> : <Tag>{t('admin.inactive')}</Tag>,
          },
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
                    words={{
                      off: 'admin.disable',
                      on: 'admin.enable',
                      confirmOff: 'admin.disableConfirm',
                    }}
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
      />
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
    </Space>
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
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const rules = accountRules(i18n);

  const save = async (values: AccountFormValues) => {
    setSending(true);
    setError(null);
    try {
      onClose(
        await staffCall<OneTimePasswordAnswer>('POST', '/api/v1/staff', toNewAccount(values)),
      );
    } catch (failure) {
      setError(failure);
      (form as FormInstance).setFields(apiFieldErrors(failure, i18n.pick));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open
      title={t('admin.addAccount')}
      okText={t('admin.save')}
      cancelText={t('case.cancel')}
      confirmLoading={sending}
      onCancel={() => onClose(null)}
      onOk={() => {
        form.validateFields().then(
          (values) => void save(values),
          () => undefined,
        );
      }}
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
    </Modal>
  );
}
