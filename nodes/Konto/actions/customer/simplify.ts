/** The useful part of a customer (the raw object has 20+ fields, including a base64 photo). */
export const SIMPLE_CUSTOMER_FIELDS = [
	'guid',
	'name',
	'registration_no',
	'email',
	'phone_number',
	'address',
	'zip',
	'city',
	'currency',
	'lang',
	'updated_timestamp',
] as const;
