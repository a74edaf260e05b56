from .access import Rights, municipalities_of


def memberships(request):
    """The municipalities of the signed-in user, for the switcher, the current one, and what
    the user may do there (`{% if can.manage_measures %}`)."""
    # A request refused before authentication (a 400 for a bad host name) has no user.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"can": Rights(())}
    roles = getattr(request, "roles", set())
    return {
        "my_municipalities": municipalities_of(request),
        "current_municipality": getattr(request, "municipality", None),
        "can": Rights(roles),
        # The menu depends only on the municipality, these roles and the language; it is
        # cached under them (templates/includes/header.html).
        "current_roles_key": ",".join(sorted(roles)),
    }
