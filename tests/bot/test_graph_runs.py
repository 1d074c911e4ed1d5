"""The graph run by a kept plan gives what Rasa's DaskGraphRunner.run gives: results, calls and errors."""
from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage

from bot import graph_runs

DASKS_OWN = DaskGraphRunner.run  # kept before any test applies the patches (tests/bot/test_hot_path.py)
CALLS: list[str] = []
FAILED = ("failed", None)


class Mixes(GraphComponent):
    """Records its call and returns its name with what it was given, so any change of input shows."""

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: Any, resource: Any, execution_context: Any) -> Mixes:
        return cls(config)

    def __init__(self, config: dict[str, Any]) -> None:
        self.name = config["name"]
        self.fails = config.get("fails")

    def mix(self, **given: Any) -> Any:
        CALLS.append(self.name)
        if self.fails is not None:
            raise self.fails(f"{self.name} fails")
        return (self.name, tuple(sorted(given.items(), key=lambda item: item[0])))


def node(name: str, needs: dict[str, str], target: bool = False, fails: type | None = None) -> SchemaNode:
    config: dict[str, Any] = {"name": name, "fails": fails}
    return SchemaNode(needs=needs, uses=Mixes, constructor_name="create", fn="mix", config=config,
                      eager=True, is_target=target)


def runner(schema: GraphSchema, tmp_path_factory: pytest.TempPathFactory) -> DaskGraphRunner:
    storage = LocalModelStorage(tmp_path_factory.mktemp("graph"))
    return DaskGraphRunner(schema, storage, ExecutionContext(schema, "test"))


def both(graph: DaskGraphRunner, inputs: dict[str, Any] | None, targets: list[str] | None) -> tuple[Any, Any]:
    """(result, the nodes called) by Rasa's run, then by the plan's; FAILED when the run raised. Which nodes
    ran before a failure, and which of two failures is raised, depend on the order (dask's or the plan's):
    a single failure's error is compared by the tests below."""
    outcomes = []
    for run in (DASKS_OWN, graph_runs.run):
        CALLS.clear()
        try:
            outcome: Any = run(graph, inputs=inputs, targets=targets)
        except Exception:  # noqa: BLE001 - whether it failed is what is compared
            outcomes.append(FAILED)
            continue
        outcomes.append((outcome, sorted(CALLS)))
    return outcomes[0], outcomes[1]


@st.composite
def graphs(draw: st.DrawFn) -> tuple[GraphSchema, dict[str, Any], list[str] | None]:
    """A random DAG of up to 9 nodes over two input placeholders, one of them perhaps not given."""
    count = draw(st.integers(1, 9))
    nodes: dict[str, SchemaNode] = {}
    for i in range(count):
        sources = [f"n{j}" for j in range(i)] + ["__message__", "__tracker__"]
        needed = draw(st.lists(st.sampled_from(sources), max_size=3, unique=True))
        nodes[f"n{i}"] = node(f"n{i}", {f"in_{source}": source for source in needed},
                              target=draw(st.booleans()), fails=draw(st.sampled_from([None] * 8 + [RuntimeError, ValueError])))
    inputs = {"__message__": draw(st.sampled_from(["hello", ["a message"], 7]))}
    if draw(st.booleans()):
        inputs["__tracker__"] = {"events": draw(st.integers(0, 3))}
    if draw(st.booleans()):
        inputs[draw(st.sampled_from(sorted(nodes)))] = "stands in for a node"
    chosen = draw(st.lists(st.sampled_from(sorted(nodes)), min_size=1, max_size=3, unique=True))
    targets = draw(st.sampled_from([None, chosen]))
    if targets is None and not any(n.is_target for n in nodes.values()):
        targets = chosen
    return GraphSchema(nodes), inputs, targets


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_any_graph_runs_as_with_dask(tmp_path_factory, drawn):
    schema, inputs, targets = drawn
    rasas, plans = both(runner(schema, tmp_path_factory), inputs, targets)
    assert plans == rasas


def test_only_the_nodes_the_targets_need_run_each_once(tmp_path_factory):
    schema = GraphSchema({
        "tokens": node("tokens", {"message": "__message__"}),
        "features": node("features", {"tokens": "tokens", "message": "__message__"}),
        "intent": node("intent", {"features": "features", "tokens": "tokens"}, target=True),
        "unused": node("unused", {"tokens": "tokens"}),
    })
    graph = runner(schema, tmp_path_factory)
    CALLS.clear()
    result = graph_runs.run(graph, inputs={"__message__": "看病"}, targets=["intent"])
    assert CALLS == ["tokens", "features", "intent"]
    tokens = ("tokens", (("message", "看病"),))
    features = ("features", (("message", "看病"), ("tokens", tokens)))
    assert result == {"intent": ("intent", (("features", features), ("tokens", tokens)))}


def test_the_plan_is_kept_per_targets(tmp_path_factory):
    schema = GraphSchema({
        "a": node("a", {"message": "__message__"}, target=True),
        "b": node("b", {"a": "a"}, target=True),
    })
    graph = runner(schema, tmp_path_factory)
    graph_runs.run(graph, inputs={"__message__": 1}, targets=["a"])
    graph_runs.run(graph, inputs={"__message__": 2}, targets=["a"])
    graph_runs.run(graph, inputs={"__message__": 3})
    assert graph.__dict__[graph_runs._PLANS] == {
        ("a",): (("a", ("__message__",)),),
        ("a", "b"): (("a", ("__message__",)), ("b", ("a",))),
    }


def test_an_input_named_as_a_node_is_refused(tmp_path_factory):
    schema = GraphSchema({"a": node("a", {"message": "__message__"}, target=True)})
    with pytest.raises(GraphRunError, match="clashes with a node name"):
        graph_runs.run(runner(schema, tmp_path_factory), inputs={"__message__": "a"})


@pytest.mark.parametrize("fails", [RuntimeError, ValueError, None])
def test_a_single_failure_raises_what_dask_raises(tmp_path_factory, fails):
    schema = GraphSchema({
        "a": node("a", {"message": "__message__"}),
        "b": node("b", {"a": "a", "tracker": "__tracker__"}, target=True, fails=fails),
    })
    graph = runner(schema, tmp_path_factory)
    errors = []
    for run in (DASKS_OWN, graph_runs.run):
        with pytest.raises(Exception) as raised:  # noqa: PT011 - the two errors are compared
            # without a tracker "b" misses an input
            run(graph, inputs={"__message__": "x", "__tracker__": {}} if fails else {"__message__": "x"})
        errors.append((type(raised.value), str(raised.value), type(raised.value.__cause__)))
    assert errors[1] == errors[0]
    assert (errors[0][2] is fails) if fails else ("Missing input" in errors[0][1])
