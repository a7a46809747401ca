import type { AuditTarget } from '../audit/historyLink';
import type { Query } from './route';

/** The query of the Audit place opened on one record (`#/audit?entity=…&entityId=…&label=…`). */
export function auditQuery(target: AuditTarget): Record<string, string> {
  return { entity: target.entity, entityId: target.entityId, label: target.label };
}

/** The record an Audit address is about, or undefined for the whole log (a half-given record is the whole log too). */
export function auditTargetOf(query: Query | undefined): AuditTarget | undefined {
  const entity = query?.entity;
  const entityId = query?.entityId;
  if (!entity || !entityId) return undefined;
  return { entity, entityId, label: query.label || `${entity} ${entityId}` };
}
