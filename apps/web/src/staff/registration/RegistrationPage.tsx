import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError, formFieldName } from '../../api/client';
import type { Me } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { staffCall } from '../session';
import { DivisionPicker } from './DivisionPicker';
import { RegistrationReceipt, type Registered } from './RegistrationReceipt';
import {
  chinaDate,
  formFieldOf,
  MAX_DAYS_BACK,
  registrationRules,
  STAFF_LIMITS,
  toRegistration,
  type RegistrationValues,
} from './rules';
import {
  REGISTRATION_CHANNELS,
  type RepeatCheckAnswer,
  type StaffReceipt,
  type StaffRegistration,
} from './types';
import { FormError } from '../../shell/FormError';
import { PetitionerFieldsets } from '../../portal/PetitionerFieldsets';

/** 登记: a registrar records a letter, visit, call or transferred petition and prints the receipt. */
export function RegistrationPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const [registered, setRegistered] = useState<Registered | null>(null);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }} className="no-print">
        {t('registration.title')}
      </Typography.Title>
      {!me.roles.includes('registrar') ? (
        // Only registrars may register (the API's rule); others are told rather than refused.
        <Alert type="info" showIcon title={t('registration.registrarOnly')} />
      ) : registered ? (
        <RegistrationReceipt registered={registered} onNext={() => setRegistered(null)} />
      ) : (
        <RegistrationForm onRegistered={setRegistered} />
      )}
    </Space>
  );
}

/** A registration ready to send, and the day it came for the receipt. */
interface Held {
  registration: StaffRegistration;
  receivedOn: string;
}

