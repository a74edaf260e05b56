"""Queueing background work so that a broker outage is a message to the user, not a 500."""

import logging

from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


class QueueUnavailable(Exception):
    """The broker could not be reached; the work was not queued."""


def enqueue(task, *args, **kwargs):
    """Send `task` to the broker without retrying; raise QueueUnavailable if it is down."""
    try:
        return task.apply_async(args=args, kwargs=kwargs, retry=False)
    except (OperationalError, ConnectionError, OSError) as exc:
        logger.error("could not queue %s: %s", task.name, exc)
        raise QueueUnavailable(str(exc)) from exc
