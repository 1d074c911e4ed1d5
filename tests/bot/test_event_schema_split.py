"""The by-event-type reply check accepts exactly what Rasa's whole reply schema accepts."""
import copy

from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import validators
from rasa.core.actions.action import RemoteAction

from bot.event_schema_split import split_events

SCHEMA = RemoteAction.action_response_format_spec()
WHOLE = validators.validator_for(SCHEMA)(SCHEMA)
SPLIT = split_events(SCHEMA)
EVENT_TYPES = [branch["properties"]["event"]["const"] for branch in SCHEMA["properties"]["events"]["items"]["oneOf"]]

# values of the kinds event fields hold, right and wrong ones
values = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, width=32), st.text(max_size=4),
    st.lists(st.text(max_size=3), max_size=2), st.dictionaries(st.sampled_from(["name", "value", "text"]),
                                                                st.text(max_size=3), max_size=2),
)
FIELDS = ["name", "value", "text", "timestamp", "metadata", "policy", "confidence", "intent", "entities",
          "parse_data", "events", "key", "date", "kill_on_user_msg", "action_text", "hide_rule_turn", "data"]
events = st.fixed_dictionaries(
    {"event": st.one_of(st.sampled_from(EVENT_TYPES), st.sampled_from(["", "nope"]), st.integers(0, 2))},
    optional={field: values for field in FIELDS},
)
replies = st.one_of(
    st.fixed_dictionaries({}, optional={"events": st.lists(events, max_size=4),
                                        "responses": st.lists(st.dictionaries(st.sampled_from(["text", "buttons"]),
                                                                              values, max_size=2), max_size=2)}),
    st.fixed_dictionaries({"events": st.one_of(st.text(max_size=2), st.lists(values, max_size=2))}),
    st.lists(values, max_size=2),
)


def test_rasas_schema_has_the_shape_that_makes_the_split_exact():
    assert SPLIT is not None
    assert set(SPLIT.by_type) == set(EVENT_TYPES)


@settings(max_examples=400, deadline=None)
@given(replies)
def test_the_split_check_agrees_with_the_whole_schema(reply):
    assert SPLIT.is_valid(reply) == WHOLE.is_valid(reply)


def test_an_event_valid_only_under_another_type_is_refused():
    reply = {"events": [{"event": "slot", "text": "你好"}]}  # a user event's field, no slot name
    assert not WHOLE.is_valid(reply)
    assert not SPLIT.is_valid(reply)
    assert SPLIT.is_valid({"events": [{"event": "slot", "name": "total", "value": "1"}]})


def _items(schema):
    return schema["properties"]["events"]["items"]


def test_a_schema_whose_branches_share_an_event_type_is_not_split():
    schema = copy.deepcopy(SCHEMA)
    branches = _items(schema)["oneOf"]
    branches.append(copy.deepcopy(branches[0]))
    assert split_events(schema) is None


def test_a_schema_that_does_not_require_the_event_type_is_not_split():
    schema = copy.deepcopy(SCHEMA)
    _items(schema)["required"] = []
    assert split_events(schema) is None


def test_a_branch_without_its_event_constant_is_not_split():
    schema = copy.deepcopy(SCHEMA)
    del _items(schema)["oneOf"][0]["properties"]["event"]
    assert split_events(schema) is None
