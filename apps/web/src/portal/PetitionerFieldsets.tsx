import { Button, Form, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * The petitioners of a form (the list `petitioners`), each in a fieldset of its own (信访人 1…):
 * `fields` gives one petitioner's fields by its list name. A petitioner is removed while there
 * are others, and added up to `max`; `addInFormItem` spaces the add button as a form item.
 */
export function PetitionerFieldsets({
  max,
  removeText,
  addInFormItem = false,
  fields: petitionerFields,
}: {
  max: number;
  removeText: (n: number) => string;
  addInFormItem?: boolean;
  fields: (name: number) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Form.List name="petitioners">
      {(fields, { add, remove }) => {
        const addButton = <Button onClick={() => add({})}>{t('submit.addPetitioner')}</Button>;
        return (
          <>
            {fields.map((field, index) => (
              <fieldset key={field.key} style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
                <legend>
                  <Typography.Text strong>
                    {t('submit.petitioner', { n: index + 1 })}
                  </Typography.Text>
                </legend>
                {petitionerFields(field.name)}
                {fields.length > 1 && (
                  <Button onClick={() => remove(field.name)}>{removeText(index + 1)}</Button>
                )}
              </fieldset>
            ))}
            {fields.length < max &&
              (addInFormItem ? <Form.Item>{addButton}</Form.Item> : addButton)}
          </>
        );
      }}
    </Form.List>
  );
}
