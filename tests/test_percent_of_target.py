"""One "percent of target" behind every page that shows it."""

from decimal import Decimal

import pytest

from projects.models import percent_of_target
from reporting.indicators import IndicatorProgress
from reporting.summary import IndicatorLine


@pytest.mark.parametrize(("achieved", "target", "expected"), [
    (Decimal(5), Decimal(8), 63),  # 62.5: half up, as a person rounds
    (Decimal(1), Decimal(3), 33),
    (Decimal(30), Decimal(25), 120),
    (Decimal(0), Decimal(25), 0),
    (None, Decimal(25), None),
    (Decimal(3), Decimal(0), None),
    (Decimal(3), None, None),
])
def test_percent_of_target(achieved, target, expected):
    assert percent_of_target(achieved, target) == expected


def test_the_summary_and_the_start_page_show_the_same_percent():
    class Target:
        target_value = Decimal(8)

    line = IndicatorLine(name="", unit="", target=Decimal(8), achieved=Decimal(5))
    progress = IndicatorProgress(target=Target(), achieved=Decimal(5))

    assert line.percent == progress.percent == 63
