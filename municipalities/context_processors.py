from .selectors import municipalities_for_user


def memberships(request):
    """The municipalities of the signed-in user, for the switcher, and the current one."""
    if not request.user.is_authenticated:
        return {}
    return {
        "my_municipalities": municipalities_for_user(request.user),
        "current_municipality": getattr(request, "municipality", None),
        "current_roles": getattr(request, "roles", set()),
    }
