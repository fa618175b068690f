//! Pallet configuration, one module per group of pallets.

pub mod accounts;
pub mod appchains;
pub mod consensus;
pub mod ibc;
pub mod rwa;
pub mod staking;
pub mod system;
pub mod tokens;
pub mod treasury;
pub mod utility;

pub use accounts::*;
pub use appchains::*;
pub use consensus::*;
pub use ibc::*;
pub use rwa::*;
pub use staking::*;
pub use system::*;
pub use tokens::*;
pub use treasury::*;
pub use utility::*;
