//! ICS-20 fungible token transfer: the `transfer` port's IBC module and ibc-rs' token
//! contexts over `Config::Currency` (XPRT) and `Config::Assets` (pallet-assets).
//!
//! Denominations on this chain:
//! - `Config::NativeDenom` (`uxprt`): XPRT, escrowed in the channel's escrow account while
//!   abroad;
//! - `asset-<id>`: a local pallet-assets token (e.g. `asset-1984`, USDT), escrowed likewise;
//! - `<port>/<channel>/…/<base>`: a token that arrived over IBC. The first arrival creates a
//!   **voucher** asset (`DenomAssets` / `AssetDenoms` record the trace); sending it back burns
//!   it. Governance can instead map a trace onto an existing asset (`map_denom`): arrivals
//!   mint that asset, sending it on the mapped channel burns it.

use alloc::{format, string::String, string::ToString};
use core::marker::PhantomData;

use frame_support::traits::{
    fungible::{Inspect as FunInspect, Mutate as FunMutate},
    fungibles::{Inspect as FunsInspect, Mutate as FunsMutate},
    tokens::{Fortitude, Precision, Preservation},
    Get,
};
use ibc::apps::transfer::context::{TokenTransferExecutionContext, TokenTransferValidationContext};
use ibc::apps::transfer::module as ics20;
use ibc::apps::transfer::types::{Memo, PrefixedCoin, PrefixedDenom, VERSION};
use ibc::core::channel::types::acknowledgement::{Acknowledgement, AcknowledgementStatus, StatusValue};
use ibc::core::channel::types::channel::{Counterparty, Order};
use ibc::core::channel::types::error::ChannelError;
use ibc::core::channel::types::packet::Packet;
use ibc::core::channel::types::Version;
use ibc::core::host::types::error::HostError;
use ibc::core::host::types::identifiers::{ChannelId, ConnectionId, PortId};
use ibc::core::primitives::Signer;
use ibc::core::router::module::Module;
use ibc::core::router::router::Router;
use ibc::core::router::types::module::{ModuleExtras, ModuleId};
use sp_core::crypto::{AccountId32, Ss58Codec};
use sp_runtime::traits::{AccountIdConversion, Zero};

use crate::types::{DenomBytes, DenomTrace, Flow};
use crate::{AssetDenoms, AssetIdOf, BalanceOf, Config, DenomAssets, Pallet};

/// The ICS-20 port.
pub const TRANSFER_PORT: &str = "transfer";

/// Prefix of local pallet-assets denominations: `asset-<id>`.
pub const LOCAL_ASSET_DENOM_PREFIX: &str = "asset-";

/// What a denomination means on this chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LocalToken<AssetId> {
    /// XPRT.
    Native,
    /// A local asset that leaves by escrow.
    Escrowed(AssetId),
    /// A voucher or mapped asset that leaves by burning.
    Bridged(AssetId),
}

fn host_err(e: impl core::fmt::Debug) -> HostError {
    HostError::invalid_state(format!("{e:?}"))
}

pub(crate) fn to_balance<T: Config>(coin: &PrefixedCoin) -> Result<BalanceOf<T>, HostError> {
    let wide: ibc::apps::transfer::types::U256 = coin.amount.into();
    let amount: u128 = u128::try_from(wide).map_err(|_| host_err("amount exceeds u128"))?;
    Ok(amount.into())
}

/// Parses an account from a packet's sender/receiver string: SS58 (any network prefix) or
/// `0x` + 64 hex digits.
pub fn parse_account<T: Config>(signer: &Signer) -> Result<T::AccountId, HostError> {
    let s = signer.as_ref();
    let raw: [u8; 32] = if let Some(hex) = s.strip_prefix("0x") {
        let bytes = sp_core::bytes::from_hex(hex).map_err(|_| host_err("receiver is not valid hex"))?;
        bytes.as_slice().try_into().map_err(|_| host_err("receiver is not 32 bytes"))?
    } else {
        let (account, _) = AccountId32::from_ss58check_with_version(s)
            .map_err(|_| host_err(format!("`{s}` is not an SS58 address")))?;
        account.into()
    };
    Ok(T::AccountId::from(AccountId32::new(raw)))
}

/// The SS58 string of an account (this chain's prefix), used as the ICS-20 sender.
pub fn account_string<T: Config>(who: &T::AccountId) -> String {
    let raw: AccountId32 = who.clone().into();
    raw.to_ss58check_with_version(T::Ss58Prefix::get().into())
}

