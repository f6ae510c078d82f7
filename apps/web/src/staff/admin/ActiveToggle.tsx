import { Button, Popconfirm } from 'antd';
import { useI18n, type MessageKey } from '../../i18n/i18n';

/** The words of one kind of record's switch. */
interface ToggleWords {
  off: MessageKey;
  on: MessageKey;
  confirmOff: MessageKey;
}

/** Units are deactivated, accounts disabled. */
export const UNIT_SWITCH: ToggleWords = {
  off: 'admin.deactivate',
  on: 'admin.activate',
  confirmOff: 'admin.deactivateConfirm',
};
export const ACCOUNT_SWITCH: ToggleWords = {
  off: 'admin.disable',
  on: 'admin.enable',
  confirmOff: 'admin.disableConfirm',
};

/**
 * Turning a record off asks first (it stops its work at once); turning it back on does not.
 * `name` goes into the confirmation, `label` (the name unless given) into the buttons'
 * accessible names.
 */
export function ActiveToggle({
  active,
  name,
  label = name,
  words,
  onChange,
}: {
  active: boolean;
  name: string;
  label?: string;
  words: ToggleWords;
  onChange: (active: boolean) => void;
}) {
  const { t } = useI18n();
  if (!active) {
    return (
      <Button size="small" aria-label={`${t(words.on)} ${label}`} onClick={() => onChange(true)}>
        {t(words.on)}
      </Button>
    );
  }
  return (
    <Popconfirm
      title={t(words.confirmOff, { name })}
      okText={t('case.confirm')}
      cancelText={t('case.cancel')}
      onConfirm={() => onChange(false)}
    >
      <Button size="small" danger aria-label={`${t(words.off)} ${label}`}>
        {t(words.off)}
      </Button>
    </Popconfirm>
  );
}
