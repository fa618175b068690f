//! Signed Tendermint fixtures (see `fixtures.rs` for how they are generated): per validator-set
//! size, a `MsgCreateClient` and a `MsgUpdateClient` one block later, protobuf `Any`-encoded.

use alloc::vec::Vec;
use codec::{Decode, Encode};

/// Validator-set sizes the fixtures cover (Cosmos Hub runs 180, most chains 100–150).
pub const VALIDATOR_COUNTS: [u32; 5] = [1, 25, 50, 100, 150];

#[derive(Clone, Encode, Decode, Debug, PartialEq, Eq)]
pub struct ClientFixture {
    pub validators: u32,
    pub create_client: Vec<u8>,
    pub update_client: Vec<u8>,
    /// Time of the update header, ms since the Unix epoch.
    pub header_time_ms: u64,
}

#[derive(Clone, Encode, Decode, Debug, PartialEq, Eq, Default)]
pub struct TendermintFixtures {
    pub clients: Vec<ClientFixture>,
}

/// The committed fixtures.
pub fn load() -> TendermintFixtures {
    TendermintFixtures::decode(&mut &include_bytes!("../fixtures/tendermint.scale")[..]).unwrap_or_default()
}

/// The fixture with the largest validator set not above `validators`.
pub fn for_validators(validators: u32) -> Option<ClientFixture> {
    load().clients.into_iter().filter(|c| c.validators <= validators).max_by_key(|c| c.validators)
}
