"""The front server's bookkeeping of live kernels, without a server."""

from __future__ import annotations

import time

from speedfirst.front import FrontSettings, KernelGuard

A, B = "a" * 8 + "-0000-0000-0000-" + "0" * 12, "b" * 8 + "-0000-0000-0000-" + "0" * 12


def _guard(**kw) -> KernelGuard:
    return KernelGuard(FrontSettings(upstream="http://127.0.0.1:1/", **kw))


def test_page_loads_are_admitted_up_to_the_cap_of_live_kernels():
    g = _guard(max_kernels=2, max_starting=5)
    assert g.admit() and g.admit()
    assert not g.admit() and g.refused == 1  # two loads in flight fill the cap
    g.loaded(A)
    g.loaded(B)
    assert sorted(g.live) == [A, B] and g.loading == 0
    assert not g.admit()
    g.gone(A)
    assert g.admit()


def test_loads_in_flight_are_bounded_separately():
    g = _guard(max_kernels=10, max_starting=2)
    assert g.admit() and g.admit() and not g.admit()
    g.loaded(None)  # a load that failed before its kernel was seen frees its place
    assert g.admit()


def test_a_kernel_is_an_orphan_only_after_its_last_socket_closed_long_enough():
    g = _guard(orphan_after_s=30, unconnected_after_s=90)
    g.admit()
    g.loaded(A)
    now = time.monotonic()
    assert g.orphans(now + 89) == [] and g.orphans(now + 91) == [A]  # page never connected
    g.opened(A)
    g.opened(A)  # two sockets (kernel channels, a reconnect)
    assert g.orphans(now + 1000) == []
    g.closed(A)
    assert g.orphans(now + 1000) == []  # one still open
    g.closed(A)
    closed_at = time.monotonic()
    assert g.orphans(closed_at + 29) == [] and g.orphans(closed_at + 31) == [A]
