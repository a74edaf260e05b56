"""Template filters for dates and numbers, available in every template (see fagersta.formats):
`{{ d|day }}`, `{{ dt|day_time }}`, `{{ d|month }}`, `{{ start|month_range:end }}`,
`{{ x|decimal }}`, `{{ value|measured }}`, `{{ share|percent }}`."""

from django import template

from fagersta import formats

register = template.Library()

register.filter("day", formats.day)
register.filter("day_time", formats.day_time)
register.filter("month", formats.month)
register.filter("month_range", formats.month_range)
register.filter("decimal", formats.decimal)
register.filter("measured", formats.measured)
register.filter("percent", formats.percent)
