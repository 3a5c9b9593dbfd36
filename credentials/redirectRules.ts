import type { IAuthenticateRuleResponseCode } from 'n8n-workflow';

/** Credential-test rules for a redirect: it is never followed, so the key stays here. */
export function redirectRules(provider: string, fix: string): IAuthenticateRuleResponseCode[] {
	return [301, 302, 303, 307, 308].map((value) => ({
		type: 'responseCode',
		properties: {
			value,
			message: `${provider} answered with a redirect (HTTP ${value}) to another address. It was not followed, so the key was not sent there. ${fix}`,
		},
	}));
}