function RegistrationForm({ onRegistered }: { onRegistered: (registered: Registered) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const rules = registrationRules(i18n);
  const [form] = Form.useForm<RegistrationValues>();
  const channel = Form.useWatch('channel', form);
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  // One key per filled form: a retry after a lost answer registers the petition once.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const showError = useCallback((error: unknown) => setRefusal(error), []);
  // A registration held back by the repeat check, until the registrar goes on or stops.
  const [pending, setPending] = useState<
    (Held & { original: NonNullable<RepeatCheckAnswer['original']> }) | null
  >(null);

  const refused = (error: unknown) => {
    setRefusal(error);
    if (error instanceof ApiError && error.errors.length > 0) {
      // The API names fields by path; antd's typed names cannot say an arbitrary path.
      (form as FormInstance).setFields(
        error.errors.map((e) => ({
          name: formFieldOf(formFieldName(e.field)),
          errors: [i18n.pick(e.messages)],
        })),
      );
    }
  };

  const register = async ({ registration, receivedOn }: Held) => {
    setPending(null);
    setSending(true);
    try {
      const receipt = await staffCall<StaffReceipt>('POST', '/api/v1/petitions', registration, {
        'idempotency-key': idempotencyKey,
      });
      onRegistered({
        receipt,
        channel: registration.channel,
        title: registration.title,
        receivedOn,
      });
    } catch (error) {
      refused(error);
    } finally {
      setSending(false);
    }
  };

  // The repeat check first: an earlier case of these people on this matter is said before
  // registering, and the registrar decides whether to go on.
  const submit = async (values: RegistrationValues) => {
    setSending(true);
    setRefusal(null);
    const registration = toRegistration(values);
    try {
      const { original } = await staffCall<RepeatCheckAnswer>(
        'POST',
        '/api/v1/petitions/repeat-check',
        {
          title: registration.title,
          content: registration.content,
          petitioners: registration.petitioners,
        },
      );
      if (original) {
        setPending({ registration, receivedOn: values.receivedOn, original });
        setSending(false);
        return;
      }
    } catch (error) {
      refused(error);
      setSending(false);
      return;
    }
    await register({ registration, receivedOn: values.receivedOn });
  };

  return (
    <Form<RegistrationValues>
      form={form}
      layout="vertical"
      onFinish={(values) => void submit(values)}
      // A changed form is another request: it gets a key of its own.
      onValuesChange={() => setIdempotencyKey(crypto.randomUUID())}
      initialValues={{
        channel: 'VISIT',
        receivedOn: chinaDate(new Date()),
        personCount: 1,
        petitioners: [{}],
      }}
      scrollToFirstError
      style={{ maxWidth: 880 }}
    >
      <Card title={t('registration.matter')} style={{ marginBottom: 16 }}>
        <Form.Item name="channel" label={t('registration.channel')} rules={rules.channel}>
          <Radio.Group
            optionType="button"
            options={REGISTRATION_CHANNELS.map((c) => ({
              value: c,
              label: t(`registration.channel.${c}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="receivedOn"
          label={t('registration.receivedOn')}
          extra={t('registration.receivedOnHelp', { days: MAX_DAYS_BACK })}
          rules={rules.receivedOn}
        >
          <Input
            type="date"
            min={chinaDate(new Date(), MAX_DAYS_BACK)}
            max={chinaDate(new Date())}
            style={{ width: 200 }}
          />
        </Form.Item>
        {channel === 'TRANSFERRED' && (
          <Space wrap align="start" style={{ width: '100%' }}>
            <Form.Item
              name={['transfer', 'sourceBody']}
              label={t('registration.sourceBody')}
              rules={rules.sourceBody}
            >
              <Input maxLength={STAFF_LIMITS.sourceBody} style={{ width: 320 }} />
            </Form.Item>
            <Form.Item
              name={['transfer', 'referenceNo']}
              label={t('registration.referenceNo')}
              rules={rules.referenceNo}
            >
              <Input maxLength={STAFF_LIMITS.referenceNo} style={{ width: 240 }} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="title" label={t('submit.title')} rules={rules.title}>
          <Input maxLength={100} showCount />
        </Form.Item>
        <Form.Item name="content" label={t('submit.content')} rules={rules.content}>
          <Input.TextArea rows={5} maxLength={10_000} />
        </Form.Item>
      </Card>
      <Card title={t('registration.place')} style={{ marginBottom: 16 }}>
        <Form.Item
          name="place"
          label={t('registration.division')}
          extra={t('registration.divisionHelp')}
          rules={rules.place}
        >
          <DivisionPicker onError={showError} />
        </Form.Item>
        <Form.Item name="address" label={t('submit.address')} rules={rules.address}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="personCount"
          label={t('submit.personCount')}
          extra={t('registration.personCountHelp')}
          rules={rules.personCount}
        >
          <InputNumber min={1} max={10_000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Card>
      <Card title={t('case.petitioners')} style={{ marginBottom: 16 }}>
        <Petitioners />
      </Card>
      <FormError error={refusal} style={{ marginBottom: 16 }} />
      <Button type="primary" htmlType="submit" loading={sending}>
        {t('registration.submit')}
      </Button>
      <Modal
        open={pending !== null}
        title={t('registration.repeatCheckTitle')}
        okText={t('registration.repeatGoOn')}
        cancelText={t('registration.repeatStop')}
        onOk={() => pending && void register(pending)}
        onCancel={() => setPending(null)}
      >
        {pending && (
          <Typography.Paragraph>
            {t(`registration.repeatCheck.${pending.original.outcome}`, {
              caseNo: pending.original.caseNo,
            })}
          </Typography.Paragraph>
        )}
      </Modal>
    </Form>
  );
}

function Petitioners() {
  const i18n = useI18n();
  const { t } = i18n;
  const rules = registrationRules(i18n);
  return (
    <PetitionerFieldsets
      max={STAFF_LIMITS.petitioners}
      removeText={(n) => t('registration.removePetitioner', { n })}
      fields={(name) => (
        <>
          <Space wrap align="start">
            <Form.Item name={[name, 'name']} label={t('submit.name')} rules={rules.name}>
              <Input maxLength={50} autoComplete="off" style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              name={[name, 'idNumber']}
              label={t('submit.idNumber')}
              rules={rules.idNumber}
              validateFirst
            >
              <Input maxLength={18} autoComplete="off" style={{ width: 220 }} />
            </Form.Item>
            <Form.Item
              name={[name, 'phone']}
              label={t('registration.phoneLabel')}
              rules={rules.phone}
            >
              <Input maxLength={24} autoComplete="off" style={{ width: 200 }} />
            </Form.Item>
          </Space>
          <Form.Item name={[name, 'address']} label={t('registration.petitionerAddress')}>
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        </>
      )}
    />
  );
}
