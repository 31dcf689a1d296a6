"""Planned progress at a date: one test per rule and edge (see pam/schedule.py)."""

from datetime import date

import pytest

from pam.monitor.schedule import planned_at

T = {2018: 40, 2019: 70, 2020: 100}


def test_no_target_has_no_planned_value():
    assert planned_at({}, date(2019, 6, 30)) is None


def test_zero_before_the_year_before_the_first_target():
    assert planned_at(T, date(2017, 1, 1)) == 0
    assert planned_at(T, date(2017, 12, 31)) == 0


def test_target_holds_on_31_december():
    assert planned_at(T, date(2018, 12, 31)) == 40
    assert planned_at(T, date(2019, 12, 31)) == 70
    assert planned_at(T, date(2020, 12, 31)) == 100


def test_linear_in_days_within_the_first_year():
    # 2018 has 365 days: 1 July is day 182 after 31 Dec 2017
    assert planned_at(T, date(2018, 7, 1)) == pytest.approx(40 * 182 / 365)


def test_linear_between_two_targets():
    assert planned_at(T, date(2019, 7, 2)) == pytest.approx(40 + 30 * 183 / 365)


def test_leap_year_counts_366_days():
    t = {2020: 100}
    assert planned_at(t, date(2020, 1, 1)) == pytest.approx(100 / 366)
    assert planned_at(t, date(2020, 12, 30)) == pytest.approx(100 * 365 / 366)


def test_stays_at_the_last_target_after_it():
    assert planned_at(T, date(2021, 6, 30)) == 100
    assert planned_at({2018: 60}, date(2022, 12, 31)) == 60


def test_missing_year_inside_the_range_is_interpolated():
    t = {2018: 20, 2020: 60}
    assert planned_at(t, date(2019, 12, 31)) == pytest.approx(20 + 40 * 365 / 731)


def test_first_target_in_the_first_program_year():
    t = {2017: 30, 2018: 100}
    assert planned_at(t, date(2016, 12, 31)) == 0
    assert planned_at(t, date(2017, 12, 31)) == 30


def test_flat_yearly_rate_is_kept_as_written():
    # seed line 367 prints 20% every year: not cumulative; the plan reads it as written
    t = {y: 20 for y in range(2018, 2023)}
    assert planned_at(t, date(2020, 6, 30)) == 20


# --- planned_series: the same values as planned_at, one date list at a time ----------------

SERIES_DAYS = [date(2015, 1, 1), date(2016, 12, 31), date(2017, 12, 31), date(2018, 1, 1),
               date(2018, 6, 30), date(2018, 12, 31), date(2019, 1, 1), date(2019, 6, 15),
               date(2019, 12, 31), date(2020, 2, 29), date(2020, 12, 31), date(2021, 1, 1),
               date(2030, 6, 30)]


@pytest.mark.parametrize("targets", [
    {},
    T,
    {2018: 60},
    {2018: 20, 2020: 60},  # a gap between target years
    {2016: 10, 2019: 10.5, 2020: 100},  # a long gap, a float target
    {2019: 70, 2017: 30},  # keys not in year order
    {y: 20 for y in range(2018, 2023)},
    {2020: 0},
])
def test_planned_series_equals_planned_at_date_by_date(targets):
    from pam.monitor.schedule import planned_series

    got = planned_series(targets, SERIES_DAYS)
    assert got == [planned_at(targets, d) for d in SERIES_DAYS]
    # the same floats, bit for bit (reports print them)
    assert [repr(v) for v in got] == [repr(planned_at(targets, d)) for d in SERIES_DAYS]


def test_planned_series_any_date_order_and_empty_dates():
    from pam.monitor.schedule import planned_series

    days = list(reversed(SERIES_DAYS)) + SERIES_DAYS[3:6]
    assert planned_series(T, days) == [planned_at(T, d) for d in days]
    assert planned_series(T, []) == []
    assert planned_series({}, []) == []
    assert planned_series({}, SERIES_DAYS[:3]) == [None, None, None]
