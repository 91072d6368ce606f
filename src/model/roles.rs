//! Who held which office when: the role an actor held on a given day,
//! from the profile's dated `roles` (its undated `role:` when none covers
//! the day).
//!
//! Roles may overlap; on a day covered by several, the one that started
//! last is shown (an actor's newest office is the one the news uses). A
//! role covers its `from` and its `to` day, both included; without `from`
//! it covers every day up to `to`, without `to` every day from `from` on.

use chrono::NaiveDate;

use crate::load::profile::Role;

/// True if `role` was held on `day`.
pub fn covers(role: &Role, day: NaiveDate) -> bool {
    role.from.is_none_or(|from| from <= day) && role.to.is_none_or(|to| day <= to)
}

/// The index in `roles` of the role held on `day`: of those covering it,
/// the one that started last (the first listed among equals). `roles` is
/// at most [`crate::load::profile::MAX_ROLES`] long.
pub fn held_on(roles: &[Role], day: NaiveDate) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (index, role) in roles.iter().enumerate() {
        if covers(role, day) && best.is_none_or(|b| role.from > roles[b].from) {
            best = Some(index);
        }
    }
    best
}

/// What a page says about an actor's role on `day`: the dated role held
/// that day, else the undated `role:`, else nothing.
pub fn title_on<'a>(
    roles: &'a [Role],
    undated: Option<&'a str>,
    day: NaiveDate,
) -> Option<&'a str> {
    match held_on(roles, day) {
        Some(index) => Some(roles[index].title.as_str()),
        None => undated,
    }
}

/// What a list of actors shows beside a name, where no article's date
/// applies (the actors index, an actor's page, search's actor cards):
/// the current role (the dated role without an end that started last),
/// with `true` (pages say "current role"); else, with `false`, the
/// undated `role:` (a standing description: "Military alliance"), else
/// the role held on `latest`, the day of the actor's newest briefing (what
/// lists of briefings show beside that briefing).
pub fn beside_name<'a>(
    roles: &'a [Role],
    undated: Option<&'a str>,
    latest: Option<NaiveDate>,
) -> Option<(&'a str, bool)> {
    let open = roles
        .iter()
        .filter(|r| r.to.is_none())
        .max_by_key(|r| r.from)
        .map(|r| r.title.as_str());
    if let Some(title) = open {
        return Some((title, true));
    }
    undated
        .or_else(|| {
            let index = held_on(roles, latest?)?;
            Some(roles[index].title.as_str())
        })
        .map(|title| (title, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn role(title: &str, from: Option<&str>, to: Option<&str>) -> Role {
        Role {
            titles: Vec::new(),
            title: title.into(),
            org: None,
            from: from.map(day),
            to: to.map(day),
        }
    }

    #[test]
    fn a_role_covers_its_first_and_last_day() {
        let roles = [role(
            "Foreign Minister",
            Some("2020-03-04"),
            Some("2024-09-05"),
        )];
        assert_eq!(held_on(&roles, day("2020-03-03")), None);
        assert_eq!(held_on(&roles, day("2020-03-04")), Some(0));
        assert_eq!(held_on(&roles, day("2024-09-05")), Some(0));
        assert_eq!(held_on(&roles, day("2024-09-06")), None);
    }

    #[test]
    fn overlapping_roles_show_the_newest_and_fall_back_to_the_undated_one() {
        let roles = [
            role("Deputy", Some("2010-01-01"), None),
            role("Minister", Some("2015-06-01"), Some("2016-01-01")),
            role("Adviser", None, Some("2009-12-31")),
        ];
        assert_eq!(
            title_on(&roles, Some("MP"), day("2015-07-01")),
            Some("Minister")
        );
        assert_eq!(
            title_on(&roles, Some("MP"), day("2016-01-02")),
            Some("Deputy")
        );
        assert_eq!(
            title_on(&roles, Some("MP"), day("1990-01-01")),
            Some("Adviser")
        );
        assert_eq!(title_on(&[], Some("MP"), day("1990-01-01")), Some("MP"));
        assert_eq!(title_on(&roles[1..2], None, day("2020-01-01")), None);
    }

    #[test]
    fn beside_a_name_the_current_role_else_the_one_held_at_the_newest_briefing() {
        let roles = [
            role("Deputy", Some("2010-01-01"), Some("2014-12-31")),
            role("Minister", Some("2015-01-01"), Some("2019-12-31")),
        ];
        let latest = Some(day("2016-03-01"));
        // No role is held now: the one on the newest briefing's day.
        assert_eq!(beside_name(&roles, None, latest), Some(("Minister", false)));
        assert_eq!(beside_name(&roles, None, None), None);
        assert_eq!(beside_name(&roles, Some("MP"), latest), Some(("MP", false)));
        let open = [
            role("Envoy", Some("2020-01-01"), None),
            role("Adviser", Some("2021-01-01"), None),
            role("Minister", Some("2022-01-01"), Some("2022-06-01")),
        ];
        assert_eq!(
            beside_name(&open, Some("MP"), latest),
            Some(("Adviser", true))
        );
    }
}
