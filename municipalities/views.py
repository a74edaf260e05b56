from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagersta.forms import add_errors

from . import audit, outbox, selectors, services
from .access import Action, get_scoped_or_404, municipalities_of, municipality_view
from .forms import MembershipForm
from .models import Membership, Municipality, OutgoingEmail


def home(request):
    """Signed out: what the service is. Signed in: the start page of the user's municipality."""
    if not request.user.is_authenticated:
        public = Municipality.objects.order_by("name")
        return render(request, "municipalities/landing.html", {"public_municipalities": public})
    mine = municipalities_of(request)
    if len(mine) == 1:
        return redirect("municipality_home", municipality=mine[0].slug)
    return render(request, "municipalities/choose.html", {"municipalities": mine})


@municipality_view()
def municipality_home(request, municipality):
    return render(request, "municipalities/start.html", {"municipality": municipality})


@municipality_view(Action.MANAGE_MUNICIPALITY)
def member_list(request, municipality):
    form = MembershipForm(municipality=municipality)
    members = selectors.member_list(municipality=municipality)
    return render(
        request,
        "municipalities/members.html",
        {"municipality": municipality, "members": members, "form": form},
    )


@require_POST
@municipality_view(Action.MANAGE_MUNICIPALITY)
def member_add(request, municipality):
    form = MembershipForm(request.POST, municipality=municipality)
    if form.is_valid():
        try:
            membership = services.membership_add(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(user)s har fått rollen %(role)s.")
                % {"user": membership.user.username, "role": membership.get_role_display()},
            )
            return redirect("member_list", municipality=municipality.slug)
    members = selectors.member_list(municipality=municipality)
    return render(
        request,
        "municipalities/members.html",
        {"municipality": municipality, "members": members, "form": form},
        status=400,
    )


@require_POST
@municipality_view(Action.MANAGE_MUNICIPALITY)
def member_remove(request, municipality, pk):
    membership = get_scoped_or_404(Membership.objects, municipality, pk=pk)
    try:
        services.membership_remove(actor=request.user, membership=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Rollen är borttagen."))
    return redirect("member_list", municipality=municipality.slug)


@municipality_view(Action.MANAGE_MUNICIPALITY)
def audit_log(request, municipality):
    successes, failures = audit.sign_ins(municipality=municipality)
    return render(
        request,
        "municipalities/audit.html",
        {
            "municipality": municipality,
            "sign_ins": successes,
            "failed_sign_ins": failures,
            "changes": audit.changes(municipality=municipality),
        },
    )


@municipality_view(Action.MANAGE_MUNICIPALITY)
def outbox_list(request, municipality):
    waiting, sent = selectors.outbox_for(municipality=municipality)
    return render(
        request,
        "municipalities/outbox.html",
        {"municipality": municipality, "waiting": waiting, "sent": sent},
    )


@require_POST
@municipality_view(Action.MANAGE_MUNICIPALITY)
def outbox_retry(request, municipality, pk):
    email = get_scoped_or_404(OutgoingEmail.objects, municipality, pk=pk)
    outbox.email_retry(actor=request.user, email=email)
    messages.success(request, _("E-postmeddelandet till %(to)s skickas igen.") % {"to": email.to})
    return redirect("outbox", municipality=municipality.slug)


def accessibility(request):
    return render(request, "municipalities/accessibility.html")
