/** Conta shapes this package uses, written from Conta's OpenAPI document. */

/** `RouteV1OrgUserAccessModel`: an organization the key's user has access to. */
export interface ContaOrganization {
	id: number;
	name: string;
	blockedStatus?:
		| 'NOT_BLOCKED'
		| 'NOT_BLOCKED_PURCHASE_BY_INVOICE_RESTRICTED'
		| 'MISSING_PAYMENTS'
		| 'BY_ADMIN'
		| 'DELETED';
	active?: boolean;
}