/// The account holding the escrow of one channel.
pub fn escrow_account<T: Config>(channel: &ChannelId) -> T::AccountId {
    let tag = sp_io::hashing::blake2_128(channel.as_str().as_bytes());
    T::PalletId::get().into_sub_account_truncating((b"escrow", tag))
}

/// Resolves a denomination as it appears on this chain.
pub fn resolve_denom<T: Config>(denom: &str) -> Option<LocalToken<AssetIdOf<T>>> {
    if denom == T::NativeDenom::get() {
        return Some(LocalToken::Native);
    }
    if let Ok(key) = DenomBytes::try_from(denom.as_bytes().to_vec()) {
        if let Some(asset) = DenomAssets::<T>::get(&key) {
            return Some(LocalToken::Bridged(asset));
        }
    }
    let id: u32 = denom.strip_prefix(LOCAL_ASSET_DENOM_PREFIX)?.parse().ok()?;
    let asset: AssetIdOf<T> = id.into();
    // A voucher's own `asset-<id>` name is not a second way to escrow it.
    if AssetDenoms::<T>::contains_key(asset) {
        return None;
    }
    T::Assets::asset_exists(asset).then_some(LocalToken::Escrowed(asset))
}

/// The denomination string a user's `TransferAsset` travels under.
pub fn denom_of<T: Config>(asset: &crate::types::TransferAsset<AssetIdOf<T>>) -> String {
    match asset {
        crate::types::TransferAsset::Native => T::NativeDenom::get().into(),
        crate::types::TransferAsset::Asset(id) => match AssetDenoms::<T>::get(id) {
            Some(trace) => String::from_utf8_lossy(&trace.denom).into_owned(),
            None => format!("{LOCAL_ASSET_DENOM_PREFIX}{}", Into::<u32>::into(*id)),
        },
    }
}

fn denom_key(denom: &PrefixedDenom) -> Result<DenomBytes, HostError> {
    DenomBytes::try_from(denom.to_string().into_bytes()).map_err(|_| host_err("denomination too long"))
}

/// ICS-20 application state: zero-sized, everything is in storage.
pub struct TransferModule<T>(PhantomData<T>);

impl<T> core::fmt::Debug for TransferModule<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("TransferModule")
    }
}

impl<T> Default for TransferModule<T> {
    fn default() -> Self {
        Self(PhantomData)
    }
}

impl<T: Config> TransferModule<T> {
    fn escrowable(coin: &PrefixedCoin) -> Result<LocalToken<AssetIdOf<T>>, HostError> {
        // Vouchers may be escrowed too: forwarding one over another channel than it came by.
        resolve_denom::<T>(&coin.denom.to_string())
            .ok_or_else(|| host_err(format!("`{}` is not a token of this chain", coin.denom)))
    }

    fn bridged(coin: &PrefixedCoin) -> Result<Option<AssetIdOf<T>>, HostError> {
        Ok(DenomAssets::<T>::get(denom_key(&coin.denom)?))
    }
}

impl<T: Config> TokenTransferValidationContext for TransferModule<T> {
    type AccountId = T::AccountId;

    fn sender_account(&self, sender: &Signer) -> Result<Self::AccountId, HostError> {
        parse_account::<T>(sender)
    }

    fn receiver_account(&self, receiver: &Signer) -> Result<Self::AccountId, HostError> {
        parse_account::<T>(receiver)
    }

    fn get_port(&self) -> Result<PortId, HostError> {
        Ok(PortId::transfer())
    }

    fn can_send_coins(&self) -> Result<(), HostError> {
        Ok(())
    }

    fn can_receive_coins(&self) -> Result<(), HostError> {
        Ok(())
    }

    fn escrow_coins_validate(
        &self,
        from: &Self::AccountId,
        _port_id: &PortId,
        channel_id: &ChannelId,
        coin: &PrefixedCoin,
        _memo: &Memo,
    ) -> Result<(), HostError> {
        let amount = to_balance::<T>(coin)?;
        let token = Self::escrowable(coin)?;
        Pallet::<T>::check_rate(&coin.denom.to_string(), Flow::Out, amount).map_err(host_err)?;
        let escrow = escrow_account::<T>(channel_id);
        let ok = match token {
            LocalToken::Native => T::Currency::reducible_balance(from, Preservation::Preserve, Fortitude::Polite) >= amount,
            LocalToken::Escrowed(id) | LocalToken::Bridged(id) =>
                T::Assets::reducible_balance(id, from, Preservation::Preserve, Fortitude::Polite) >= amount,
        };
        if !ok || escrow == *from {
            return Err(host_err("insufficient funds"));
        }
        Ok(())
    }

