/** SOAP envelope building and response parsing speed (pure CPU, no network). */
import { API_KEYS_PLACEHOLDER } from '../credentials/AutoInvoiceApi.credentials';
import { buildEnvelope, readSoapResponse } from '../nodes/AutoInvoice/transport/soap';

function measure(name: string, iterations: number, fn: () => void) {
	for (let i = 0; i < Math.min(200, iterations); i++) fn();
	const started = process.hrtime.bigint();
	for (let i = 0; i < iterations; i++) fn();
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	return { name, count: iterations, seconds, perSecond: iterations / seconds };
}

export function soapRows() {
	const mandates = Array.from(
		{ length: 500 },
		(_, i) =>
			`<item xsi:type="n1:AtgMandateParam"><kid xsi:type="xsd:string">${1000000 + i}</kid><account_number xsi:type="xsd:string">1234567890${i}</account_number><notification xsi:type="xsd:boolean">true</notification><status xsi:type="xsd:int">1</status><updated_timestamp xsi:type="xsd:string">20261121120000</updated_timestamp></item>`,
	).join('');
	const response = `<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><env:Header/><env:Body><n1:atg_mandate_listResponse xmlns:n1="https://testing.maventa.com/" env:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><return xsi:type="n1:AtgMandateListResponse"><status xsi:type="xsd:string">OK</status><atg_mandates xmlns:n2="http://schemas.xmlsoap.org/soap/encoding/" xsi:type="n2:Array" n2:arrayType="n1:AtgMandateParam[500]">${mandates}</atg_mandates></return></n1:atg_mandate_listResponse></env:Body></env:Envelope>`;
	return [
		measure('SOAP build consumer_agreement_status envelope', 20000, () =>
			buildEnvelope({
				method: 'consumer_agreement_status',
				namespace: 'https://testing.maventa.com/',
				params: [['reference_nr', 'REF-<&>"\'-æøå']],
				apiKeysPlaceholder: API_KEYS_PLACEHOLDER,
			}),
		),
		measure(`SOAP parse atg_mandate_list with 500 mandates (${Math.round(response.length / 1024)} KiB)`, 200, () =>
			readSoapResponse(response),
		),
	];
}
