//! Behaviour behind the calls.

use alloc::{string::String, string::ToString, vec::Vec};
use core::str::FromStr;

use frame_support::{
    dispatch::DispatchResult,
    ensure,
    traits::{
        fungible::{Inspect as FunInspect, MutateHold},
        fungibles::{Create, Inspect as FunsInspect},
        tokens::{Fortitude, Precision, Preservation},
        Get, UnixTime,
    },
    weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
use ibc::apps::transfer::handler::send_transfer;
use ibc::apps::transfer::types::msgs::transfer::MsgTransfer;
use ibc::apps::transfer::types::packet::PacketData;
use ibc::apps::transfer::types::{Amount, Memo, PrefixedCoin, PrefixedDenom};
use ibc::core::channel::types::timeout::{TimeoutHeight, TimeoutTimestamp};
use ibc::core::client::context::client_state::ClientStateCommon;
use ibc::core::client::context::ClientExecutionContext;
use ibc::core::client::context::ClientValidationContext;
use ibc::core::client::types::msgs::{MsgRecoverClient, RECOVER_CLIENT_TYPE_URL};
use ibc::core::client::types::Height;
use ibc::core::client::handler::recover_client;
use ibc::core::entrypoint::dispatch;
use ibc::core::handler::types::error::HandlerError;
use ibc::core::handler::types::events::IbcEvent;
use ibc::core::handler::types::msgs::MsgEnvelope;
use ibc::core::host::types::identifiers::{ChannelId, ClientId, PortId};
use ibc::core::host::types::path::{ChannelEndPath, ClientStatePath, SeqSendPath};
use ibc::core::host::ValidationContext;
use ibc::core::primitives::proto::Any;
use ibc::core::primitives::{Signer, Timestamp};
use sp_runtime::traits::{SaturatedConversion, Saturating, Zero};

use crate::host::{commitment_root, IbcContext};
use crate::transfer::{account_string, denom_of, resolve_denom, IbcRouter, LocalToken, TransferModule};
use crate::types::*;
use crate::{
    AssetDenoms, Config, DenomAssets, Deposits, Error, Event, HoldReason, HostConsensusStates,
    MessagesOf, NextVoucherId, Pallet, RateLimits, RateUsages, TransfersDisabled, WeightInfo,
};

/// Fewest bytes one validator adds to a `MsgUpdateClient` (validator-set entry, trusted
/// validator-set entry, commit signature); measured on the fixtures (see `README.md`).
pub const UPDATE_BYTES_PER_VALIDATOR: u32 = 200;

/// Validator count whose update weight is charged for a message of an unknown type (refused as
/// undecodable, but charged up front as the costliest kind).
pub const PROOF_MESSAGE_VALIDATORS: u32 = 150;

impl<T: Config> Pallet<T> {
    pub(crate) fn block_number_u64() -> u64 {
        frame_system::Pallet::<T>::block_number().saturated_into::<u64>()
    }

    pub(crate) fn now_nanos() -> u64 {
        u64::try_from(T::TimeProvider::now().as_nanos()).unwrap_or(u64::MAX)
    }

    /// Weight of a `deliver` batch. Client creation and updates are benchmarked (updates by
    /// the validator count, estimated from the message size: every validator adds its entry
    /// to the header's validator set and trusted validator set and its commit signature, at
    /// least [`UPDATE_BYTES_PER_VALIDATOR`] bytes). Messages carrying ICS-23 proofs
    /// (handshakes, packets) are charged as an update of a 150-validator header — an upper
    /// bound until their own benchmarks exist (one proof check is far cheaper than 150
    /// signature checks).
    pub(crate) fn deliver_weight(messages: &MessagesOf<T>) -> Weight {
        messages.iter().fold(Weight::zero(), |acc, m| {
            let validators = (m.value.len() as u32)
                .saturating_div(UPDATE_BYTES_PER_VALIDATOR)
                .saturating_add(1);
            // One membership proof and a store: what `deliver_chan_open_ack` measures.
            let one_proof = T::WeightInfo::deliver_chan_open_ack();
            let w = match m.type_url.as_slice() {
                b"/ibc.core.client.v1.MsgCreateClient" => T::WeightInfo::create_client(),
                b"/ibc.core.client.v1.MsgUpdateClient"
                | b"/ibc.core.client.v1.MsgSubmitMisbehaviour"
                | b"/ibc.core.client.v1.MsgUpgradeClient" => T::WeightInfo::update_client(validators),
                b"/ibc.core.channel.v1.MsgRecvPacket" => T::WeightInfo::deliver_recv_packet(),
                b"/ibc.core.channel.v1.MsgAcknowledgement" => T::WeightInfo::deliver_acknowledgement(),
                b"/ibc.core.channel.v1.MsgTimeout" => T::WeightInfo::deliver_timeout(),
                // Timeout plus the proof that the counterparty closed the channel.
                b"/ibc.core.channel.v1.MsgTimeoutOnClose" => {
                    T::WeightInfo::deliver_timeout().saturating_add(one_proof)
                }
                // Three membership proofs (connection end, client state, consensus state) and
                // the check of the counterparty's client of this chain; a try also stores a new
                // connection end, as an ack stores the updated one.
                b"/ibc.core.connection.v1.MsgConnectionOpenTry"
                | b"/ibc.core.connection.v1.MsgConnectionOpenAck" => T::WeightInfo::deliver_conn_open_ack(),
                // Inits (no proof) and the other one-proof handshake steps.
                b"/ibc.core.connection.v1.MsgConnectionOpenInit"
                | b"/ibc.core.connection.v1.MsgConnectionOpenConfirm"
                | b"/ibc.core.channel.v1.MsgChannelOpenInit"
                | b"/ibc.core.channel.v1.MsgChannelOpenTry"
                | b"/ibc.core.channel.v1.MsgChannelOpenAck"
                | b"/ibc.core.channel.v1.MsgChannelOpenConfirm"
                | b"/ibc.core.channel.v1.MsgChannelCloseInit"
                | b"/ibc.core.channel.v1.MsgChannelCloseConfirm" => one_proof,
                // Anything else is refused as undecodable; charged as the costliest message.
                _ => T::WeightInfo::update_client(PROOF_MESSAGE_VALIDATORS),
            };
            acc.saturating_add(w)
        })
    }

    fn handler_error(e: &HandlerError) -> Error<T> {
        log::debug!(target: "ibc", "message refused: {e}");
        match e {
            HandlerError::Client(_) => Error::<T>::ClientError,
            HandlerError::Connection(_) => Error::<T>::ConnectionError,
            HandlerError::Channel(_) => Error::<T>::ChannelError,
            HandlerError::Router(_) => Error::<T>::RouterError,
        }
    }

    pub(crate) fn do_deliver(
        who: &T::AccountId,
        messages: Vec<crate::RawMessage<T::MaxMessageSize>>,
    ) -> DispatchResult {
        for (index, raw) in messages.into_iter().enumerate() {
            let type_url = String::from_utf8(raw.type_url.into_inner())
                .map_err(|_| Error::<T>::UndecodableMessage)?;
            if type_url == RECOVER_CLIENT_TYPE_URL {
                return Err(Error::<T>::GovernanceOnlyMessage.into());
            }
            let any = Any { type_url: type_url.clone(), value: raw.value.into_inner() };
            let msg = MsgEnvelope::try_from(any).map_err(|e| {
                log::debug!(target: "ibc", "undecodable message {type_url}: {e}");
                Error::<T>::UndecodableMessage
            })?;
            let mut ctx = IbcContext::<T>::new();
            let mut router = IbcRouter::<T>::default();
            dispatch(&mut ctx, &mut router, msg).map_err(|e| Self::handler_error(&e))?;
            Self::settle_deposits(who, &ctx.events)?;
            Self::emit_ibc_events(ctx.events);
            Self::deposit_event(Event::MessageProcessed {
                index: index as u32,
                type_url: type_url.into_bytes(),
            });
        }
        Ok(())
    }

    /// Holds the anti-spam deposit for every client, connection and channel the events say
    /// were created, and returns a channel's deposit once it is closed.
    fn settle_deposits(who: &T::AccountId, events: &[IbcEvent]) -> DispatchResult {
        for event in events {
            let created = match event {
                IbcEvent::CreateClient(e) => Some((IbcObject::Client, e.client_id().to_string())),
                IbcEvent::OpenInitConnection(e) => Some((IbcObject::Connection, e.conn_id_on_a().to_string())),
                IbcEvent::OpenTryConnection(e) => Some((IbcObject::Connection, e.conn_id_on_b().to_string())),
                IbcEvent::OpenInitChannel(e) => Some((IbcObject::Channel, e.chan_id_on_a().to_string())),
                IbcEvent::OpenTryChannel(e) => Some((IbcObject::Channel, e.chan_id_on_b().to_string())),
                _ => None,
            };
            if let Some((object, id)) = created {
                let amount = T::ObjectDeposit::get();
                let key = IdBytes::try_from(id.clone().into_bytes()).map_err(|_| Error::<T>::InvalidChannel)?;
                if !amount.is_zero() {
                    T::Currency::hold(&HoldReason::IbcObjectDeposit.into(), who, amount)
                        .map_err(|_| Error::<T>::InsufficientDeposit)?;
                }
                Deposits::<T>::insert(object, &key, (who.clone(), amount));
                Self::deposit_event(Event::DepositHeld { who: who.clone(), object, id: id.into_bytes(), amount });
            }
            let closed = match event {
                IbcEvent::CloseInitChannel(e) => Some(e.chan_id_on_a().to_string()),
                IbcEvent::CloseConfirmChannel(e) => Some(e.chan_id_on_b().to_string()),
                IbcEvent::ChannelClosed(e) => e.chan_id_on_a().map(|c| c.to_string()),
                _ => None,
            };
            if let Some(id) = closed {
                if let Ok(key) = IdBytes::try_from(id.clone().into_bytes()) {
                    if let Some((depositor, amount)) = Deposits::<T>::take(IbcObject::Channel, &key) {
                        let _ = T::Currency::release(
                            &HoldReason::IbcObjectDeposit.into(),
                            &depositor,
                            amount,
                            Precision::BestEffort,
                        );
                        Self::deposit_event(Event::DepositReleased { who: depositor, id: id.into_bytes(), amount });
                    }
                }
            }
        }
        Ok(())
    }

    /// Deposits ibc-rs' events in the ABCI form (kind + attributes) relayers understand.
    fn emit_ibc_events(events: Vec<IbcEvent>) {
        for event in events {
            match tendermint::abci::Event::try_from(event) {
                Ok(abci) => Self::deposit_event(Event::Ibc {
                    kind: abci.kind.into_bytes(),
                    attributes: abci
                        .attributes
                        .into_iter()
                        .map(|a| (a.key_bytes().to_vec(), a.value_bytes().to_vec()))
                        .collect(),
                }),
                Err(e) => log::warn!(target: "ibc", "event not convertible: {e}"),
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn do_transfer(
        who: T::AccountId,
        channel: IdBytes,
        asset: TransferAsset<T::AssetId>,
        amount: T::Balance,
        receiver: AddressBytes,
        timeout_height: Option<(u64, u64)>,
        timeout_timestamp: Option<u64>,
        memo: MemoBytes,
    ) -> DispatchResult {
        ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
        let channel_str = core::str::from_utf8(&channel).map_err(|_| Error::<T>::InvalidChannel)?;
        let channel_id = ChannelId::from_str(channel_str).map_err(|_| Error::<T>::InvalidChannel)?;
        ensure!(!TransfersDisabled::<T>::contains_key(&channel), Error::<T>::TransfersDisabled);
        let ctx = IbcContext::<T>::new();
        let port = PortId::transfer();
        ctx.channel_end(&ChannelEndPath::new(&port, &channel_id)).map_err(|_| Error::<T>::UnknownChannel)?;
        let receiver_str = core::str::from_utf8(&receiver).map_err(|_| Error::<T>::InvalidReceiver)?;
        ensure!(!receiver_str.trim().is_empty(), Error::<T>::InvalidReceiver);
        ensure!(timeout_height.is_some() || timeout_timestamp.is_some(), Error::<T>::MissingTimeout);

        let denom = denom_of::<T>(&asset);
        let token = resolve_denom::<T>(&denom).ok_or(Error::<T>::UnknownAsset)?;
        let spendable = match token {
            LocalToken::Native => T::Currency::reducible_balance(&who, Preservation::Preserve, Fortitude::Polite),
            LocalToken::Escrowed(id) | LocalToken::Bridged(id) =>
                T::Assets::reducible_balance(id, &who, Preservation::Preserve, Fortitude::Polite),
        };
        ensure!(spendable >= amount, Error::<T>::InsufficientBalance);
        Self::check_rate(&denom, Flow::Out, amount)?;

        let timeout_height_on_b = match timeout_height {
            Some((rev, h)) => TimeoutHeight::At(Height::new(rev, h).map_err(|_| Error::<T>::MissingTimeout)?),
            None => TimeoutHeight::Never,
        };
        let timeout_timestamp_on_b = match timeout_timestamp {
            Some(ns) => TimeoutTimestamp::At(Timestamp::from_nanoseconds(ns)),
            None => TimeoutTimestamp::Never,
        };
        let amount_u128: u128 = amount.into();
        let coin = PrefixedCoin {
            denom: PrefixedDenom::from_str(&denom).map_err(|_| Error::<T>::UnknownAsset)?,
            amount: Amount::from(ibc::apps::transfer::types::U256::from(amount_u128)),
        };
        let memo_str = String::from_utf8(memo.into_inner()).map_err(|_| Error::<T>::TransferFailed)?;
        let msg = MsgTransfer {
            port_id_on_a: port.clone(),
            chan_id_on_a: channel_id.clone(),
            packet_data: PacketData {
                token: coin,
                sender: Signer::from(account_string::<T>(&who)),
                receiver: Signer::from(receiver_str.to_string()),
                memo: Memo::from(memo_str),
            },
            timeout_height_on_b,
            timeout_timestamp_on_b,
        };
        let sequence: u64 = ctx
            .get_next_sequence_send(&SeqSendPath::new(&port, &channel_id))
            .map_err(|_| Error::<T>::UnknownChannel)?
            .into();
        let mut ctx = ctx;
        let mut module = TransferModule::<T>::default();
        send_transfer(&mut ctx, &mut module, msg).map_err(|e| {
            log::debug!(target: "ibc", "transfer refused: {e}");
            Error::<T>::TransferFailed
        })?;
        Self::emit_ibc_events(ctx.events);
        Self::deposit_event(Event::TransferSent {
            sender: who,
            channel: channel.into_inner(),
            denom: denom.into_bytes(),
            amount,
            receiver: receiver.into_inner(),
            sequence,
        });
        Ok(())
    }

    pub(crate) fn transfers_disabled(channel: &ChannelId) -> bool {
        IdBytes::try_from(channel.as_str().as_bytes().to_vec())
            .map(|key| TransfersDisabled::<T>::contains_key(key))
            .unwrap_or(false)
    }

    fn window(limit: &RateLimit<T::Balance, BlockNumberFor<T>>, usage: &RateUsage<T::Balance, BlockNumberFor<T>>) -> T::Balance {
        let now = frame_system::Pallet::<T>::block_number();
        if now.saturating_sub(usage.window_start) >= limit.period {
            Zero::zero()
        } else {
            usage.used
        }
    }

    /// Refuses `amount` of `denom` in direction `flow` if it would exceed the denomination's
    /// rate limit in the current window.
    pub(crate) fn check_rate(denom: &str, flow: Flow, amount: T::Balance) -> Result<(), Error<T>> {
        let Ok(key) = DenomBytes::try_from(denom.as_bytes().to_vec()) else { return Ok(()) };
        let Some(limit) = RateLimits::<T>::get(&key) else { return Ok(()) };
        let used = Self::window(&limit, &RateUsages::<T>::get(&key, flow));
        ensure!(used.saturating_add(amount) <= limit.max_amount, Error::<T>::RateLimited);
        Ok(())
    }

    /// Counts `amount` against the rate limit of `denom` (if it has one).
    pub(crate) fn record_rate(denom: &str, flow: Flow, amount: T::Balance) {
        let Ok(key) = DenomBytes::try_from(denom.as_bytes().to_vec()) else { return };
        let Some(limit) = RateLimits::<T>::get(&key) else { return };
        RateUsages::<T>::mutate(&key, flow, |usage| {
            let now = frame_system::Pallet::<T>::block_number();
            if now.saturating_sub(usage.window_start) >= limit.period {
                usage.window_start = now;
                usage.used = Zero::zero();
            }
            usage.used = usage.used.saturating_add(amount);
        });
    }

    /// Creates the voucher asset for a denomination arriving for the first time.
    pub(crate) fn create_voucher(denom: DenomBytes) -> Result<T::AssetId, &'static str> {
        let mut next = NextVoucherId::<T>::get().unwrap_or_else(T::FirstVoucherId::get);
        // Skip ids somebody already used for a local asset.
        let mut tries = 0u32;
        while T::Assets::asset_exists(next.into()) {
            next = next.checked_add(1).ok_or("voucher ids exhausted")?;
            tries = tries.saturating_add(1);
            if tries > 64 {
                return Err("no free voucher id");
            }
        }
        let asset: T::AssetId = next.into();
        let owner = Self::account_id();
        T::Assets::create(asset, owner, true, 1u128.into()).map_err(|_| "voucher asset not created")?;
        NextVoucherId::<T>::put(next.checked_add(1).ok_or("voucher ids exhausted")?);
        DenomAssets::<T>::insert(&denom, asset);
        AssetDenoms::<T>::insert(asset, DenomTrace { denom: denom.clone(), mapped: false });
        Self::deposit_event(Event::VoucherCreated { asset, denom: denom.into_inner() });
        Ok(asset)
    }

    /// The pallet's own account: owner of vouchers.
    pub fn account_id() -> T::AccountId {
        use sp_runtime::traits::AccountIdConversion;
        T::PalletId::get().into_account_truncating()
    }

    fn parse_client(client: &IdBytes) -> Result<ClientId, Error<T>> {
        let s = core::str::from_utf8(client).map_err(|_| Error::<T>::InvalidClient)?;
        ClientId::from_str(s).map_err(|_| Error::<T>::InvalidClient)
    }

    pub(crate) fn set_frozen(client: IdBytes, freeze: bool) -> DispatchResult {
        let client_id = Self::parse_client(&client)?;
        let mut ctx = IbcContext::<T>::new();
        let state = ctx.client_state(&client_id).map_err(|_| Error::<T>::UnknownClient)?;
        let inner = state.inner().clone();
        let new_state = if freeze {
            ensure!(!inner.is_frozen(), Error::<T>::ClientAlreadyFrozen);
            // Height 0-1 is ibc-go's marker for a client frozen by governance.
            let marker = Height::new(0, 1).map_err(|_| Error::<T>::InvalidClient)?;
            inner.with_frozen_height(marker)
        } else {
            ensure!(inner.is_frozen(), Error::<T>::ClientNotFrozen);
            let mut unfrozen = inner;
            unfrozen.frozen_height = None;
            unfrozen
        };
        ctx.store_client_state(ClientStatePath::new(client_id), new_state.into())
            .map_err(|_| Error::<T>::UnknownClient)?;
        let client = client.into_inner();
        Self::deposit_event(if freeze { Event::ClientFrozen { client } } else { Event::ClientUnfrozen { client } });
        Ok(())
    }

    pub(crate) fn do_recover(subject: IdBytes, substitute: IdBytes) -> DispatchResult {
        let subject_client_id = Self::parse_client(&subject)?;
        let substitute_client_id = Self::parse_client(&substitute)?;
        let ctx = IbcContext::<T>::new();
        ctx.client_state(&subject_client_id).map_err(|_| Error::<T>::UnknownClient)?;
        ctx.client_state(&substitute_client_id).map_err(|_| Error::<T>::UnknownClient)?;
        let msg = MsgRecoverClient {
            subject_client_id,
            substitute_client_id,
            signer: Signer::from("governance".to_string()),
        };
        // ibc-rs' entry point ignores recovery messages (they need governance); run its
        // handler directly.
        let mut ctx = ctx;
        recover_client::validate(&ctx, msg.clone()).map_err(|e| Self::handler_error(&HandlerError::Client(e)))?;
        recover_client::execute(&mut ctx, msg).map_err(|e| Self::handler_error(&HandlerError::Client(e)))?;
        Self::emit_ibc_events(ctx.events);
        Self::deposit_event(Event::ClientRecovered { subject: subject.into_inner(), substitute: substitute.into_inner() });
        Ok(())
    }

    pub(crate) fn do_map_denom(denom: DenomBytes, asset: T::AssetId) -> DispatchResult {
        let s = core::str::from_utf8(&denom).map_err(|_| Error::<T>::InvalidDenom)?;
        let parsed = PrefixedDenom::from_str(s).map_err(|_| Error::<T>::InvalidDenom)?;
        // Only a trace (a token that came from elsewhere) can be mapped.
        ensure!(!parsed.trace_path.is_empty(), Error::<T>::InvalidDenom);
        ensure!(parsed.to_string().as_bytes() == denom.as_slice(), Error::<T>::InvalidDenom);
        ensure!(!DenomAssets::<T>::contains_key(&denom), Error::<T>::DenomAlreadyMapped);
        ensure!(!AssetDenoms::<T>::contains_key(asset), Error::<T>::AssetAlreadyMapped);
        ensure!(T::Assets::asset_exists(asset), Error::<T>::UnknownAsset);
        DenomAssets::<T>::insert(&denom, asset);
        AssetDenoms::<T>::insert(asset, DenomTrace { denom: denom.clone(), mapped: true });
        Self::deposit_event(Event::DenomMapped { denom: denom.into_inner(), asset });
        Ok(())
    }

    pub(crate) fn do_unmap_denom(denom: DenomBytes) -> DispatchResult {
        let asset = DenomAssets::<T>::get(&denom).ok_or(Error::<T>::DenomNotMapped)?;
        let trace = AssetDenoms::<T>::get(asset).ok_or(Error::<T>::DenomNotMapped)?;
        ensure!(trace.mapped, Error::<T>::DenomNotMapped);
        DenomAssets::<T>::remove(&denom);
        AssetDenoms::<T>::remove(asset);
        Self::deposit_event(Event::DenomUnmapped { denom: denom.into_inner(), asset });
        Ok(())
    }

    /// Records this block's consensus state and prunes the one that fell out of history.
    pub(crate) fn record_host_consensus_state(n: BlockNumberFor<T>) {
        let number: u64 = n.saturated_into::<u64>();
        HostConsensusStates::<T>::insert(
            number,
            HostConsensusRecord { timestamp_nanos: Self::now_nanos(), root: commitment_root() },
        );
        if let Some(old) = number.checked_sub(u64::from(T::HostHistory::get())) {
            HostConsensusStates::<T>::remove(old);
        }
    }

    /// Runtime API: the value at an ICS-24 path.
    pub fn path_value(path: Vec<u8>) -> Option<Vec<u8>> {
        sp_io::default_child_storage::get(crate::host::IBC_CHILD_TRIE, &path)
    }

    /// Runtime API: the denomination trace of an asset.
    pub fn denom_trace(asset: T::AssetId) -> Option<DenomTrace> {
        AssetDenoms::<T>::get(asset)
    }

    /// Runtime API: the asset a trace is held as.
    pub fn denom_asset(denom: Vec<u8>) -> Option<T::AssetId> {
        DenomAssets::<T>::get(DenomBytes::try_from(denom).ok()?)
    }

    /// Runtime API: a channel's escrow account.
    pub fn channel_escrow(channel: Vec<u8>) -> Option<T::AccountId> {
        let s = core::str::from_utf8(&channel).ok()?;
        ChannelId::from_str(s).ok().map(|c| crate::transfer::escrow_account::<T>(&c))
    }

    /// The latest height of a client (for tests and the runtime API).
    pub fn client_latest_height(client: &ClientId) -> Option<Height> {
        IbcContext::<T>::new().client_state(client).ok().map(|c| c.latest_height())
    }
}

