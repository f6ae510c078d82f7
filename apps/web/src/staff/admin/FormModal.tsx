import { Modal } from 'antd';
import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

/** A record's form in a dialog: 保存 sends it once its fields pass their checks. */
export function FormModal<Values>({
  form,
  title,
  sending,
  width,
  onSave,
  onCancel,
  children,
}: {
  form: FormInstance<Values>;
  title: string;
  sending: boolean;
  width?: number;
  onSave: (values: Values) => Promise<void>;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={title}
      okText={t('admin.save')}
      cancelText={t('case.cancel')}
      confirmLoading={sending}
      onCancel={onCancel}
      onOk={() => {
        form.validateFields().then(
          (values) => void onSave(values),
          () => undefined,
        );
      }}
      width={width}
    >
      {children}
    </Modal>
  );
}
