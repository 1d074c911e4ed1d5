"""The per-style gate reads the dev-set runner's printed figures."""
import pytest

from nlu.devset_styles import style_rates

OUTPUT = """faq dev set: 470 cases (310 in-topic, 120 out_of_knowledge, 40 out_of_scope)
  direct              87.1%
  in-topic direct answers by style: asr 97%, colloquial 84%, elderly 81%, indirect 68%, old_terms 87%
"""


def test_every_style_and_its_rate_is_read():
    assert style_rates(OUTPUT) == {"asr": 97, "colloquial": 84, "elderly": 81, "indirect": 68, "old_terms": 87}


def test_output_without_the_figures_is_an_error():
    with pytest.raises(SystemExit, match="no per-style"):
        style_rates("gateway unreachable")
