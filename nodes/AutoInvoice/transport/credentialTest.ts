/**
 * The AutoInvoice credential test (`testedBy: 'autoInvoiceConnectionTest'` on the node).
 *
 * AutoInvoice answers wrong keys with HTTP 200 and `ERROR: USER NOT FOUND`, so a declarative test
 * (which only looks at the status code or at one JSON field) would call bad keys good. This test
 * sends a harmless, key-checking read, `consumer_agreement_status` for a reference that should not
 * exist, built and authenticated exactly like the node's own calls, and reads the SOAP answer:
 * - `OK: <state>` or `ERROR: CONSUMER NOT FOUND` → the keys were accepted;
 * - a key or account error (`USER NOT FOUND`, `VENDOR API KEY DISABLED`, `COMPANY NOT FOUND`, …)
 *   → failure with AutoInvoice's text and what to fix;
 * - a Fault, a non-SOAP answer, an HTTP error or a network error → failure with the reason;
 * - any other `ERROR:` → failure, because the keys could not be confirmed.
 *
 * n8n 2.40 gives a credential test only the legacy `request` helper (`CredentialTestContext`), no
 * `httpRequest`, so that is what this uses. It receives the helpers object rather than reaching
 * for `this.helpers` itself.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { AutoInvoiceApi } from '../../../credentials/AutoInvoiceApi.credentials';
import { redactText } from '../../shared/redact';
import { redactedResponse, redirectFailure, secretValues, toBuffer } from '../../shared/request';
import { describeNetworkError } from '../../shared/retry';
import { CONSUMER_NOT_FOUND, CREDENTIAL_TEST_REFERENCE, METHODS } from './constants';
import { AUTOINVOICE, buildRequestEnvelope, keyError, readOutcome, soapHeaders } from './index';

const ACTION = 'test the credential';

interface LegacyFullResponse {
	statusCode: number;
	headers?: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** Runs the test with the given credential-test helpers and decrypted credential data. */
export async function testAutoInvoiceConnection(
	helpers: ICredentialTestFunctions['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const secrets = secretValues(credentials as IDataObject, AUTOINVOICE.secretFields);
	const fail = (message: string): INodeCredentialTestResult => ({ status: 'Error', message: redactText(message, secrets) });

	const method = METHODS.consumerAgreementStatus;
	let options;
	try {
		options = await new AutoInvoiceApi().authenticate(credentials, {
			method: 'POST',
			url: '',
			headers: soapHeaders(method),
			body: buildRequestEnvelope(method, [['reference_nr', CREDENTIAL_TEST_REFERENCE]]),
		});
	} catch (error) {
		return fail((error as Error).message);
	}

	let full: LegacyFullResponse;
	try {
		full = (await helpers.request({
			method: 'POST',
			uri: options.url,
			headers: options.headers,
			body: options.body,
			timeout: options.timeout,
			json: false,
			encoding: null,
			simple: false,
			resolveWithFullResponse: true,
			// The keys are in the body: a redirect is reported, never followed.
			followRedirect: false,
			followAllRedirects: false,
		})) as LegacyFullResponse;
	} catch (error) {
		const network = describeNetworkError(error);
		return fail(
			network.timedOut
				? `AutoInvoice did not answer within the timeout. Check the Environment / Endpoint URL, or raise Timeout (Seconds).`
				: `Could not reach AutoInvoice at ${options.url}: ${network.code ?? network.message}`,
		);
	}

	// Redacted before it is read, so no snippet cut can leave part of a key behind.
	const response = redactedResponse({ statusCode: full.statusCode, headers: full.headers ?? {}, body: toBuffer(full.body) }, secrets);
	if (response.statusCode >= 300 && response.statusCode < 400) {
		const failure = redirectFailure(AUTOINVOICE, { action: ACTION, kind: 'read' }, response);
		return fail(`${failure.message}. ${failure.hint}`);
	}
	const outcome = readOutcome(response, ACTION, 'read');
	if (outcome.type === 'ok') {
		return { status: 'OK', message: 'Connection tested successfully: AutoInvoice accepted the API keys' };
	}
	if (outcome.type === 'failure') {
		const { failure } = outcome;
		return fail([failure.message, failure.providerMessage].filter(Boolean).join(': '));
	}
	const { error } = outcome;
	if (error.text.toUpperCase() === CONSUMER_NOT_FOUND) {
		return { status: 'OK', message: 'Connection tested successfully: AutoInvoice accepted the API keys' };
	}
	const known = keyError(error.text);
	if (known) return fail(`AutoInvoice rejected the credentials: ${error.providerText}. ${known.hint}`);
	return fail(
		`AutoInvoice answered "${error.providerText}" to a key-checking request, so the keys could not be confirmed. Check the credential, or try again later.`,
	);
}
