//! The stage: where everything is drawn ([`layout`]), the phones and the post
//! office ([`picture`]) with their chats ([`chat`]), photos and voice messages
//! and the parcel store ([`parcels`]), the push service and lock
//! screens ([`push`]), a crowd's tiles and wires ([`crowd`]), and what travels
//! between them ([`tokens`]); a person's several devices ([`devices`]) and
//! the letters that travel to one of them together ([`bundles`]); sealed
//! letters' keys and the post office's card ([`seal`]).

pub mod bundles;
pub mod chat;
pub mod crowd;
pub mod devices;
pub mod layout;
pub mod parcels;
pub mod parts;
pub mod picture;
pub mod push;
pub mod read;
pub mod seal;
pub mod tokens;

use bevy::prelude::*;

/// The stage's systems.
pub fn plugin(app: &mut App) {
    app.add_plugins((
        picture::plugin,
        crowd::plugin,
        tokens::plugin,
        push::plugin,
        bundles::plugin,
    ));
}
