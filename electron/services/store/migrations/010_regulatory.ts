/**
 * The regulatory mapping (issue 13 §6) is part of the taxonomy version, so a score keeps
 * the mapping it was made under as it keeps the weights: each dimension's clauses, and
 * per version the clauses each finding category answers. Both columns are NULL for
 * versions written before; those read as the defaults of their keys and image, and
 * re-hash, as they were audited.
 */
export const migration010 = {
  version: 10,
  name: 'regulatory',
  sql: `
ALTER TABLE taxonomy_dimensions ADD COLUMN clauses TEXT CHECK (clauses IS NULL OR (json_valid(clauses) AND json_type(clauses) = 'array'));
ALTER TABLE taxonomy_versions ADD COLUMN finding_clauses TEXT CHECK (finding_clauses IS NULL OR (json_valid(finding_clauses) AND json_type(finding_clauses) = 'object'));
`,
};
