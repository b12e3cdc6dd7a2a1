"""The formula guard both ways: whatever a value is, writing then reading gives it back."""

from hypothesis import given
from hypothesis import strategies as st

from salesplan.core.cells import DANGEROUS, neutralise, unneutralise

tricky = st.text(
    alphabet=st.sampled_from(["'", "=", "+", "-", "@", "\t", "a", "1", " "]), max_size=8
)


@given(tricky)
def test_every_value_round_trips_and_no_written_cell_starts_a_formula(value):
    written = neutralise(value)
    assert not written.startswith(DANGEROUS)
    assert unneutralise(written) == value


def test_a_value_that_looks_neutralised_keeps_its_mark():
    assert neutralise("'=quoted") == "''=quoted"
    assert unneutralise("''=quoted") == "'=quoted"
    assert unneutralise("'=quoted") == "=quoted"
    assert unneutralise("'plain") == "'plain"
