import { App, Button, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { staffCall } from '../session';
import { useNamed, type QueuedCaseProps } from './shared';
import { toParties, type PartyRow } from './triage-rules';
import type { AccusedParty } from './types';
import { FormError } from '../../shell/FormError';
import { showFieldErrors } from '../../shell/fieldErrors';
import { useSending } from '../../shell/useSending';

// routing accused-parties.schemas.ts
const LIMITS = { parties: 20, name: 100, position: 50, reasonMin: 2, reasonMax: 500 } as const;

interface CorrectionForm {
  parties: PartyRow[];
  reason?: string;
}

/** Who the petition accuses, and the dispatcher's correction of it (PUT …/accused-parties). */
export function AccusedParties({ item, choice, onChanged }: QueuedCaseProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const named = useNamed();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const { sending, error, setError, send } = useSending();
  const [form] = Form.useForm<CorrectionForm>();

  const save = (values: CorrectionForm) =>
    send(
      async () => {
        const answer = await staffCall<{ withdrawn: string[] }>(
          'PUT',
          `/api/v1/cases/${encodeURIComponent(item.caseNo)}/accused-parties`,
          { parties: toParties(values.parties), reason: values.reason?.trim() },
        );
        void message.success(t('triage.accusedSaved'));
        if (answer.withdrawn.length > 0) {
          void message.info(
            t('triage.accusedWithdrawn', { units: answer.withdrawn.map(choice.nameOf).join('、') }),
          );
        }
        setOpen(false);
        onChanged();
      },
      (failure) => showFieldErrors(form, failure, i18n.pick),
    );

  const required = { required: true, whitespace: true, message: t('form.required') };
  return (
    <Space wrap size={4}>
      {item.accusedParties.length === 0 && t('triage.noAccused')}
      {item.accusedParties.map((party, index) => (
        <Tag key={index} data-testid="accused-party">
          {describe(party, named('kind', party.kind), choice.nameOf(party.unitCode))}
        </Tag>
      ))}
      <Button
        size="small"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        {t('triage.correctAccused')}
      </Button>
      <Modal
        open={open}
        title={`${t('triage.correctAccused')} · ${item.caseNo}`}
        okText={t('triage.save')}
        cancelText={t('triage.cancel')}
        confirmLoading={sending}
        width={720}
        onCancel={() => setOpen(false)}
        onOk={() => {
          form.validateFields().then(
            (values) => void save(values),
            () => undefined,
          );
        }}
        destroyOnHidden
      >
        <Form<CorrectionForm>
          form={form}
          name={`accused-${item.caseNo}`}
          layout="vertical"
          preserve={false}
          initialValues={{ parties: item.accusedParties }}
        >
          <Form.List name="parties">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <fieldset
                    key={field.key}
                    style={{ border: '1px solid #d9d9d9', padding: '4px 12px', marginBottom: 12 }}
                  >
                    <legend>{t('triage.party', { n: index + 1 })}</legend>
                    <Space wrap align="start">
                      <Form.Item
                        name={[field.name, 'kind']}
                        label={t('triage.partyKind')}
                        rules={[required]}
                      >
                        <Select
                          style={{ minWidth: 120 }}
                          options={(['UNIT', 'OFFICIAL'] as const).map((kind) => ({
                            value: kind,
                            label: named('kind', kind),
                          }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'nameAsWritten']}
                        label={t('triage.partyName')}
                        rules={[
                          required,
                          { max: LIMITS.name, message: t('form.maxLength', { n: LIMITS.name }) },
                        ]}
                      >
                        <Input maxLength={LIMITS.name} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'position']}
                        label={t('triage.partyPosition')}
                        rules={[
                          {
                            max: LIMITS.position,
                            message: t('form.maxLength', { n: LIMITS.position }),
                          },
                        ]}
                      >
                        <Input maxLength={LIMITS.position} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'unitCode']}
                        label={t('triage.partyUnit')}
                        dependencies={[['parties', field.name, 'kind']]}
                        // An accused unit needs its code (the schema's unit_required).
                        rules={[
                          ({ getFieldValue }) => ({
                            required: getFieldValue(['parties', field.name, 'kind']) === 'UNIT',
                            message: t('form.required'),
                          }),
                        ]}
                      >
                        <Select
                          style={{ minWidth: 240 }}
                          allowClear
                          showSearch={{ optionFilterProp: 'label' }}
                          placeholder={t('triage.chooseUnit')}
                          options={choice.units.map((u) => ({ value: u.code, label: u.name }))}
                        />
                      </Form.Item>
                      <Button onClick={() => remove(field.name)} style={{ marginTop: 30 }}>
                        {t('triage.removeParty', { n: index + 1 })}
                      </Button>
                    </Space>
                  </fieldset>
                ))}
                {fields.length < LIMITS.parties && (
                  <Button onClick={() => add({ kind: 'UNIT' })} style={{ marginBottom: 16 }}>
                    {t('triage.addParty')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
          <Form.Item
            name="reason"
            label={t('triage.correctionReason')}
            rules={[
              required,
              {
                min: LIMITS.reasonMin,
                max: LIMITS.reasonMax,
                message: t('form.lengthBetween', { min: LIMITS.reasonMin, max: LIMITS.reasonMax }),
              },
            ]}
          >
            <Input.TextArea rows={2} maxLength={LIMITS.reasonMax} />
          </Form.Item>
        </Form>
        <FormError error={error} />
      </Modal>
    </Space>
  );
}

/** 公职人员 · 派出所民警陈某某（民警）· 船山区公安局 */
function describe(party: AccusedParty, kind: string, unit: string): string {
  const name = party.position ? `${party.nameAsWritten}（${party.position}）` : party.nameAsWritten;
  return [kind, name, unit].filter(Boolean).join(' · ');
}
