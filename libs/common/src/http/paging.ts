import { z } from 'zod';

/**
 * `page` (from 1) and `pageSize` of a list's query string, to spread into its schema: lists
 * differ only in how many rows a page may hold and holds when not asked.
 */
export function pagingFields(maxPageSize = 100, defaultPageSize = 20) {
  return {
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(maxPageSize).default(defaultPageSize),
  };
}

/** A page of a list, as asked for. */
export interface Paging {
  page: number;
  pageSize: number;
}

/** How many rows come before the page. */
export function pageOffset({ page, pageSize }: Paging): number {
  return (page - 1) * pageSize;
}
