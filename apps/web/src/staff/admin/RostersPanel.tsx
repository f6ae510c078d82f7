import { App, Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { staffCall } from '../session';
import { rosterRules, toRoster, type RosterFormValues } from './rules';
import { LOCALES, type Paged, type RosterView, type StaffAccount } from './types';
import { unitOptions, useUnits } from './UnitsPanel';
import { FormError } from '../../shell/FormError';
import { showFieldErrors } from '../../shell/fieldErrors';

const isTerritory = (scope: string) => /^\d{6}$/.test(scope);
/** The division-code prefix of a territory: 510900 is the prefecture (5109…). */
const territoryPrefix = (scope: string) => (scope.endsWith('00') ? scope.slice(0, 4) : scope);

/** 值班表: who is paged, in order, for a unit or a territory; staff from the scope's units. */
export function RostersPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const units = useUnits();
  const [scope, setScope] = useState<string | null>(null);
  const [roster, setRoster] = useState<RosterView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [staffUnit, setStaffUnit] = useState<string | undefined>();
  const [known, setKnown] = useState<Map<string, StaffAccount>>(new Map());
  const [sending, setSending] = useState(false);
  const [form] = Form.useForm<RosterFormValues>();
  const rules = rosterRules(i18n);
  // The scope asked for last: an answer about an earlier one is dropped.
  const asked = useRef<string | null>(null);

  const remember = (accounts: StaffAccount[]) =>
    setKnown((before) => new Map([...before, ...accounts.map((a) => [a.id, a] as const)]));

  // The roster with its staff by name (they may be of another unit of the territory).
  const show = async (view: RosterView) => {
    if (view.scope !== asked.current) return;
    setRoster(view);
    const named = view.entries.flatMap((e) => (e.staffId ? [e.staffId] : []));
    const found = await Promise.all(
      named.map((id) => staffCall<StaffAccount>('GET', `/api/v1/staff/${id}`).catch(() => null)),
    );
    remember(found.filter((a): a is StaffAccount => a !== null));
  };

  const open = async (chosen: string) => {
    asked.current = chosen;
    setScope(chosen);
    setRoster(null);
    setKnown(new Map());
    setError(null);
    setStaffUnit(undefined);
    if (!isTerritory(chosen)) chooseStaffUnit(chosen);
    try {
      const path = `/api/v1/duty-rosters/${encodeURIComponent(chosen)}`;
      await show(await staffCall<RosterView>('GET', path));
    } catch (failure) {
      // No roster yet is a 404: the form below sets the first one.
      const none = failure instanceof ApiError && failure.status === 404;
      if (!none && asked.current === chosen) setError(failure);
    }
  };

  const chooseStaffUnit = (unitCode: string) => {
    setStaffUnit(unitCode);
    const query = new URLSearchParams({ unitCode, active: 'true', pageSize: '200' });
    staffCall<Paged<StaffAccount>>('GET', `/api/v1/staff?${query.toString()}`).then(
      (page) => remember(page.items),
      setError,
    );
  };

  const save = async (values: RosterFormValues) => {
    if (!scope) return;
    setSending(true);
    setError(null);
    try {
      const path = `/api/v1/duty-rosters/${encodeURIComponent(scope)}`;
      await show(await staffCall<RosterView>('PUT', path, toRoster(values)));
      form.resetFields();
      void message.success(t('admin.rosterSaved'));
    } catch (failure) {
      setError(failure);
      showFieldErrors(form, failure, i18n.pick);
    } finally {
      setSending(false);
    }
  };

  const personOf = (id: string | null) => {
    if (!id) return '—';
    const account = known.get(id);
    return account ? `${account.displayName} (${account.username})` : id;
  };
  // A territory's roster may name staff of any of its units; a unit's only its own.
  const scopeUnits =
    scope && isTerritory(scope)
      ? units.filter((u) => u.divisionCode.startsWith(territoryPrefix(scope)))
      : units.filter((u) => u.code === scope);
  // The chosen unit's staff, and those already picked from another unit of the territory.
  const staffOptions = [...known.values()].map((a) => ({
    value: a.id,
    label: `${a.displayName} (${a.username})`,
  }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Form<{ scope: string }>
        name="rosterScope"
        layout="inline"
        onFinish={({ scope: typed }) => void open(typed.trim())}
      >
        <Form.Item
          name="scope"
          label={t('admin.rosterScope')}
          rules={rules.scope}
          extra={t('admin.rosterScopeHelp')}
        >
          <Input style={{ width: 200 }} />
        </Form.Item>
        <Button htmlType="submit">{t('admin.rosterOpen')}</Button>
      </Form>
      <FormError error={error} />
      {scope && (
        <Card title={t('admin.rosterCurrent', { scope })}>
          {roster ? (
            <Table
              rowKey="position"
              size="small"
              pagination={false}
              data-testid="roster-current"
              dataSource={roster.entries}
              columns={[
                { title: t('admin.rosterOrder'), dataIndex: 'position' },
                {
                  title: t('admin.rosterStaffColumn'),
                  key: 'staff',
                  render: (_, entry) => personOf(entry.staffId),
                },
                { title: t('admin.phone'), key: 'phone', render: (_, e) => e.phone ?? '—' },
                { title: t('admin.email'), key: 'email', render: (_, e) => e.email ?? '—' },
                {
                  title: t('admin.locale'),
                  key: 'locale',
                  render: (_, e) => t(e.locale === 'en' ? 'admin.locale.en' : 'admin.locale.zh'),
                },
              ]}
            />
          ) : (
            <Typography.Text>{t('admin.rosterNone')}</Typography.Text>
          )}
        </Card>
      )}
      {scope && (
        <Card title={t('admin.rosterSet', { scope })}>
          <Typography.Paragraph>{t('admin.rosterSetHelp')}</Typography.Paragraph>
          {isTerritory(scope) && (
            <Form name="rosterStaffUnit" layout="vertical">
              <Form.Item label={t('admin.rosterStaffUnit')} htmlFor="roster-staff-unit">
                <Select
                  id="roster-staff-unit"
                  value={staffUnit}
                  onChange={chooseStaffUnit}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={unitOptions(scopeUnits)}
                  style={{ maxWidth: 420 }}
                />
              </Form.Item>
            </Form>
          )}
          <Form<RosterFormValues>
            name="roster"
            key={scope}
            form={form}
            initialValues={{ entries: [{ locale: 'zh-CN' }] }}
            layout="vertical"
            onFinish={(values) => void save(values)}
          >
            <Form.List name="entries">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, index) => (
                    <Space key={field.key} wrap align="start" data-testid="roster-entry">
                      <Form.Item
                        name={[field.name, 'staffId']}
                        label={t('admin.rosterStaff', { n: index + 1 })}
                      >
                        <Select allowClear options={staffOptions} style={{ width: 240 }} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'phone']}
                        label={t('admin.rosterPhone', { n: index + 1 })}
                      >
                        <Input inputMode="tel" style={{ width: 170 }} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'email']}
                        label={t('admin.rosterEmail', { n: index + 1 })}
                        rules={rules.email}
                      >
                        <Input type="email" style={{ width: 220 }} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'locale']}
                        label={t('admin.rosterLocale', { n: index + 1 })}
                      >
                        <Select
                          style={{ width: 110 }}
                          options={LOCALES.map((locale) => ({
                            value: locale,
                            label: t(locale === 'en' ? 'admin.locale.en' : 'admin.locale.zh'),
                          }))}
                        />
                      </Form.Item>
                      {fields.length > 1 && (
                        <Button style={{ marginTop: 30 }} onClick={() => remove(field.name)}>
                          {t('admin.rosterRemove', { n: index + 1 })}
                        </Button>
                      )}
                    </Space>
                  ))}
                  <Space>
                    <Button onClick={() => add({ locale: 'zh-CN' })} disabled={fields.length >= 20}>
                      {t('admin.rosterAdd')}
                    </Button>
                    <Button type="primary" htmlType="submit" loading={sending}>
                      {t('admin.rosterSave')}
                    </Button>
                  </Space>
                </>
              )}
            </Form.List>
          </Form>
        </Card>
      )}
    </Space>
  );
}
