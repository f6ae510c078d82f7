import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { staffCall } from '../session';
import { calendarRules, noticeOf, toNotice } from './rules';
import type { CalendarLoaded, CalendarNotice, CalendarYear } from './types';
import { useApiGet } from './useApiGet';
import { FormError } from '../../shell/FormError';
import { apiFieldErrors } from '../../shell/fieldErrors';

/** This year in China (UTC+8), where the calendar's days are. */
const thisYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

/** 节假日安排: a year's rest days and make-up working days; an admin loads the State Council's notice. */
export function CalendarPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const [year, setYear] = useState(thisYear());
  const {
    data: calendar,
    error,
    setError,
    reload,
  } = useApiGet<CalendarYear>(`/api/v1/calendar/${year}`);
  const [loaded, setLoaded] = useState<CalendarLoaded | null>(null);
  const [sending, setSending] = useState(false);
  const [form] = Form.useForm<CalendarNotice>();
  const rules = calendarRules(i18n);

  const save = async (values: CalendarNotice) => {
    setSending(true);
    setError(null);
    try {
      setLoaded(
        await staffCall<CalendarLoaded>('PUT', `/api/v1/calendar/${year}`, toNotice(values)),
      );
      void message.success(t('admin.calendarSaved'));
      void reload();
    } catch (failure) {
      setError(failure);
      // A make-up day's problem (holidays[0].workdays[1]) goes beside the holiday's list of them.
      (form as FormInstance).setFields(
        apiFieldErrors(failure, i18n.pick).map((e) => ({ ...e, name: e.name.slice(0, 3) })),
      );
    } finally {
      setSending(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center">
        <label htmlFor="calendar-year">{t('admin.year')}</label>
        <InputNumber
          id="calendar-year"
          min={2000}
          max={2099}
          precision={0}
          value={year}
          onChange={(value) => {
            if (value) {
              setYear(value);
              setLoaded(null);
            }
          }}
        />
      </Space>
      <FormError error={error} />
      {calendar && (
        <Card
          title={t('admin.calendarOf', { year: calendar.year })}
          extra={
            calendar.official ? (
              <Tag>{t('admin.calendarOfficial')}</Tag>
            ) : (
              <Tag>{t('admin.calendarProvisional')}</Tag>
            )
          }
        >
          {calendar.title && <Typography.Paragraph>{calendar.title}</Typography.Paragraph>}
          {calendar.label && (
            <Typography.Paragraph>{i18n.pick(calendar.label)}</Typography.Paragraph>
          )}
          <Table
            rowKey="date"
            size="small"
            pagination={false}
            dataSource={calendar.days}
            columns={[
              { title: t('admin.date'), dataIndex: 'date' },
              {
                title: t('admin.dayKind'),
                key: 'kind',
                render: (_, day) =>
                  t(day.kind === 'HOLIDAY' ? 'admin.dayKind.HOLIDAY' : 'admin.dayKind.WORKDAY'),
              },
              { title: t('admin.holidayName'), dataIndex: 'name' },
            ]}
          />
          <Button style={{ marginTop: 16 }} onClick={() => form.setFieldsValue(noticeOf(calendar))}>
            {t('admin.calendarEditFromShown')}
          </Button>
        </Card>
      )}
      <Card title={t('admin.calendarLoad', { year })}>
        <Typography.Paragraph>{t('admin.calendarLoadHelp')}</Typography.Paragraph>
        <Form<CalendarNotice>
          name="notice"
          form={form}
          layout="vertical"
          initialValues={{ holidays: [{ name: '', from: '', workdays: [] }] }}
          onFinish={(values) => void save(values)}
        >
          <Form.Item name="title" label={t('admin.noticeTitle')}>
            <Input />
          </Form.Item>
          <Form.List name="holidays">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Space key={field.key} wrap align="start">
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('admin.holidayNameN', { n: index + 1 })}
                      rules={rules.name}
                    >
                      <Input style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'from']}
                      label={t('admin.holidayFrom', { n: index + 1 })}
                      rules={rules.from}
                    >
                      <Input placeholder="YYYY-MM-DD" style={{ width: 130 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'to']}
                      label={t('admin.holidayTo', { n: index + 1 })}
                      rules={rules.to}
                    >
                      <Input placeholder="YYYY-MM-DD" style={{ width: 130 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'workdays']}
                      label={t('admin.holidayWorkdays', { n: index + 1 })}
                    >
                      <Select
                        mode="tags"
                        open={false}
                        style={{ width: 260 }}
                        tokenSeparators={[',', ' ', '，']}
                      />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button style={{ marginTop: 30 }} onClick={() => remove(field.name)}>
                        {t('admin.holidayRemove', { n: index + 1 })}
                      </Button>
                    )}
                  </Space>
                ))}
                <Space>
                  <Button
                    onClick={() => add({ name: '', from: '', workdays: [] })}
                    disabled={fields.length >= 20}
                  >
                    {t('admin.holidayAdd')}
                  </Button>
                  <Button type="primary" htmlType="submit" loading={sending}>
                    {t('admin.calendarSave')}
                  </Button>
                </Space>
              </>
            )}
          </Form.List>
        </Form>
        {loaded && (
          <Alert
            style={{ marginTop: 16 }}
            type="success"
            showIcon
            title={t('admin.calendarLoaded', {
              holidays: loaded.holidays,
              workdays: loaded.workdays,
              moved: loaded.moved.length,
            })}
          />
        )}
      </Card>
    </Space>
  );
}
