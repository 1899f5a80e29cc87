// Shared by the PACE tests: the worked-example files' shapes, a CardChannel that replays an APDU
// exchange byte for byte, and a random source that hands out given values in order.

import type { CardChannel } from '../../../../../../native/hal/card-reader.ts';
import { fromHex, toHex } from '../../../../../../native/util/bytes.ts';

export interface ApduStep {
  readonly step: string;
  readonly command: string;
  readonly response: string;
}

interface EcCommon {
  readonly pace_oid: string;
  readonly parameter_id: number;
  readonly encrypted_nonce_z: string;
  readonly nonce_s: string;
  readonly shared_secret_k: string;
  readonly ks_enc: string;
  readonly ks_mac: string;
  readonly t_ifd: string;
  readonly t_ic: string;
  readonly ifd_ephemeral_private: string;
  readonly apdus: readonly ApduStep[];
}

export interface EcdhGmVector extends EcCommon {
  readonly ef_card_access: string;
  readonly password: { readonly document_number: string; readonly date_of_birth: string; readonly date_of_expiry: string };
  readonly k_pi: string;
  readonly ifd_mapping_private: string;
  readonly ifd_mapping_public_x: string;
  readonly ifd_mapping_public_y: string;
  readonly ic_mapping_private: string;
  readonly ic_mapping_public_x: string;
  readonly ic_mapping_public_y: string;
  readonly mapping_shared_point_h_x: string;
  readonly mapping_shared_point_h_y: string;
  readonly mapped_generator_x: string;
  readonly mapped_generator_y: string;
  readonly ifd_ephemeral_public_x: string;
  readonly ifd_ephemeral_public_y: string;
  readonly ic_ephemeral_private: string;
  readonly ic_ephemeral_public_x: string;
  readonly ic_ephemeral_public_y: string;
  readonly token_input_t_ifd: string;
  readonly token_input_t_ic: string;
}

export interface DhGmVector extends EcCommon {
  readonly ef_card_access: string;
  readonly group: { readonly p: string; readonly g: string; readonly q: string };
  readonly k_pi: string;
  readonly ifd_mapping_private: string;
  readonly ifd_mapping_public: string;
  readonly ic_mapping_private: string;
  readonly ic_mapping_public: string;
  readonly mapping_shared_h: string;
  readonly mapped_generator: string;
  readonly ifd_ephemeral_public: string;
  readonly ic_ephemeral_private: string;
  readonly ic_ephemeral_public: string;
  readonly token_input_t_ifd: string;
  readonly token_input_t_ic: string;
}

export interface ImCase {
  readonly pace_oid: string;
  readonly parameter_id: number;
  readonly k_pi: string;
  readonly encrypted_nonce_z: string;
  readonly nonce_s: string;
  readonly nonce_t: string;
  readonly r_s_t: string;
  readonly r_mod_p: string;
  readonly ifd_ephemeral_private: string;
  readonly shared_secret_k: string;
  readonly ks_enc: string;
  readonly ks_mac: string;
  readonly t_ifd: string;
  readonly t_ic: string;
}

export interface ImEcdhCase extends ImCase {
  readonly mapped_generator_x: string;
  readonly mapped_generator_y: string;
  readonly ifd_ephemeral_public_x: string;
  readonly ifd_ephemeral_public_y: string;
  readonly ic_ephemeral_public_x: string;
  readonly ic_ephemeral_public_y: string;
  readonly ga2_command_nonce_t: string;
  readonly ga4_command: string;
}

export interface ImDhCase extends ImCase {
  readonly mapped_generator: string;
  readonly ifd_ephemeral_public: string;
  readonly ic_ephemeral_public: string;
}

export interface ImVector {
  readonly h1_ecdh: ImEcdhCase;
  readonly h2_dh: ImDhCase;
}

export interface CamVector extends EcCommon {
  readonly password: { readonly mrz_information_ascii: string };
  readonly ifd_mapping_private: string;
  readonly ic_mapping_private: string;
  readonly ic_mapping_public_x: string;
  readonly ic_mapping_public_y: string;
  readonly mapped_generator_x: string;
  readonly mapped_generator_y: string;
  readonly ifd_ephemeral_public_x: string;
  readonly ifd_ephemeral_public_y: string;
  readonly ic_ephemeral_public_x: string;
  readonly ic_ephemeral_public_y: string;
  readonly ca_iv: string;
  readonly encrypted_chip_authentication_data_a_ic: string;
  readonly chip_authentication_data_ca_ic: string;
  readonly ic_static_public_x: string;
  readonly ic_static_public_y: string;
  readonly ic_static_private_derived_not_in_appendix: string;
  readonly chip_authentication_public_key_info: string;
}

/** 04 ‖ X ‖ Y from the vectors' coordinate pairs. */
export function point(x: string, y: string): Uint8Array {
  return fromHex(`04${x}${y}`);
}

/** A random source that returns `values` (hex) in order and fails the test when asked for more. */
export function queuedRandom(...values: string[]): (n: number) => Uint8Array {
  const queue = [...values];
  return (n) => {
    const next = queue.shift();
    if (next === undefined) throw new Error(`random(${n}) called more often than the test planned`);
    const bytes = fromHex(next);
    if (bytes.length !== n) throw new Error(`random(${n}) was planned with ${bytes.length} bytes`);
    return bytes;
  };
}

/**
 * A CardChannel that expects exactly `steps` in order and answers each with its response. A command
 * that differs from the expected bytes rejects with both in hex, so the test shows the first divergence.
 */
export class ReplayChannel implements CardChannel {
  readonly atr = Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01);
  readonly extendedLengthSupported = true;
  private index = 0;

  constructor(private readonly steps: readonly { readonly command: string; readonly response: string }[]) {}

  get remaining(): number {
    return this.steps.length - this.index;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    const expected = this.steps[this.index++];
    if (!expected) throw new Error(`unexpected extra command ${toHex(command)}`);
    if (toHex(command) !== expected.command.toUpperCase()) {
      throw new Error(`command ${this.index} differs:\n  sent     ${toHex(command)}\n  expected ${expected.command}`);
    }
    return fromHex(expected.response);
  }
}
