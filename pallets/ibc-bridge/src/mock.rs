//! Mock runtime: System, Timestamp, Balances, Assets and the bridge. Counterparties track
//! this chain with ibc-testkit's mock client ([`TestkitSelfClient`]).

use crate as pallet_ibc_bridge;
use crate::self_client::{SelfClient, SelfConsensusState};
use crate::types::HostConsensusRecord;
use frame_support::{
    construct_runtime, derive_impl, parameter_types,
    traits::{AsEnsureOriginWithArg, ConstU128, ConstU32, ConstU64, Hooks},
    PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use ibc::core::client::types::Height;
use ibc::core::commitment_types::commitment::CommitmentRoot;
use ibc::core::primitives::proto::Any;
use ibc::core::primitives::Timestamp;
use ibc_testkit::testapp::ibc::clients::mock::client_state::{MockClientState, MOCK_CLIENT_STATE_TYPE_URL};
use ibc_testkit::testapp::ibc::clients::mock::consensus_state::MockConsensusState;
use ibc_testkit::testapp::ibc::clients::mock::header::MockHeader;
use ibc::core::primitives::proto::Protobuf;
use sp_core::crypto::AccountId32;
use sp_runtime::{traits::IdentityLookup, BuildStorage};

pub type AccountId = AccountId32;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
    pub enum Test {
        System: frame_system,
        Time: pallet_timestamp,
        Balances: pallet_balances,
        Assets: pallet_assets,
        Ibc: pallet_ibc_bridge,
    }
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
    type Block = Block;
    type AccountId = AccountId;
    type Lookup = IdentityLookup<AccountId>;
    type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
    type Balance = Balance;
    type ExistentialDeposit = ConstU128<1>;
    type AccountStore = System;
    type RuntimeHoldReason = RuntimeHoldReason;
}

impl pallet_timestamp::Config for Test {
    type Moment = u64;
    type OnTimestampSet = ();
    type MinimumPeriod = ConstU64<1>;
    type WeightInfo = ();
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
    type Balance = Balance;
    type AssetId = u32;
    type AssetIdParameter = u32;
    type Currency = Balances;
    type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
    type ForceOrigin = EnsureRoot<AccountId>;
    type Freezer = ();
    type Holder = ();
    type CallbackHandle = ();
    type AssetIdAllocator = ();
}

/// Counterparties in tests track this chain with ibc-testkit's mock client: its consensus
/// state is a `MockHeader` (height, timestamp).
pub struct TestkitSelfClient;

impl SelfClient for TestkitSelfClient {
    fn validate(client_state: &Any, host_height: &Height) -> Result<(), String> {
        if client_state.type_url != MOCK_CLIENT_STATE_TYPE_URL {
            return Err(format!("unexpected client type {}", client_state.type_url));
        }
        let state = <MockClientState as Protobuf<ibc_proto::ibc::mock::ClientState>>::decode_vec(&client_state.value).map_err(|e| e.to_string())?;
        if state.is_frozen() {
            return Err("frozen".into());
        }
        if state.latest_height() > *host_height {
            return Err("ahead of this chain".into());
        }
        Ok(())
    }

    fn consensus_state(height: &Height, record: &HostConsensusRecord) -> SelfConsensusState {
        let timestamp = Timestamp::from_nanoseconds(record.timestamp_nanos);
        let consensus = MockConsensusState::new(MockHeader::new(*height).with_timestamp(timestamp));
        SelfConsensusState {
            any: consensus.into(),
            root: CommitmentRoot::from_bytes(&record.root),
            timestamp,
        }
    }
}

parameter_types! {
    pub const IbcPalletId: PalletId = PalletId(*b"py/ibcbr");
    pub const NativeDenom: &'static str = "uxprt";
    pub const Ss58: u16 = 42;
    pub const ObjectDeposit: Balance = 100;
}

impl pallet_ibc_bridge::Config for Test {
    type RuntimeEvent = RuntimeEvent;
    type Balance = Balance;
    type AssetId = u32;
    type Currency = Balances;
    type RuntimeHoldReason = RuntimeHoldReason;
    type Assets = Assets;
    type TimeProvider = Time;
    type GovernanceOrigin = EnsureRoot<AccountId>;
    type SelfClient = TestkitSelfClient;
    type RevisionNumber = ConstU64<0>;
    type ExpectedBlockTimeMillis = ConstU64<6000>;
    type NativeDenom = NativeDenom;
    type Ss58Prefix = Ss58;
    type PalletId = IbcPalletId;
    type FirstVoucherId = ConstU32<1_000_000>;
    type ObjectDeposit = ObjectDeposit;
    type MaxMessages = ConstU32<16>;
    type MaxMessageSize = ConstU32<65_536>;
    type MaxConsensusStates = ConstU32<64>;
    type HostHistory = ConstU32<100>;
    type WeightInfo = ();
    #[cfg(feature = "runtime-benchmarks")]
    type BenchmarkHelper = MockBenchmarkHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u32> for MockBenchmarkHelper {
    fn set_time(unix_ms: u64) {
        Time::set_timestamp(unix_ms);
    }
    fn create_asset() -> u32 {
        USDT
    }
}

pub const ALICE: [u8; 32] = [1u8; 32];
pub const BOB: [u8; 32] = [2u8; 32];
pub const RELAYER: [u8; 32] = [9u8; 32];
pub const USDT: u32 = 1984;
/// Genesis wall-clock time: 2026-01-01T00:00:00Z.
pub const GENESIS_MS: u64 = 1_767_225_600_000;
/// Block time of the mock chain.
pub const BLOCK_MS: u64 = 6_000;

pub fn acc(raw: [u8; 32]) -> AccountId {
    AccountId32::new(raw)
}

pub fn new_test_ext() -> sp_io::TestExternalities {
    let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
    pallet_balances::GenesisConfig::<Test> {
        balances: vec![(acc(ALICE), 1_000_000_000), (acc(BOB), 1_000_000_000), (acc(RELAYER), 1_000_000)],
        ..Default::default()
    }
    .assimilate_storage(&mut t)
    .unwrap();
    pallet_assets::GenesisConfig::<Test> {
        assets: vec![(USDT, acc(ALICE), true, 1)],
        metadata: vec![],
        accounts: vec![(USDT, acc(ALICE), 1_000_000_000)],
        next_asset_id: None,
        reserves: vec![],
    }
    .assimilate_storage(&mut t)
    .unwrap();
    let mut ext = sp_io::TestExternalities::new(t);
    ext.execute_with(|| {
        System::set_block_number(1);
        Time::set_timestamp(GENESIS_MS);
    });
    ext
}

/// Finishes the current block (recording this chain's consensus state) and starts the next
/// one `BLOCK_MS` later.
pub fn next_block() {
    let n = System::block_number();
    Ibc::on_finalize(n);
    System::set_block_number(n + 1);
    Time::set_timestamp(Time::get() + BLOCK_MS);
    Ibc::on_initialize(n + 1);
}

pub fn ibc_events() -> Vec<(Vec<u8>, Vec<(Vec<u8>, Vec<u8>)>)> {
    System::events()
        .into_iter()
        .filter_map(|r| match r.event {
            RuntimeEvent::Ibc(crate::Event::Ibc { kind, attributes }) => Some((kind, attributes)),
            _ => None,
        })
        .collect()
}
