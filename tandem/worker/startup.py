"""What a worker queues when it starts: the first task of each chain of recurring tasks (each
then queues its own next run). Apps register a function in their AppConfig.ready; each must be
safe to call at every start of every worker (queue only what is not queued already)."""

from collections.abc import Callable

_hooks: list[Callable[[], object]] = []


def register(hook: Callable[[], object]) -> None:
    if hook not in _hooks:
        _hooks.append(hook)


def run() -> None:
    for hook in _hooks:
        hook()