    fn unescrow_coins_validate(
        &self,
        _to: &Self::AccountId,
        _port_id: &PortId,
        channel_id: &ChannelId,
        coin: &PrefixedCoin,
    ) -> Result<(), HostError> {
        let amount = to_balance::<T>(coin)?;
        let token = Self::escrowable(coin)?;
        Pallet::<T>::check_rate(&coin.denom.to_string(), Flow::In, amount).map_err(host_err)?;
        let escrow = escrow_account::<T>(channel_id);
        let held = match token {
            LocalToken::Native => T::Currency::balance(&escrow),
            LocalToken::Escrowed(id) | LocalToken::Bridged(id) => T::Assets::balance(id, &escrow),
        };
        if held < amount {
            return Err(host_err("escrow holds less than the packet claims"));
        }
        Ok(())
    }

    fn mint_coins_validate(&self, _account: &Self::AccountId, coin: &PrefixedCoin) -> Result<(), HostError> {
        let amount = to_balance::<T>(coin)?;
        denom_key(&coin.denom)?;
        if amount.is_zero() {
            return Err(host_err("zero amount"));
        }
        Pallet::<T>::check_rate(&coin.denom.to_string(), Flow::In, amount).map_err(host_err)
    }

    fn burn_coins_validate(
        &self,
        account: &Self::AccountId,
        coin: &PrefixedCoin,
        _memo: &Memo,
    ) -> Result<(), HostError> {
        let amount = to_balance::<T>(coin)?;
        let asset = Self::bridged(coin)?.ok_or_else(|| host_err(format!("no asset for `{}`", coin.denom)))?;
        Pallet::<T>::check_rate(&coin.denom.to_string(), Flow::Out, amount).map_err(host_err)?;
        if T::Assets::reducible_balance(asset, account, Preservation::Expendable, Fortitude::Polite) < amount {
            return Err(host_err("insufficient funds"));
        }
        Ok(())
    }

    fn denom_hash_string(&self, denom: &PrefixedDenom) -> Option<String> {
        let hash = sp_io::hashing::sha2_256(denom.to_string().as_bytes());
        Some(format!("ibc/{}", sp_core::hexdisplay::HexDisplay::from(&hash).to_string().to_uppercase()))
    }
}

impl<T: Config> TokenTransferExecutionContext for TransferModule<T> {
    fn escrow_coins_execute(
        &mut self,
        from: &Self::AccountId,
        _port_id: &PortId,
        channel_id: &ChannelId,
        coin: &PrefixedCoin,
        _memo: &Memo,
    ) -> Result<(), HostError> {
        let amount = to_balance::<T>(coin)?;
        let escrow = escrow_account::<T>(channel_id);
        match Self::escrowable(coin)? {
            LocalToken::Native => {
                T::Currency::transfer(from, &escrow, amount, Preservation::Preserve).map_err(host_err)?;
            },
            LocalToken::Escrowed(id) | LocalToken::Bridged(id) => {
                T::Assets::transfer(id, from, &escrow, amount, Preservation::Preserve).map_err(host_err)?;
            },
        }
        Pallet::<T>::record_rate(&coin.denom.to_string(), Flow::Out, amount);
        Ok(())
    }

    fn unescrow_coins_execute(
        &mut self,
        to: &Self::AccountId,
        _port_id: &PortId,
        channel_id: &ChannelId,
        coin: &PrefixedCoin,
    ) -> Result<(), HostError> {
        let amount = to_balance::<T>(coin)?;
        let escrow = escrow_account::<T>(channel_id);
        match Self::escrowable(coin)? {
            LocalToken::Native => {
                T::Currency::transfer(&escrow, to, amount, Preservation::Expendable).map_err(host_err)?;
            },
            LocalToken::Escrowed(id) | LocalToken::Bridged(id) => {
                T::Assets::transfer(id, &escrow, to, amount, Preservation::Expendable).map_err(host_err)?;
            },
        }
        Pallet::<T>::record_rate(&coin.denom.to_string(), Flow::In, amount);
        Ok(())
    }

