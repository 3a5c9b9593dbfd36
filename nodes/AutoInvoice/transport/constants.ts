/**
 * Every AutoInvoice (Maventa) v1.1 SOAP name the package relies on, in one place (the endpoints
 * are in the credential, which needs them).
 *
 * WSDL note: these names were written on 2026-11-21 from the "B2C Norway API methods" page
 * (documentation.maventa.com/api-specification/soap-api/b2c-norway-api-methods) and the 2015
 * v1.1 WSDL as captured in the Axis stubs of AndroidConsulting/maventa-java-client. They have NOT
 * been checked against the live WSDL (`https://testing.maventa.com/apis/v1.1/wsdl`). When
 * someone does, record the date and any differences here; the `atg_*` methods in particular are
 * newer than the 2015 WSDL.
 */

/** Method (operation element) names. The SOAPAction is `"/v1.1/api/<method>"` for each. */
export const METHODS = {
	helloWorld: 'hello_world',
	consumerAgreementStatus: 'consumer_agreement_status',
	consumerAgreementsQuery: 'consumer_agreements_query',
	vendorConsumerAgreementsQuery: 'vendor_consumer_agreements_query',
	atgMandateList: 'atg_mandate_list',
	atgAgreementConfigure: 'atg_agreement_configure',
	b2cIssuerAgreementOrder: 'b2c_issuer_agreement_order',
	disableB2cIssuerAgreement: 'disable_b2c_issuer_agreement',
} as const;

/**
 * Errors any method can return about the `api_keys` struct or the account (text after `ERROR:`),
 * with what the user should do about each.
 */
export const KEY_ERRORS: Record<string, { hint: string; cause: 'credential-invalid' | 'configuration-invalid' }> = {
	'USER NOT FOUND': {
		hint: 'AutoInvoice does not know the User API Key. Check it in the credential, and that it belongs to the chosen environment (testing and production keys differ).',
		cause: 'credential-invalid',
	},
	'USER NOT ACTIVATED': {
		hint: 'The user behind the User API Key has not been activated yet. Activate the user in AutoInvoice, then run again.',
		cause: 'credential-invalid',
	},
	'USER HAS NO RIGHTS TO COMPANY': {
		hint: 'The user behind the User API Key has no rights to the company given as Company UUID. Check the Company UUID, or grant the user access in AutoInvoice.',
		cause: 'credential-invalid',
	},
	'USER BELONGS TO MULTIPLE COMPANIES, NO COMPANY ID GIVEN': {
		hint: 'The user belongs to several companies, so AutoInvoice needs to know which one. Set the Company UUID in the credential.',
		cause: 'configuration-invalid',
	},
	'COMPANY NOT FOUND': {
		hint: 'AutoInvoice does not know the Company UUID. Check it in the credential (AutoInvoice: company settings), or leave it empty if the user belongs to one company only.',
		cause: 'credential-invalid',
	},
	'COMPANY ACCOUNT IS LOCKED': {
		hint: 'The company account is locked in AutoInvoice. Contact AutoInvoice (Visma) support.',
		cause: 'configuration-invalid',
	},
	'COMPANY HAS NOT COMPLETED FIRST TIME WIZARD': {
		hint: 'Log in to AutoInvoice with this company and complete the first-time setup wizard, then run again.',
		cause: 'configuration-invalid',
	},
	'VENDOR API KEY DISABLED': {
		hint: 'AutoInvoice does not accept the Vendor API Key (wrong, disabled, or from the other environment). Check it in the credential; leave it empty if you are not a software partner.',
		cause: 'credential-invalid',
	},
};

/**
 * Answers of `consumer_agreement_status` (text after `ERROR:`) that mean the keys were accepted,
 * used by the credential test.
 */
export const CONSUMER_NOT_FOUND = 'CONSUMER NOT FOUND';

/** The reference number the credential test asks about; it should not exist. */
export const CREDENTIAL_TEST_REFERENCE = 'n8n-credential-test';
