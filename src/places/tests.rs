//! The places layer's tests: the gazetteer's own sanity, the trap table, the seed archive by hand.

mod gazetteer;
mod seed;
mod traps;
