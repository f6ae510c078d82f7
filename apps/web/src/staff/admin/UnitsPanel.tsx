import { Alert, App, Button, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { staffCall } from '../session';
import { listPath, toUnitBody, unitRules, type UnitFormValues } from './rules';
import { useApiGet } from './useApiGet';
import { CATEGORIES, UNIT_KINDS, UNIT_LEVELS, type Paged, type Unit } from './types';
import { FormError } from '../../shell/FormError';
import { showFieldErrors } from '../../shell/fieldErrors';
import { useSending } from '../../shell/useSending';
import { ActiveToggle, UNIT_SWITCH } from './ActiveToggle';
import { FormModal } from './FormModal';
import { ActiveFilter, RecordList, stateColumn } from './RecordList';

interface Filters {
  divisionCode?: string;
  kind?: string;
  level?: string;
  active?: string;
}

/** The API's largest page: the directory of a prefecture fits in it. */
const PAGE_SIZE = 500;

/** The units of the whole directory, for the unit pickers of the other sections. */
export function useUnits(): Unit[] {
  return useApiGet<Paged<Unit>>(`/api/v1/units?pageSize=${PAGE_SIZE}`).data?.items ?? [];
}

export function unitOptions(units: Unit[]) {
  return units.map((unit) => ({ value: unit.code, label: `${unit.name} (${unit.code})` }));
}

/** 单位名录: search, add, edit, deactivate. */
export function UnitsPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const [filters, setFilters] = useState<Filters>({});
  const [keyword, setKeyword] = useState('');
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);

  const {
    data: page,
    error,
    setError,
    reload: load,
  } = useApiGet<Paged<Unit>>(
    listPath('/api/v1/units', { ...filters, pageSize: String(PAGE_SIZE) }),
  );

  const setActive = async (unit: Unit, active: boolean) => {
    try {
      await staffCall('PATCH', `/api/v1/units/${encodeURIComponent(unit.code)}`, { active });
      void message.success(t(active ? 'admin.unitActivated' : 'admin.unitDeactivated'));
      void load();
    } catch (failure) {
      setError(failure);
    }
  };

  const words = keyword.trim();
  const shown = (page?.items ?? []).filter(
    (unit) => !words || unit.name.includes(words) || unit.code.includes(words.toUpperCase()),
  );
  return (
    <RecordList<Unit>
      search={
        <Form<Filters & { keyword?: string }>
          name="unitSearch"
          layout="inline"
          onFinish={({ keyword: typed, ...chosen }) => {
            setKeyword(typed ?? '');
            setFilters(chosen);
          }}
        >
          <Form.Item name="keyword" label={t('admin.keyword')}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="divisionCode" label={t('admin.divisionCode')}>
            <Input allowClear style={{ width: 120 }} />
          </Form.Item>
          <CodeFilter group="kind" codes={UNIT_KINDS} width={140} />
          <CodeFilter group="level" codes={UNIT_LEVELS} width={120} />
          <ActiveFilter />
          <Button htmlType="submit">{t('admin.search')}</Button>
        </Form>
      }
      add={t('admin.addUnit')}
      onAdd={() => setEditing('new')}
      error={error}
      loaded={page !== null}
      notice={
        page &&
        page.total > page.items.length && (
          <Alert
            type="info"
            showIcon
            title={t('admin.partialList', { shown: page.items.length, total: page.total })}
          />
        )
      }
      rowKey="code"
      dataSource={shown}
      columns={[
        { title: t('admin.unitCode'), dataIndex: 'code' },
        { title: t('admin.unitName'), dataIndex: 'name' },
        {
          title: t('admin.kind'),
          key: 'kind',
          render: (_, unit) => t(`admin.kind.${unit.kind}` as MessageKey),
        },
        {
          title: t('admin.level'),
          key: 'level',
          render: (_, unit) => t(`admin.level.${unit.level}` as MessageKey),
        },
        { title: t('admin.divisionCode'), dataIndex: 'divisionCode' },
        stateColumn(t),
        {
          title: t('admin.operations'),
          key: 'operations',
          render: (_, unit) => (
            <Space>
              <Button
                size="small"
                aria-label={`${t('admin.edit')} ${unit.name}`}
                onClick={() => setEditing(unit)}
              >
                {t('admin.edit')}
              </Button>
              <ActiveToggle
                active={unit.active}
                name={unit.name}
                words={UNIT_SWITCH}
                onChange={(active) => void setActive(unit, active)}
              />
            </Space>
          ),
        },
      ]}
    >
      {editing !== null && (
        <UnitForm
          unit={editing === 'new' ? null : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) {
              void message.success(t('admin.saved'));
              void load();
            }
          }}
        />
      )}
    </RecordList>
  );
}

