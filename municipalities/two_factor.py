"""Two-factor authentication: who has an authenticator, cached, and recovery codes.

The forms are in `two_factor_forms.py`, the pages in `two_factor_views.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

RECOVERY_CODES = 10
DEVICE_CACHE_SECONDS = 300


def _device_key(user_id: int) -> str:
    return f"two-factor:has-device:{user_id}"


def has_confirmed_device(user) -> bool:
    """Whether the user has an authenticator and so must give a code after the password.

    The middleware asks this on every request. With a cache that every process shares, the
    answer is kept per user and rewritten whenever one of the user's devices is saved or
    deleted (see `forget_devices`); with a cache per process it is read from the database
    each time, since another process would not learn of a new device.
    """
    if not settings.CACHE_SHARED:
        return user_has_device(user, confirmed=True)
    key = _device_key(user.pk)
    found = cache.get(key)
    if found is None:
        found = user_has_device(user, confirmed=True)
        # add(), not set(): if a device changed while this request read the database, the
        # answer written by that change stays.
        cache.add(key, found, DEVICE_CACHE_SECONDS)
    return found


def _store_devices(user_id: int) -> None:
    from django.contrib.auth import get_user_model

    user = get_user_model()(pk=user_id)
    cache.set(_device_key(user_id), user_has_device(user, confirmed=True), DEVICE_CACHE_SECONDS)


def forget_devices(sender, instance, **kwargs) -> None:
    """Signal receiver: a device of this user changed. The cached answer is replaced by the
    new one at once and again after the commit, so a request that read the database in the
    meantime cannot leave the old answer behind."""
    user_id = instance.user_id
    _store_devices(user_id)
    transaction.on_commit(lambda: _store_devices(user_id))


def forget_cached_answer(user_id: int) -> None:
    cache.delete(_device_key(user_id))


@transaction.atomic
def issue_recovery_codes(user) -> list[str]:
    """New one-time recovery codes for `user`; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
