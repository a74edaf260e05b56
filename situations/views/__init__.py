"""Views of the lägesbild: thin – access, form, service, message, redirect."""

from .guidelines import (  # noqa: F401
    guidelines,
    guidelines_edit,
    guidelines_read,
)
from .periods import (  # noqa: F401
    index,
    period_close,
    period_detail,
    period_open,
    period_reopen,
    schedule_edit,
)
from .pictures import (  # noqa: F401
    heat_map,
    picture,
    picture_edit,
    picture_history,
    picture_publish,
)
from .places import proposed_places  # noqa: F401
from .problems import (  # noqa: F401
    meeting_detail,
    meeting_edit,
    meeting_list,
    problem_create,
    problem_detail,
    problem_edit,
    problem_list,
)
from .reports import (  # noqa: F401
    my_report,
    report,
    report_history,
    report_nothing_new,
)
