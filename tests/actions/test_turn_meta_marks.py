"""Every reply the bot can give says what kind of turn it is (`meta`, read by the gateway)."""
from pathlib import Path

import yaml

from actions.estimate import ActionEstimateCost
from actions.faq import ActionAnswerFaq, ActionOfferHelp
from knowledge.shared_facts import REGIONS
from nlu.generate_regions import domain_data
from server.turn_meta import KINDS

DOMAIN = Path(__file__).resolve().parents[2] / "bot" / "domain"


def _responses():
    for path in sorted(DOMAIN.glob("*.yml")):
        yield from (yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {}).items()
    yield from domain_data(REGIONS)["responses"].items()


def test_every_domain_response_is_marked_with_a_known_kind():
    names = []
    for name, variants in _responses():
        names.append(name)
        for variant in variants:
            kind = ((variant.get("custom") or {}).get("meta") or {}).get("kind")
            assert kind in KINDS, f"{name} has no meta kind"
    assert "utter_ask_total" in names and "utter_region_set" in names


def test_an_answer_names_its_topic(tracker, run):
    messages, _ = run(ActionAnswerFaq(), tracker("电子凭证怎么用", [("e_voucher", 0.9), ("offsite_filing", 0.05)]))
    assert messages[0]["custom"] == {"meta": {"kind": "answer", "topic": "e_voucher"}}


def test_a_clarification_names_what_it_offers_best_first(tracker, run):
    ranking = [("family_mutual_aid", 0.34), ("family_vs_kinship", 0.31), ("kinship_account", 0.2)]
    messages, _ = run(ActionAnswerFaq(), tracker("家里人的账户", ranking))
    assert messages[0]["custom"]["meta"] == {
        "kind": "clarify",
        "offered": ["family_mutual_aid", "family_vs_kinship", "kinship_account"],
    }


def test_the_fallback_offers_are_marked(tracker, run):
    messages, _ = run(ActionOfferHelp(), tracker("啊这个那个", [("scope", 0.2), ("hotline_human", 0.1)]))
    assert messages[0]["custom"]["meta"] == {"kind": "clarify", "offered": ["scope", "hotline_human"]}


def test_an_estimate_states_the_personal_pay_as_its_amount(tracker, run):
    slots = {"scheme": "职工", "status": "在职", "care": "住院", "level": "3", "total": "16000"}
    messages, _ = run(ActionEstimateCost(), tracker("", intent="inform", slots=slots))
    assert messages[0]["custom"]["meta"] == {"kind": "estimate", "amount": "2780.00"}


def test_a_declined_estimate_is_a_refusal(tracker, run):
    slots = {"scheme": "职工", "status": "在职", "care": "住院", "level": "3", "total": "16000", "region": "wuhai"}
    messages, _ = run(ActionEstimateCost(), tracker("", intent="inform", slots=slots))
    assert messages[0]["custom"]["meta"] == {"kind": "refusal"}
