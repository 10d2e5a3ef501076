"""Shortened kernpunt texts (merge page choices, hidden button labels) end at a word."""

import pytest

from reacties.paginas import ingekort


@pytest.mark.parametrize(
    ("tekst", "tekens", "verwacht"),
    [
        ("kort", 10, "kort"),
        ("precies tien", 12, "precies tien"),
        ("Dit is een vrij lange zin over de uitvoering", 20, "Dit is een vrij…"),
        ("Een woord, en nog meer", 10, "Een woord…"),
        ("De wet regelt\nveel meer", 14, "De wet regelt…"),
        ("één twee drie vier", 9, "één twee…"),
        # One word longer than the limit: cut inside it rather than show nothing.
        ("abcdefghijklmnopqrstuvwxyz", 10, "abcdefghi…"),
    ],
)
def test_ingekort_eindigt_op_een_woordgrens(tekst, tekens, verwacht):
    uitkomst = ingekort(tekst, tekens)
    assert uitkomst == verwacht
    assert len(uitkomst) <= tekens
