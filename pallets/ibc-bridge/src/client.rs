//! ICS-07 Tendermint light client as hosted by this runtime.
//!
//! ibc-rs' `ibc_client_tendermint::ClientState` verifies headers with pure-Rust sha2 and
//! ed25519 — correct, but slow inside WASM. [`TendermintClient`] wraps it and routes every
//! hash and signature check through `sp_io` host functions instead: headers and misbehaviour
//! go through `tendermint-light-client-verifier`'s `PredicateVerifier` with [`HostSignatureVerifier`]
//! and [`HostSha256`]; ICS-23 membership proofs go through [`HostIcs23`]. Everything else
//! (trust period, pruning, freezing, recovery, upgrades) is ibc-rs' own logic.

use alloc::{string::ToString, vec::Vec};

use ibc::clients::tendermint::client_state::{
    check_for_misbehaviour, check_substitute, status, verify_client_message,
    verify_consensus_state, verify_membership, verify_non_membership, verify_upgrade_client,
    ClientState as IbcTmClientState,
};
use ibc::clients::tendermint::types::ClientState as TmClientStateType;
use ibc::core::client::context::client_state::{
    ClientStateCommon, ClientStateExecution, ClientStateValidation,
};
use ibc::core::client::types::error::{ClientError, UpgradeClientError};
use ibc::core::client::types::{Height, Status};
use ibc::core::commitment_types::commitment::{
    CommitmentPrefix, CommitmentProofBytes, CommitmentRoot,
};
use ibc::core::host::types::identifiers::{ClientId, ClientType};
use ibc::core::host::types::path::{Path, PathBytes, UpgradeClientStatePath, UpgradeConsensusStatePath};
use ibc::core::primitives::proto::Any;
use ibc::core::primitives::Timestamp;
use ibc::clients::tendermint::types::ConsensusState as TmConsensusStateType;
use tendermint::crypto::signature::{Error as SignatureError, Verifier as SignatureVerifier};
use tendermint::{PublicKey, Signature};
use tendermint_light_client_verifier::{
    operations::{commit_validator::ProdCommitValidator, voting_power::ProvidedVotingPowerCalculator},
    predicates::ProdPredicates,
    PredicateVerifier,
};

pub use ibc::clients::tendermint::consensus_state::ConsensusState as TendermintConsensusState;

use crate::host::ClientCtx;

/// SHA-256 through `sp_io::hashing::sha2_256` (a host function in WASM).
#[derive(Default)]
pub struct HostSha256;

impl tendermint::crypto::Sha256 for HostSha256 {
    fn digest(data: impl AsRef<[u8]>) -> [u8; 32] {
        sp_io::hashing::sha2_256(data.as_ref())
    }
}

/// Tendermint merkle hashing (header hash, validator-set hash) with host-function SHA-256.
impl tendermint::merkle::MerkleHash for HostSha256 {
    fn empty_hash(&mut self) -> tendermint::merkle::Hash {
        sp_io::hashing::sha2_256(&[])
    }

    fn leaf_hash(&mut self, bytes: &[u8]) -> tendermint::merkle::Hash {
        let mut buf = Vec::with_capacity(bytes.len().saturating_add(1));
        buf.push(0x00);
        buf.extend_from_slice(bytes);
        sp_io::hashing::sha2_256(&buf)
    }

    fn inner_hash(&mut self, left: tendermint::merkle::Hash, right: tendermint::merkle::Hash) -> tendermint::merkle::Hash {
        let mut buf = Vec::with_capacity(65);
        buf.push(0x01);
        buf.extend_from_slice(&left);
        buf.extend_from_slice(&right);
        sp_io::hashing::sha2_256(&buf)
    }
}

/// The hasher handed to ibc-rs' Tendermint verification.
pub type HostMerkleHasher = HostSha256;

/// Tendermint signature checks through `sp_io::crypto::ed25519_verify`. Cosmos validators
/// sign with ed25519; any other key type is refused.
pub struct HostSignatureVerifier;

impl SignatureVerifier for HostSignatureVerifier {
    fn verify(pubkey: PublicKey, msg: &[u8], signature: &Signature) -> Result<(), SignatureError> {
        let key = pubkey.ed25519().ok_or(SignatureError::UnsupportedKeyType)?;
        let key_bytes: [u8; 32] =
            key.as_bytes().try_into().map_err(|_| SignatureError::MalformedPublicKey)?;
        let sig_bytes: [u8; 64] =
            signature.as_bytes().try_into().map_err(|_| SignatureError::MalformedSignature)?;
        let ok = sp_io::crypto::ed25519_verify(
            &sp_core::ed25519::Signature::from_raw(sig_bytes),
            msg,
            &sp_core::ed25519::Public::from_raw(key_bytes),
        );
        if ok {
            Ok(())
        } else {
            Err(SignatureError::VerificationFailed)
        }
    }
}

