/** Public surface of the Zarinpal client (issue 19): the billing module builds payments on it. */
export { createZarinpalClient, DEFAULT_TIMEOUT_MS } from './zarinpal-client';
export {
  MAX_AMOUNT_RIAL,
  MAX_AMOUNT_TOMAN,
  MIN_AMOUNT_RIAL,
  MIN_AMOUNT_TOMAN,
  ZARINPAL_URL,
  ZarinpalError,
  type PaymentRequested,
  type PaymentRequestInput,
  type PaymentVerified,
  type PaymentVerifyInput,
  type UnverifiedPayment,
  type ZarinpalClient,
  type ZarinpalClientOptions,
  type ZarinpalCurrency,
  type ZarinpalErrorKind,
  type ZarinpalOperation,
  type ZarinpalValidation,
} from './zarinpal.types';
