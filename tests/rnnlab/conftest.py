"""Fixtures the store, room and activity tests share: the store on both backends (SQLite in
tmp_path and a real redis-server), a clock the test moves, and rooms on that store."""

from __future__ import annotations

import time

import pytest

from rnnlab.classroom.rooms import Rooms
from rnnlab.store import open_store
from tests.redis_server import redis_server


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(params=["sqlite", "redis"])
def store(request, tmp_path):
    if request.param == "sqlite":
        made = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    else:
        made = open_store(request.getfixturevalue("redis_url"))
        made.prefix = f"test{time.monotonic_ns()}:"  # each test its own key space
    assert made.name == request.param
    yield made
    made.close()


class Clock:
    """Time as the test says: ``clock.now += 60`` is a minute later."""

    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def rooms(store, clock):
    return Rooms(store, clock=clock)