/// The light-client verifier used for headers and misbehaviour: upstream's production
/// predicates and commit validator, voting power tallied with host-function signatures.
pub type HostVerifier = PredicateVerifier<
    ProdPredicates,
    ProvidedVotingPowerCalculator<HostSignatureVerifier>,
    ProdCommitValidator,
>;

/// ICS-23 proof hashing through host functions. Cosmos SDK IAVL and tendermint proof specs
/// only use SHA-256 (and no-hash); the other functions are never reached by those specs and
/// use the host's hashers where one exists.
pub struct HostIcs23;

impl ics23::HostFunctionsProvider for HostIcs23 {
    fn sha2_256(message: &[u8]) -> [u8; 32] {
        sp_io::hashing::sha2_256(message)
    }
    fn sha2_512(_message: &[u8]) -> [u8; 64] {
        // Not used by any proof spec this chain accepts (see `README.md`); a proof that
        // asks for it hashes to zeros and therefore fails to verify.
        [0u8; 64]
    }
    fn sha2_512_truncated(_message: &[u8]) -> [u8; 32] {
        [0u8; 32]
    }
    fn keccak_256(message: &[u8]) -> [u8; 32] {
        sp_io::hashing::keccak_256(message)
    }
    fn ripemd160(_message: &[u8]) -> [u8; 20] {
        [0u8; 20]
    }
    fn blake2b_512(_message: &[u8]) -> [u8; 64] {
        [0u8; 64]
    }
    fn blake2s_256(_message: &[u8]) -> [u8; 32] {
        [0u8; 32]
    }
    fn blake3(_message: &[u8]) -> [u8; 32] {
        [0u8; 32]
    }
}

/// A Tendermint client state hosted by this chain (the only client type it hosts).
#[derive(Clone, Debug, PartialEq)]
pub struct TendermintClient(pub IbcTmClientState);

impl TendermintClient {
    pub fn inner(&self) -> &TmClientStateType {
        self.0.inner()
    }
}

impl From<TmClientStateType> for TendermintClient {
    fn from(value: TmClientStateType) -> Self {
        Self(IbcTmClientState::from(value))
    }
}

impl TryFrom<Any> for TendermintClient {
    type Error = ClientError;
    fn try_from(value: Any) -> Result<Self, Self::Error> {
        Ok(Self(IbcTmClientState::try_from(value)?))
    }
}

impl From<TendermintClient> for Any {
    fn from(value: TendermintClient) -> Self {
        value.0.into()
    }
}

impl ClientStateCommon for TendermintClient {
    fn verify_consensus_state(
        &self,
        consensus_state: Any,
        host_timestamp: &Timestamp,
    ) -> Result<(), ClientError> {
        verify_consensus_state(consensus_state, host_timestamp, self.inner().trusting_period)
    }

    fn client_type(&self) -> ClientType {
        self.0.client_type()
    }

    fn latest_height(&self) -> Height {
        self.inner().latest_height
    }

    fn validate_proof_height(&self, proof_height: Height) -> Result<(), ClientError> {
        self.0.validate_proof_height(proof_height)
    }

    fn verify_upgrade_client(
        &self,
        upgraded_client_state: Any,
        upgraded_consensus_state: Any,
        proof_upgrade_client: CommitmentProofBytes,
        proof_upgrade_consensus_state: CommitmentProofBytes,
        root: &CommitmentRoot,
    ) -> Result<(), ClientError> {
        let last_height = self.latest_height().revision_height();
        let upgrade_path = &self.inner().upgrade_path;
        let (prefix, path) = match upgrade_path.as_slice() {
            [path] => (CommitmentPrefix::empty(), path.clone()),
            [prefix, path] => (prefix.as_bytes().to_vec().into(), path.clone()),
            [] => return Err(UpgradeClientError::MissingUpgradePath.into()),
            _ => {
                return Err(UpgradeClientError::InvalidUpgradePath {
                    description: "upgrade path is too long".to_string(),
                }
                .into())
            },
        };
        let client_path = self.serialize_path(Path::UpgradeClientState(UpgradeClientStatePath {
            upgrade_path: path.clone(),
            height: last_height,
        }))?;
        let consensus_path =
            self.serialize_path(Path::UpgradeConsensusState(UpgradeConsensusStatePath {
                upgrade_path: path,
                height: last_height,
            }))?;
        verify_upgrade_client::<HostIcs23>(
            self.inner(),
            upgraded_client_state,
            upgraded_consensus_state,
            proof_upgrade_client,
            proof_upgrade_consensus_state,
            prefix,
            client_path,
            consensus_path,
            root,
        )
    }

