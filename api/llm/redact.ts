/**
 * Personal data stays home: emails and phone numbers are replaced before any text leaves for the
 * LLM (LLM_REDACT_PII, on by default). Deliberately eager: a false positive costs a digit string
 * in a prompt, a false negative leaks a customer's number.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// A run of 7+ digits, allowing spaces, dots, dashes, slashes and parentheses between them, with an
// optional leading + (international). Dates like 2024-05-01 have 8 digits too: excluded below.
const PHONE = /(?<![\w.])\+?\(?\d(?:[\s().\/-]{0,3}\d){6,16}(?![\w])/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function redactPii(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, (m) => (ISO_DATE.test(m) ? m : '[phone]'));
}
