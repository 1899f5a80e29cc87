// The shape of test/fixtures/icao/bac_9303p11_appD.json (ICAO 9303-11 Appendix D).

export interface SecureMessagingStep {
  readonly step: string;
  readonly unprotected_command: string;
  readonly masked_padded_header: string;
  readonly m: string;
  readonly ssc: string;
  readonly n: string;
  readonly cc: string;
  readonly do8e: string;
  readonly protected_command: string;
  readonly protected_response: string;
  readonly response_ssc: string;
  readonly k: string;
  readonly response_cc: string;
  readonly decrypted_data: string;
  readonly unprotected_response: string;
}

export interface BacVector {
  readonly mrz: { readonly document_number: string; readonly date_of_birth: string; readonly date_of_expiry: string };
  readonly key_derivation: { readonly kenc: string; readonly kmac: string };
  readonly mutual_authentication: {
    readonly get_challenge_command: string;
    readonly get_challenge_response: string;
    readonly rnd_ic: string;
    readonly rnd_ifd: string;
    readonly k_ifd: string;
    readonly s: string;
    readonly e_ifd: string;
    readonly m_ifd: string;
    readonly external_authenticate_command: string;
    readonly external_authenticate_response: string;
    readonly e_ic: string;
    readonly m_ic: string;
    readonly r_decrypted: string;
    readonly k_ic: string;
  };
  readonly session_keys: { readonly kseed_session: string; readonly ks_enc: string; readonly ks_mac: string; readonly ssc: string };
  readonly secure_messaging: readonly SecureMessagingStep[];
  readonly ef_com_plain: string;
}

export const BAC_VECTOR_FILE = 'bac_9303p11_appD.json';