    fn serialize_path(&self, path: Path) -> Result<PathBytes, ClientError> {
        self.0.serialize_path(path)
    }

    fn verify_membership_raw(
        &self,
        prefix: &CommitmentPrefix,
        proof: &CommitmentProofBytes,
        root: &CommitmentRoot,
        path: PathBytes,
        value: Vec<u8>,
    ) -> Result<(), ClientError> {
        verify_membership::<HostIcs23>(&self.inner().proof_specs, prefix, proof, root, path, value)
    }

    fn verify_non_membership_raw(
        &self,
        prefix: &CommitmentPrefix,
        proof: &CommitmentProofBytes,
        root: &CommitmentRoot,
        path: PathBytes,
    ) -> Result<(), ClientError> {
        verify_non_membership::<HostIcs23>(&self.inner().proof_specs, prefix, proof, root, path)
    }
}

impl<T: crate::Config> ClientStateValidation<ClientCtx<T>> for TendermintClient {
    fn verify_client_message(
        &self,
        ctx: &ClientCtx<T>,
        client_id: &ClientId,
        client_message: Any,
    ) -> Result<(), ClientError> {
        verify_client_message::<ClientCtx<T>, HostMerkleHasher>(
            self.inner(),
            ctx,
            client_id,
            client_message,
            &HostVerifier::default(),
        )
    }

    fn check_for_misbehaviour(
        &self,
        ctx: &ClientCtx<T>,
        client_id: &ClientId,
        client_message: Any,
    ) -> Result<bool, ClientError> {
        check_for_misbehaviour(self.inner(), ctx, client_id, client_message)
    }

    fn status(&self, ctx: &ClientCtx<T>, client_id: &ClientId) -> Result<Status, ClientError> {
        status(self.inner(), ctx, client_id)
    }

    fn check_substitute(
        &self,
        _ctx: &ClientCtx<T>,
        substitute_client_state: Any,
    ) -> Result<(), ClientError> {
        check_substitute::<ClientCtx<T>>(self.inner(), substitute_client_state)
    }
}

impl<T: crate::Config> ClientStateExecution<ClientCtx<T>> for TendermintClient {
    fn initialise(
        &self,
        ctx: &mut ClientCtx<T>,
        client_id: &ClientId,
        consensus_state: Any,
    ) -> Result<(), ClientError> {
        self.0.initialise(ctx, client_id, consensus_state)
    }

    fn update_state(
        &self,
        ctx: &mut ClientCtx<T>,
        client_id: &ClientId,
        header: Any,
    ) -> Result<Vec<Height>, ClientError> {
        self.0.update_state(ctx, client_id, header)
    }

    fn update_state_on_misbehaviour(
        &self,
        ctx: &mut ClientCtx<T>,
        client_id: &ClientId,
        client_message: Any,
    ) -> Result<(), ClientError> {
        self.0.update_state_on_misbehaviour(ctx, client_id, client_message)
    }

    fn update_state_on_upgrade(
        &self,
        ctx: &mut ClientCtx<T>,
        client_id: &ClientId,
        upgraded_client_state: Any,
        upgraded_consensus_state: Any,
    ) -> Result<Height, ClientError> {
        self.0
            .update_state_on_upgrade(ctx, client_id, upgraded_client_state, upgraded_consensus_state)
    }

    fn update_on_recovery(
        &self,
        ctx: &mut ClientCtx<T>,
        subject_client_id: &ClientId,
        substitute_client_state: Any,
        substitute_consensus_state: Any,
    ) -> Result<(), ClientError> {
        self.0.update_on_recovery(
            ctx,
            subject_client_id,
            substitute_client_state,
            substitute_consensus_state,
        )
    }
}

/// Decodes a consensus state into the Tendermint type (helper for storage reads).
pub fn decode_tm_consensus(any: Any) -> Result<TendermintConsensusState, ClientError> {
    let inner = TmConsensusStateType::try_from(any)?;
    Ok(TendermintConsensusState::from(inner))
}