    fn mint_coins_execute(&mut self, account: &Self::AccountId, coin: &PrefixedCoin) -> Result<(), HostError> {
        let amount = to_balance::<T>(coin)?;
        let key = denom_key(&coin.denom)?;
        let asset = match DenomAssets::<T>::get(&key) {
            Some(asset) => asset,
            None => Pallet::<T>::create_voucher(key).map_err(host_err)?,
        };
        T::Assets::mint_into(asset, account, amount).map_err(host_err)?;
        Pallet::<T>::record_rate(&coin.denom.to_string(), Flow::In, amount);
        Ok(())
    }

    fn burn_coins_execute(&mut self, account: &Self::AccountId, coin: &PrefixedCoin, _memo: &Memo) -> Result<(), HostError> {
        let amount = to_balance::<T>(coin)?;
        let asset = Self::bridged(coin)?.ok_or_else(|| host_err(format!("no asset for `{}`", coin.denom)))?;
        T::Assets::burn_from(asset, account, amount, Preservation::Expendable, Precision::Exact, Fortitude::Polite)
            .map_err(host_err)?;
        Pallet::<T>::record_rate(&coin.denom.to_string(), Flow::Out, amount);
        Ok(())
    }
}

fn app_err(e: impl ToString) -> ChannelError {
    ChannelError::AppSpecific { description: e.to_string() }
}

impl<T: Config> Module for TransferModule<T> {
    fn on_chan_open_init_validate(
        &self,
        order: Order,
        connection_hops: &[ConnectionId],
        port_id: &PortId,
        channel_id: &ChannelId,
        counterparty: &Counterparty,
        version: &Version,
    ) -> Result<Version, ChannelError> {
        ics20::on_chan_open_init_validate(self, order, connection_hops, port_id, channel_id, counterparty, version)
            .map_err(app_err)?;
        Ok(Version::new(VERSION.to_string()))
    }

    fn on_chan_open_init_execute(
        &mut self,
        order: Order,
        connection_hops: &[ConnectionId],
        port_id: &PortId,
        channel_id: &ChannelId,
        counterparty: &Counterparty,
        version: &Version,
    ) -> Result<(ModuleExtras, Version), ChannelError> {
        ics20::on_chan_open_init_execute(self, order, connection_hops, port_id, channel_id, counterparty, version)
            .map_err(app_err)
    }

    fn on_chan_open_try_validate(
        &self,
        order: Order,
        connection_hops: &[ConnectionId],
        port_id: &PortId,
        channel_id: &ChannelId,
        counterparty: &Counterparty,
        counterparty_version: &Version,
    ) -> Result<Version, ChannelError> {
        ics20::on_chan_open_try_validate(
            self, order, connection_hops, port_id, channel_id, counterparty, counterparty_version,
        )
        .map_err(app_err)?;
        Ok(Version::new(VERSION.to_string()))
    }

    fn on_chan_open_try_execute(
        &mut self,
        order: Order,
        connection_hops: &[ConnectionId],
        port_id: &PortId,
        channel_id: &ChannelId,
        counterparty: &Counterparty,
        counterparty_version: &Version,
    ) -> Result<(ModuleExtras, Version), ChannelError> {
        ics20::on_chan_open_try_execute(
            self, order, connection_hops, port_id, channel_id, counterparty, counterparty_version,
        )
        .map_err(app_err)
    }

    fn on_chan_open_ack_validate(
        &self,
        port_id: &PortId,
        channel_id: &ChannelId,
        counterparty_version: &Version,
    ) -> Result<(), ChannelError> {
        ics20::on_chan_open_ack_validate(self, port_id, channel_id, counterparty_version).map_err(app_err)
    }

    fn on_chan_open_ack_execute(
        &mut self,
        port_id: &PortId,
        channel_id: &ChannelId,
        counterparty_version: &Version,
    ) -> Result<ModuleExtras, ChannelError> {
        ics20::on_chan_open_ack_execute(self, port_id, channel_id, counterparty_version).map_err(app_err)
    }

    fn on_chan_open_confirm_validate(&self, port_id: &PortId, channel_id: &ChannelId) -> Result<(), ChannelError> {
        ics20::on_chan_open_confirm_validate(self, port_id, channel_id).map_err(app_err)
    }

