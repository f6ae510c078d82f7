import { z } from 'zod';
import { caseNoSchema } from '#common';

export const attachmentIdSchema = z.string().refine((value) => z.uuid().safeParse(value).success, {
  params: { code: 'attachment_id_format', zh: '附件编号格式不正确', en: 'malformed attachment id' },
});

/** The path of a petitioner's upload, as documented. */
export const caseNoParamsSchema = z.object({ caseNo: caseNoSchema });
