"""New customers are people first reached in the period who were not entered as customers or
lost (DOMAIN.md), not rows imported or added; potential customers are prospects added and
contacts moved to intent. Both against their weekly targets in progress, week and
month, and a past week's counts stay what they were."""

import pytest


def at(moment: str) -> dict[str, str]:
    return {"SALESPLAN_NOW": moment}


@pytest.fixture
def two_weeks(run, tmp_path):
    # Week 48 (11-23 to 11-29): a customer and a lead added by hand.
    run("contact", "add", "老客户", "--status", "customer", env=at("2026-11-24T10:00"))
    run("contact", "add", "孙明", env=at("2026-11-25T10:00"))
    # Week 49 (11-30 to 12-06): a trade-fair list imported Monday morning.
    fair = tmp_path / "fair.csv"
    fair.write_text("name,phone\n甲一,13800000001\n乙二,13800000002\n丙三,13800000003\n")
    run("import", "contacts", str(fair), env=at("2026-11-30T09:00"))
    run("contact", "add", "赵六", "--status", "intent", env=at("2026-12-01T10:00"))
    run("contact", "add", "客户甲", "--status", "customer", env=at("2026-12-01T11:00"))
    run("contact", "edit", "孙明", "--status", "intent", env=at("2026-12-02T09:00"))
    # 甲一 from the list: not answering is no meeting; the call that gets through is.
    run("log", "call", "甲一", "-o", "no-answer", env=at("2026-12-01T15:00"))
    run("log", "call", "甲一", "-o", "reached", env=at("2026-12-02T15:00"))
    # 乙二 from the list moves to intent without a call logged here.
    run("contact", "edit", "乙二", "--status", "intent", env=at("2026-12-03T09:00"))
    # A cold call keeps the number: a lead added by hand.
    run("log", "call", "--phone", "13911112222", "-o", "reached", env=at("2026-12-02T16:00"))


def test_week_counts_people_met_and_prospects(run, two_weeks):
    w49 = run.json("week", "--week", "2026-W49", env=at("2026-12-04T18:00"))
    # 甲一 (first reached 12-02) and the cold call; 赵六 is added but never reached, 客户甲 was
    # entered as a customer: neither is new.
    assert w49["totals"]["new_contacts"] == 2
    assert w49["totals"]["potential_contacts"] == 4  # 赵六, 孙明, 乙二, the cold call
    new = {c["name"] for c in w49["sections"]["new_customers"]}
    assert new == {"甲一", "13911112222"}
    assert w49["targets"]["potential_contacts_per_week"] == 3
    w48 = run.json("week", "--week", "2026-W48", env=at("2026-12-04T18:00"))
    # 老客户 was entered as a customer and 孙明 not yet reached: no new customer in W48.
    assert (w48["totals"]["new_contacts"], w48["totals"]["potential_contacts"]) == (0, 1)


def test_progress_shows_both_targets(run, two_weeks):
    p = run.json("progress", env=at("2026-12-03T18:00"))
    assert p["new_contacts_week"] == {"done": 2, "target": 5}
    assert p["potential_contacts_week"] == {"done": 4, "target": 3}
    run("config", "set", "potential_contacts_per_week", "6")
    p = run.json("progress", env=at("2026-12-03T18:00"))
    assert p["potential_contacts_week"] == {"done": 4, "target": 6}
    table = run("progress", env={**at("2026-12-03T18:00"), "SALESPLAN_LANG": "zh-CN"}).stdout
    assert "4/6" in table.replace(" ", "")


def test_month_prorates_the_weekly_targets(run, two_weeks):
    month = run.json("month", "--month", "2026-12", env=at("2026-12-04T18:00"))
    # December 2026 has 23 workdays: 5 a week → 23, 3 a week → 13.8 → 14.
    assert month["contacts"] == {
        "new_contacts": {"done": 2, "target": 23},
        "potential_contacts": {"done": 4, "target": 14},
    }


def test_a_report_is_a_record(run, two_weeks):
    before = run.json("week", "--week", "2026-W49", env=at("2026-12-04T18:00"))["totals"]
    # Later moves and calls change later weeks, not this one.
    run("contact", "edit", "丙三", "--status", "intent", env=at("2026-12-08T09:00"))
    run("log", "call", "乙二", "-o", "reached", env=at("2026-12-08T10:00"))
    run("contact", "edit", "赵六", "--status", "customer", env=at("2026-12-08T11:00"))
    after = run.json("week", "--week", "2026-W49", env=at("2026-12-10T18:00"))["totals"]
    assert (after["new_contacts"], after["potential_contacts"]) == (
        before["new_contacts"],
        before["potential_contacts"],
    )
    w50 = run.json("week", "--week", "2026-W50", env=at("2026-12-10T18:00"))["totals"]
    assert (w50["new_contacts"], w50["potential_contacts"]) == (1, 1)  # 乙二 met; 丙三 intent