    fn on_chan_open_confirm_execute(
        &mut self,
        port_id: &PortId,
        channel_id: &ChannelId,
    ) -> Result<ModuleExtras, ChannelError> {
        ics20::on_chan_open_confirm_execute(self, port_id, channel_id).map_err(app_err)
    }

    fn on_chan_close_init_validate(&self, port_id: &PortId, channel_id: &ChannelId) -> Result<(), ChannelError> {
        ics20::on_chan_close_init_validate(self, port_id, channel_id).map_err(app_err)
    }

    fn on_chan_close_init_execute(
        &mut self,
        port_id: &PortId,
        channel_id: &ChannelId,
    ) -> Result<ModuleExtras, ChannelError> {
        ics20::on_chan_close_init_execute(self, port_id, channel_id).map_err(app_err)
    }

    fn on_chan_close_confirm_validate(&self, port_id: &PortId, channel_id: &ChannelId) -> Result<(), ChannelError> {
        ics20::on_chan_close_confirm_validate(self, port_id, channel_id).map_err(app_err)
    }

    fn on_chan_close_confirm_execute(
        &mut self,
        port_id: &PortId,
        channel_id: &ChannelId,
    ) -> Result<ModuleExtras, ChannelError> {
        ics20::on_chan_close_confirm_execute(self, port_id, channel_id).map_err(app_err)
    }

    fn on_recv_packet_execute(&mut self, packet: &Packet, _relayer: &Signer) -> (ModuleExtras, Option<Acknowledgement>) {
        if Pallet::<T>::transfers_disabled(&packet.chan_id_on_b) {
            let status = StatusValue::new(format!("transfers on {} are disabled", packet.chan_id_on_b))
                .map(AcknowledgementStatus::error);
            return match status {
                Ok(status) => (ModuleExtras::empty(), Some(status.into())),
                Err(_) => (ModuleExtras::empty(), None),
            };
        }
        let (extras, ack) = ics20::on_recv_packet_execute(self, packet);
        (extras, Some(ack))
    }

    fn on_acknowledgement_packet_validate(
        &self,
        packet: &Packet,
        acknowledgement: &Acknowledgement,
        relayer: &Signer,
    ) -> Result<(), ChannelError> {
        ics20::on_acknowledgement_packet_validate(self, packet, acknowledgement, relayer).map_err(app_err)
    }

    fn on_acknowledgement_packet_execute(
        &mut self,
        packet: &Packet,
        acknowledgement: &Acknowledgement,
        relayer: &Signer,
    ) -> (ModuleExtras, Result<(), ChannelError>) {
        let (extras, result) = ics20::on_acknowledgement_packet_execute(self, packet, acknowledgement, relayer);
        (extras, result.map_err(app_err))
    }

    fn on_timeout_packet_validate(&self, packet: &Packet, relayer: &Signer) -> Result<(), ChannelError> {
        ics20::on_timeout_packet_validate(self, packet, relayer).map_err(app_err)
    }

    fn on_timeout_packet_execute(&mut self, packet: &Packet, relayer: &Signer) -> (ModuleExtras, Result<(), ChannelError>) {
        let (extras, result) = ics20::on_timeout_packet_execute(self, packet, relayer);
        (extras, result.map_err(app_err))
    }
}

/// Binds ports to modules: only `transfer` (ICS-20) is served.
pub struct IbcRouter<T> {
    pub transfer: TransferModule<T>,
}

impl<T> Default for IbcRouter<T> {
    fn default() -> Self {
        Self { transfer: TransferModule::default() }
    }
}

impl<T: Config> Router for IbcRouter<T> {
    fn get_route(&self, module_id: &ModuleId) -> Option<&dyn Module> {
        (*module_id == ModuleId::new(TRANSFER_PORT.to_string())).then_some(&self.transfer as &dyn Module)
    }

    fn get_route_mut(&mut self, module_id: &ModuleId) -> Option<&mut dyn Module> {
        if *module_id == ModuleId::new(TRANSFER_PORT.to_string()) {
            Some(&mut self.transfer as &mut dyn Module)
        } else {
            None
        }
    }

    fn lookup_module(&self, port_id: &PortId) -> Option<ModuleId> {
        (port_id.as_str() == TRANSFER_PORT).then(|| ModuleId::new(TRANSFER_PORT.to_string()))
    }
}

/// Used by `create_voucher` to describe where a trace came from.
pub fn new_trace(denom: DenomBytes) -> DenomTrace {
    DenomTrace { denom, mapped: false }
}

