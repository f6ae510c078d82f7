import { Button, Form, Select, Space, Table, Tag } from 'antd';
import type { TableColumnType, TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useI18n, type I18n } from '../../i18n/i18n';
import { FormError } from '../../shell/FormError';

/**
 * An admin section's records: the search form, the button that adds one, the failure of the
 * last call, a `notice` about the list, then the records 20 a page; `children` are the dialogs.
 */
export function RecordList<R extends object>({
  search,
  add,
  onAdd,
  error,
  loaded,
  notice,
  rowKey,
  dataSource,
  columns,
  children,
}: {
  search: ReactNode;
  add: string;
  onAdd: () => void;
  error: unknown;
  loaded: boolean;
  notice?: ReactNode;
  rowKey: TableProps<R>['rowKey'];
  dataSource: R[];
  columns: TableColumnType<R>[];
  children?: ReactNode;
}) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {search}
      <Space>
        <Button type="primary" onClick={onAdd}>
          {add}
        </Button>
      </Space>
      <FormError error={error} />
      {notice}
      <Table<R>
        rowKey={rowKey}
        size="small"
        scroll={{ x: 900 }}
        loading={!loaded && error === null}
        dataSource={dataSource}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={columns}
      />
      {children}
    </Space>
  );
}

/** The search form's choice of active or inactive records (any when cleared). */
export function ActiveFilter() {
  const { t } = useI18n();
  return (
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
  );
}

/** 状态: whether a unit or an account is active. */
export function stateColumn<R extends { active: boolean }>(t: I18n['t']): TableColumnType<R> {
  return {
    title: t('admin.state'),
    key: 'active',
    render: (_, record) =>
      record.active ? <Tag>{t('admin.active')}</Tag> : <Tag>{t('admin.inactive')}</Tag>,
  };
}
