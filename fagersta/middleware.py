import time

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation


class ChosenLanguageMiddleware:
    """Swedish unless the visitor chose another language with the language switch.

    The browser's Accept-Language is deliberately ignored: a Swedish public service speaks
    Swedish to everyone by default, whatever language their browser happens to be set to.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SlidingSessionMiddleware:
    """Renews a signed-in session's expiry at most once a minute.

    Sessions end after SESSION_COOKIE_AGE seconds without activity. Saving the session on every
    request (SESSION_SAVE_EVERY_REQUEST) would do that too, but costs a database write per
    request; a minute of slack in a two-hour time-out is not worth that.
    """

    KEY = "_renewed_at"
    INTERVAL = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= self.INTERVAL:
                session[self.KEY] = now
        return response


class RequestSizeLimitMiddleware:
    """Answers 413 to a request whose body is larger than REQUEST_MAX_BYTES, before any of it
    is read.

    Django bounds the form fields of a request (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams files
    of any size to disk; this bounds the whole body, files included. A body sent without a
    length is not read by Django at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BYTES:
            megabytes = max(settings.REQUEST_MAX_BYTES // (1024 * 1024), 1)
            html = render_to_string("413.html", {"megabytes": megabytes})
            return HttpResponse(html, status=413)
        return self.get_response(request)
