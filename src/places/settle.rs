//! An item's names turned into countries: the `or=` and `if=` rules read the item's names together.

use super::CountryId;
use super::tagger::TagName;

/// Turns an item's hits into countries: plain names first; `if=` names
/// become their cue's country when a cue is among the hits; `or=` names add
/// their own country only when the plain names named none of their
/// candidates.
pub(super) fn settle(names: &[TagName], hits: &[u32], out: &mut Vec<CountryId>) {
    for &hit in hits {
        let name = &names[hit as usize];
        if !name.or.is_empty() {
            continue;
        }
        match &name.cue {
            Some((country, cues)) if hits.iter().any(|h| cues.contains(h)) => out.push(*country),
            _ => out.extend(name.country),
        }
    }
    let settled = out.len();
    for &hit in hits {
        let name = &names[hit as usize];
        let Some(own) = name.country else { continue };
        if name.or.is_empty() {
            continue;
        }
        let named = |country: &CountryId| out[..settled].contains(country);
        if !named(&own) && !name.or.iter().any(named) {
            out.push(own);
        }
    }
}
