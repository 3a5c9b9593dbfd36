import type { ContaOrganization } from '../../helpers/interfaces';

/** Whether an organization's access is active and it is not blocked or deleted. */
export function isUsable(org: ContaOrganization): boolean {
	return org.active !== false && (org.blockedStatus === undefined || org.blockedStatus.startsWith('NOT_BLOCKED'));
}
