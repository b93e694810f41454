//! What the window draws in its own terms: the spots of the picture where things
//! rest, move and light up (the simulation's places, [`super::present::spot`]), and
//! a crowd's frames on the wires, drawn by the clock. Everything else it draws is
//! the simulation's own [`crate::sim::view::View`].

/// A crowd scene's traffic. Its beats are stretches of time (short where it is busy),
/// and while a beat plays, the clock runs from the previous beat's time to its own.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Crowd {
    /// When the opening picture stands, in virtual milliseconds.
    pub start_ms: u64,
    /// Sorted by departure.
    pub flights: Vec<Flight>,
    /// The longest time any frame spent on the wire.
    pub longest_ms: u64,
    /// The sender and recipients of the letter the class follows (their tiles are
    /// edged in gold).
    pub followed_phones: Vec<usize>,
}

/// One frame on one phone's long connection.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flight {
    pub depart_ms: u64,
    pub arrive_ms: u64,
    pub phone: usize,
    pub to_office: bool,
    pub cargo: Cargo,
    /// Its colour family, as the diagram beside the wires draws its arrow (a
    /// returned letter travels as a receipt, but is drawn as a return).
    pub look: crate::sim::kinds::Look,
    /// It never arrives (noise, a broken link, a closed post office).
    pub lost: bool,
    /// It carries (or answers) the letter the class follows, drawn in gold.
    pub followed: bool,
    /// It leaves the phone system's push service (`push`), not the post office.
    pub from_push: bool,
}

/// What a frame carries, as the crowd picture draws it: the catalogue's column.
pub use crate::sim::Cargo;

impl Crowd {
    /// The traffic of these frames (in order of departure); the clock starts at 0.
    pub fn new(flights: Vec<Flight>, followed_phones: Vec<usize>) -> Crowd {
        let longest_ms = flights
            .iter()
            .map(|f| f.arrive_ms - f.depart_ms)
            .max()
            .unwrap_or(0);
        Crowd {
            start_ms: 0,
            flights,
            longest_ms,
            followed_phones,
        }
    }

    /// The frames on the wire at `t_ms`, each with how far it has got (0 to 1).
    pub fn in_flight(&self, t_ms: f64) -> impl Iterator<Item = (&Flight, f32)> {
        let from = self
            .flights
            .partition_point(|f| (f.depart_ms + self.longest_ms) as f64 <= t_ms);
        let to = self.flights.partition_point(|f| f.depart_ms as f64 <= t_ms);
        self.flights[from..to.max(from)]
            .iter()
            .filter_map(move |f| {
                let span = (f.arrive_ms - f.depart_ms).max(1) as f64;
                let p = (t_ms - f.depart_ms as f64) / span;
                (p < 1.0).then_some((f, p.clamp(0.0, 1.0) as f32))
            })
    }
}

/// A place in the picture where a letter or a card can be.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Spot {
    /// A phone's screen (the UI module).
    Screen(usize),
    /// A phone's home mailbox (the local database).
    Mailbox(usize),
    /// A phone's postman (the network module).
    Postman(usize),
    /// On a phone's long connection: 0.0 at the postman, 1.0 at the post office counter.
    Wire(usize, f32),
    Counter,
    Register,
    Archive,
    Sorting,
    Shelf,
    /// The parcel store (issue 26): drawn only in a story with photos or voice
    /// messages ([`crate::viz::stage::layout::OfficeRects::store`]).
    Store,
}
