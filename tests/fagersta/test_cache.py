"""The Redis cache backend: one client per connection pool, and an outage is a cache miss."""

from fagersta.cache import ResilientRedisCache

NOWHERE = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_it_reuses_one_client_for_every_operation():
    cache = ResilientRedisCache(NOWHERE, {})
    first = cache._cache.get_client("a")
    assert cache._cache.get_client("b", write=True) is first
    assert first.connection_pool is cache._cache._get_connection_pool(True)


def test_an_unreachable_redis_is_a_miss_not_an_error():
    cache = ResilientRedisCache(NOWHERE, {"OPTIONS": {"socket_connect_timeout": 0.2}})
    cache.set("key", "value")
    assert cache.get("key", "fallback") == "fallback"
    assert cache.get_or_set("counter", 1) == 1
