/**
 * routing.case_assignment_v1, the read contract of assignments. Later migrations may only add
 * columns at the end, so readers of the first version keep working.
 */
export function caseAssignmentViewSql(addedColumns = '') {
  return `
    CREATE OR REPLACE VIEW routing.case_assignment_v1 AS
    WITH RECURSIVE chain (code, ancestor, depth) AS (
      SELECT code, superior_code, 1 FROM routing.unit WHERE superior_code IS NOT NULL
      UNION ALL
      SELECT chain.code, u.superior_code, chain.depth + 1
      FROM chain JOIN routing.unit u ON u.code = chain.ancestor
      WHERE u.superior_code IS NOT NULL
    )
    SELECT a.id AS assignment_id, a.petition_id, a.case_no, a.role, a.status, a.rule, a.assigned_at,
           u.code AS unit_code, u.name AS unit_name, u.kind AS unit_kind, u.level AS unit_level,
           u.division_code AS unit_division_code, u.categories AS unit_categories,
           COALESCE((SELECT array_agg(c.ancestor ORDER BY c.depth) FROM chain c WHERE c.code = u.code),
                    '{}') AS unit_ancestors${addedColumns}
    FROM routing.assignment a JOIN routing.unit u ON u.code = a.unit_code`;
}
