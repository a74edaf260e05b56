"""A Redis cache that survives Redis being down: reads miss, writes are dropped, and the outage
is logged, so pages keep working on the database alone."""

import functools
import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)


def _degrade(fallback):
    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except OUTAGE as exc:
                logger.warning("cache unavailable in %s: %s", method.__name__, exc)
                return fallback(*args, **kwargs) if callable(fallback) else fallback

        return wrapper

    return decorator


class ReusingRedisCacheClient(RedisCacheClient):
    """Keeps one redis-py client per connection pool. Django makes a new client for every
    cache operation, and building one (its table of response callbacks) costs more CPU than
    the round trip to Redis. A client is safe to share: it only borrows pool connections."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    get = _degrade(lambda key, default=None, version=None: default)(RedisCache.get)
    get_many = _degrade({})(RedisCache.get_many)
    has_key = _degrade(False)(RedisCache.has_key)
    add = _degrade(False)(RedisCache.add)
    set = _degrade(None)(RedisCache.set)
    set_many = _degrade(lambda data, *a, **k: list(data))(RedisCache.set_many)
    touch = _degrade(False)(RedisCache.touch)
    delete = _degrade(False)(RedisCache.delete)
    delete_many = _degrade(None)(RedisCache.delete_many)
    incr = _degrade(lambda key, delta=1, version=None: delta)(RedisCache.incr)
    clear = _degrade(None)(RedisCache.clear)

    def strict(self, name: str):
        """The operation `name` without degrading: it raises one of OUTAGE while Redis is down,
        for callers that must not mistake an outage for a miss (a limit would vanish)."""
        return functools.partial(getattr(RedisCache, name), self)


def strict(cache, name: str):
    """Operation `name` of `cache` that raises OUTAGE errors instead of hiding them."""
    if isinstance(cache, ResilientRedisCache):
        return cache.strict(name)
    return getattr(cache, name)