/** Options for codes named in the admin file (admin.kind.GOVERNMENT…). */
export function codeOptions(
  codes: readonly string[],
  group: string,
  t: (key: MessageKey) => string,
) {
  return codes.map((code) => ({ value: code, label: t(`admin.${group}.${code}` as MessageKey) }));
}

/** The search form's choice of one code of a group (any when cleared). */
function CodeFilter({
  group,
  codes,
  width,
}: {
  group: 'kind' | 'level';
  codes: readonly string[];
  width: number;
}) {
  const { t } = useI18n();
  return (
    <Form.Item name={group} label={t(`admin.${group}`)}>
      <Select allowClear style={{ width }} options={codeOptions(codes, group, t)} />
    </Form.Item>
  );
}

/** A new unit (POST), or changes to one (PATCH: the code stays). */
function UnitForm({ unit, onClose }: { unit: Unit | null; onClose: (saved: boolean) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const units = useUnits();
  const [form] = Form.useForm<UnitFormValues>();
  const { sending, error, send } = useSending();
  const rules = unitRules(i18n);

  const save = (values: UnitFormValues) =>
    send(
      async () => {
        const body = toUnitBody({ ...values, code: unit?.code ?? values.code });
        if (unit) {
          const { code: _code, ...changes } = body;
          await staffCall('PATCH', `/api/v1/units/${encodeURIComponent(unit.code)}`, changes);
        } else {
          await staffCall('POST', '/api/v1/units', body);
        }
        onClose(true);
      },
      (failure) => showFieldErrors(form, failure, i18n.pick),
    );

  return (
    <FormModal
      form={form}
      title={unit ? t('admin.editUnit', { name: unit.name }) : t('admin.addUnit')}
      sending={sending}
      onSave={save}
      onCancel={() => onClose(false)}
      width={640}
    >
      <Form<UnitFormValues>
        name="unit"
        form={form}
        layout="vertical"
        initialValues={unit ?? { categories: [] }}
      >
        <Form.Item
          name="code"
          label={t('admin.unitCode')}
          rules={rules.code}
          extra={t('admin.unitCodeHelp')}
        >
          <Input disabled={unit !== null} />
        </Form.Item>
        <Form.Item name="name" label={t('admin.unitName')} rules={rules.name}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('admin.kind')} rules={rules.kind}>
          <Select options={codeOptions(UNIT_KINDS, 'kind', t)} />
        </Form.Item>
        <Form.Item name="level" label={t('admin.level')} rules={rules.level}>
          <Select options={codeOptions(UNIT_LEVELS, 'level', t)} />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label={t('admin.divisionCode')}
          rules={rules.divisionCode}
          dependencies={['level']}
          extra={t('admin.divisionCodeHelp')}
        >
          <Input inputMode="numeric" />
        </Form.Item>
        <Form.Item name="superiorCode" label={t('admin.superior')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={unitOptions(units.filter((u) => u.code !== unit?.code))}
          />
        </Form.Item>
        <Form.Item name="categories" label={t('admin.categories')}>
          <Select mode="multiple" options={codeOptions(CATEGORIES, 'category', t)} />
        </Form.Item>
        <Form.Item name="contactEmail" label={t('admin.contactEmail')} rules={rules.contactEmail}>
          <Input type="email" />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('admin.contactPhone')}
          extra={t('admin.contactPhoneHelp')}
        >
          <Input />
        </Form.Item>
      </Form>
      <FormError error={error} />
    </FormModal>
  );
}
