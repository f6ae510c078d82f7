import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { staffCall } from '../session';
import type { DivisionChild } from './types';

interface DivisionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: DivisionOption[];
}

const optionOf = (division: DivisionChild): DivisionOption => ({
  value: division.code,
  label: division.name,
  isLeaf: !division.hasChildren,
});

async function childrenOf(parent?: string): Promise<DivisionOption[]> {
  const query = parent ? `?parent=${encodeURIComponent(parent)}` : '';
  const answer = await staffCall<{ items: DivisionChild[] }>('GET', `/api/v1/divisions${query}`);
  return answer.items.map(optionOf);
}

/**
 * 省 › 市 › 县 › 乡镇街道 from intake's division table, each level fetched when it is opened. The
 * registrar may stop at the county (the form asks for county level at least).
 */
export function DivisionPicker(props: {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useI18n();
  const { onError } = props;
  const [options, setOptions] = useState<DivisionOption[]>([]);

  useEffect(() => {
    childrenOf().then(setOptions, onError);
  }, [onError]);

  const loadData = (path: DivisionOption[]) => {
    const target = path.at(-1);
    if (!target || target.children) return;
    childrenOf(target.value).then((children) => {
      target.children = children;
      // A new array so that the Cascader renders the children it now has.
      setOptions((current) => [...current]);
    }, onError);
  };

  return (
    <Cascader<DivisionOption>
      id={props.id}
      options={options}
      loadData={loadData}
      value={props.value}
      onChange={(value) => props.onChange?.(value)}
      changeOnSelect
      placeholder={t('registration.placePlaceholder')}
      style={{ width: '100%' }}
    />
  );
}
