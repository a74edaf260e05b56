"""Views of the lägesbild: thin – access, form, service, message, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities.access import get_scoped_or_404, municipality_view
from municipalities.models import Organisation, Role

from . import selectors, services
from .forms import (
    GuidelinesForm,
    MeetingForm,
    OpenPeriodForm,
    PictureForm,
    ProblemForm,
    ScheduleForm,
    VersionForm,
    assessment_forms,
    judgement_forms,
)
from .models import (
    Meeting,
    MeetingKind,
    PictureStatus,
    Problem,
    ProblemStatus,
    ReportingPeriod,
    SituationReport,
    Status,
)

STAFF = [Role.COORDINATOR, Role.COUNCIL, Role.POLITICIAN]
EVERYONE = [Role.REPORTER, *STAFF]


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _all_valid(forms_) -> bool:
    # Every form is validated, so that all errors show at once, not only the first.
    results = [f.is_valid() for f in forms_]
    return all(results)


def _is_coordinator(request) -> bool:
    return Role.COORDINATOR in request.roles


def _is_staff(request) -> bool:
    return bool(request.roles & set(STAFF))


def _needs_guidelines(request, municipality) -> bool:
    """A reporter who has not yet read the group's guidelines is shown them first."""
    return (
        not _is_staff(request)
        and selectors.guidelines_for(municipality=municipality) is not None
        and not selectors.has_read_guidelines(user=request.user, municipality=municipality)
    )


# -- overview and periods ------------------------------------------------------------------
@municipality_view(roles=EVERYONE)
def index(request, municipality):
    context = {
        "municipality": municipality,
        "current": selectors.current_period(municipality=municipality),
        "is_staff": _is_staff(request),
    }
    organisation = selectors.reporter_organisation(user=request.user, municipality=municipality)
    if organisation is not None:
        context["organisation"] = organisation
        context["own_reports"] = selectors.reports_of_organisation(organisation=organisation)
    if _is_staff(request):
        years = selectors.period_years(municipality=municipality)
        year = _year_param(request, default=years[0] if years else timezone.localdate().year)
        context.update(
            years=years,
            year=year,
            periods=selectors.period_list(municipality=municipality, year=year),
            open_form=OpenPeriodForm() if _is_coordinator(request) else None,
        )
    else:
        context["published"] = (
            selectors.period_list(municipality=municipality)
            .filter(picture__status=PictureStatus.PUBLISHED)
            .order_by("-starts_on")[:12]
        )
    return render(request, "situations/index.html", context)


def _year_param(request, default: int) -> int:
    try:
        return int(request.GET.get("ar", default))
    except ValueError:
        return default


@municipality_view(roles=STAFF)
def period_detail(request, municipality, pk):
    period = get_scoped_or_404(ReportingPeriod.objects, municipality, pk=pk)
    return render(
        request,
        "situations/period_detail.html",
        {
            "municipality": municipality,
            "period": period,
            "board": selectors.reporting_board(period=period),
            "picture": selectors.picture_for(period=period),
        },
    )


@require_POST
@municipality_view(roles=[Role.COORDINATOR])
def period_open(request, municipality):
    form = OpenPeriodForm(request.POST)
    if form.is_valid():
        try:
            period = services.period_open(
                actor=request.user, municipality=municipality, day=form.cleaned_data["day"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Perioden %(period)s är öppen.") % {"period": period})
            return redirect("situations:period_detail", municipality.slug, period.pk)
    else:
        messages.error(request, _("Ange ett giltigt datum."))
    return redirect("situations:index", municipality.slug)


@require_POST
@municipality_view(roles=[Role.COORDINATOR])
def period_close(request, municipality, pk):
    period = get_scoped_or_404(ReportingPeriod.objects, municipality, pk=pk)
    try:
        services.period_close(actor=request.user, period=period)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Perioden %(period)s är stängd.") % {"period": period})
    return redirect("situations:period_detail", municipality.slug, period.pk)


@require_POST
@municipality_view(roles=[Role.COORDINATOR])
def period_reopen(request, municipality, pk):
    period = get_scoped_or_404(ReportingPeriod.objects, municipality, pk=pk)
    services.period_open(actor=request.user, municipality=municipality, day=period.starts_on)
    messages.success(request, _("Perioden %(period)s är öppen igen.") % {"period": period})
    return redirect("situations:period_detail", municipality.slug, period.pk)


@municipality_view(roles=[Role.COORDINATOR])
def schedule_edit(request, municipality):
    schedule = selectors.schedule_for(municipality=municipality)
    form = ScheduleForm(request.POST or None, instance=schedule)
    if request.method == "POST" and form.is_valid():
        try:
            services.schedule_update(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Rapporteringsschemat är sparat."))
            return redirect("situations:index", municipality.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "situations/form_page.html",
        {
            "municipality": municipality,
            "form": form,
            "title": _("Rapporteringsschema"),
            "intro": _("Hur ofta EST-gruppen rapporterar och när rapporten ska vara inne."),
        },
        status=status,
    )


# -- reports -------------------------------------------------------------------------------
@municipality_view(roles=[Role.REPORTER])
def my_report(request, municipality):
    """The reporter's shortcut: this period's report for their organisation."""
    if _needs_guidelines(request, municipality):
        messages.info(request, _("Läs gruppens uppdrag och riktlinjer innan du rapporterar."))
        return redirect(
            f"{reverse('situations:guidelines', args=[municipality.slug])}"
            f"?next={reverse('situations:my_report', args=[municipality.slug])}"
        )
    organisation = selectors.reporter_organisation(user=request.user, municipality=municipality)
    period = selectors.current_period(municipality=municipality)
    if period is None or organisation is None:
        messages.info(request, _("Det finns ingen öppen rapporteringsperiod just nu."))
        return redirect("situations:index", municipality.slug)
    return redirect("situations:report", municipality.slug, period.pk, organisation.pk)


def _report_access(request, municipality, period_pk, organisation_pk):
    """(period, organisation, report or None, may_write) – 403 for another organisation."""
    period = get_scoped_or_404(ReportingPeriod.objects, municipality, pk=period_pk)
    organisation = get_scoped_or_404(Organisation.objects, municipality, pk=organisation_pk)
    own = selectors.reporter_organisation(user=request.user, municipality=municipality)
    if _is_coordinator(request) or Role.REPORTER in request.roles and own == organisation:
        may_write = True
    elif _is_staff(request):
        may_write = False
    else:
        raise PermissionDenied
    report = SituationReport.objects.filter(period=period, organisation=organisation).first()
    if report is not None:
        report = selectors.report_with_assessments(municipality=municipality, pk=report.pk)
    return period, organisation, report, may_write and period.is_open


@municipality_view(roles=EVERYONE)
def report(request, municipality, period_pk, organisation_pk):
    period, organisation, found, may_write = _report_access(
        request, municipality, period_pk, organisation_pk
    )
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied
        return _report_post(request, municipality, period, organisation, found)
    if may_write and _needs_guidelines(request, municipality):
        messages.info(request, _("Läs gruppens uppdrag och riktlinjer innan du rapporterar."))
        return redirect(
            f"{reverse('situations:guidelines', args=[municipality.slug])}?next={request.path}"
        )
    draft = found or SituationReport(period=period, organisation=organisation, version=0)
    context = _report_context(request, municipality, period, organisation, found, may_write)
    if may_write:
        context["forms"] = assessment_forms(report=draft)
        context["version_form"] = VersionForm(initial={"version": draft.version})
    return render(request, "situations/report.html", context)


def _report_context(request, municipality, period, organisation, found, may_write):
    return {
        "municipality": municipality,
        "period": period,
        "organisation": organisation,
        "report": found,
        "may_write": may_write,
        "is_coordinator": _is_coordinator(request),
    }


def _report_post(request, municipality, period, organisation, found):
    draft = found or SituationReport(period=period, organisation=organisation, version=0)
    forms_ = assessment_forms(report=draft, data=request.POST)
    version_form = VersionForm(request.POST)
    context = _report_context(request, municipality, period, organisation, found, True)
    valid = _all_valid([*forms_, version_form])
    if valid:
        submit = "submit" in request.POST
        data = [services.AssessmentData(area_id=f.area.pk, **f.cleaned_data) for f in forms_]
        try:
            target = found or services.report_start(
                actor=request.user, period=period, organisation=organisation
            )
            version = version_form.cleaned_data["version"] if found else target.version
            services.report_save(
                actor=request.user,
                report=target,
                version=version,
                assessments=data,
                submit=submit,
            )
        except services.ConflictError as exc:
            return _report_conflict(request, municipality, context, forms_, exc.current)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if submit:
                messages.success(
                    request,
                    _(
                        "Tack! Rapporten för %(period)s är inskickad. Du kan ändra den tills "
                        "perioden stängs."
                    )
                    % {"period": period},
                )
            else:
                messages.success(request, _("Utkastet är sparat."))
            return redirect("situations:report", municipality.slug, period.pk, organisation.pk)
    else:
        messages.error(request, _("Rapporten är inte sparad. Rätta det som är markerat."))
    context.update(forms=forms_, version_form=version_form)
    return render(request, "situations/report.html", context, status=400)


def _report_conflict(request, municipality, context, forms_, current):
    # The reporter's text stays in the form; the saved version is shown beside it. Saving again
    # from here is a deliberate overwrite, so the form now carries the current version.
    theirs = selectors.report_with_assessments(municipality=municipality, pk=current.pk)
    data = request.POST.copy()
    data["version"] = theirs.version
    context.update(
        forms=forms_,
        version_form=VersionForm(data),
        conflict=True,
        theirs={a.area_id: a for a in theirs.assessments.all()},
        report=theirs,
    )
    return render(request, "situations/report.html", context, status=409)


@require_POST
@municipality_view(roles=[Role.REPORTER, Role.COORDINATOR])
def report_nothing_new(request, municipality, period_pk, organisation_pk):
    period, organisation, found, may_write = _report_access(
        request, municipality, period_pk, organisation_pk
    )
    if not may_write:
        raise PermissionDenied
    try:
        target = found or services.report_start(
            actor=request.user, period=period, organisation=organisation
        )
        services.report_copy_previous(actor=request.user, report=target)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Rapporten är ifylld från förra perioden. Se över den och skicka in."),
        )
    return redirect("situations:report", municipality.slug, period.pk, organisation.pk)


@municipality_view(roles=[Role.COORDINATOR])
def report_history(request, municipality, period_pk, organisation_pk):
    period = get_scoped_or_404(ReportingPeriod.objects, municipality, pk=period_pk)
    found = get_scoped_or_404(
        SituationReport.objects, municipality, period=period, organisation_id=organisation_pk
    )
    from .models import Assessment

    assessment_history = (
        Assessment.history.filter(report_id=found.pk)
        .select_related("history_user", "area")
        .order_by("-history_date")[:200]
    )
    return render(
        request,
        "situations/history.html",
        {
            "municipality": municipality,
            "title": _("Historik: %(report)s") % {"report": found},
            "back": reverse(
                "situations:report", args=[municipality.slug, period.pk, organisation_pk]
            ),
            "records": selectors.history_of(found),
            "detail_records": assessment_history,
        },
    )


# -- compiled picture ----------------------------------------------------------------------
@municipality_view(roles=EVERYONE)
def picture(request, municipality, pk):
    period = get_scoped_or_404(ReportingPeriod.objects, municipality, pk=pk)
    found = selectors.picture_for(period=period)
    if not _is_staff(request) and (found is None or not found.is_published):
        raise Http404
    return render(
        request,
        "situations/picture.html",
        {
            "municipality": municipality,
            "period": period,
            "picture": found,
            "is_coordinator": _is_coordinator(request),
        },
    )


@municipality_view(roles=[Role.COORDINATOR])
def picture_edit(request, municipality, pk):
    period = get_scoped_or_404(ReportingPeriod.objects, municipality, pk=pk)
    found = selectors.picture_for(period=period)
    columns = selectors.compiled_view(period=period)
    draft = found or _unsaved_picture(period)
    data = request.POST if request.method == "POST" else None
    forms_ = judgement_forms(picture=draft, columns=columns, data=data)
    form = PictureForm(
        data,
        initial={
            "analysis": draft.analysis,
            "decisions": draft.decisions,
            "version": draft.version,
        },
    )
    context = {
        "municipality": municipality,
        "period": period,
        "picture": found,
        "columns": columns,
        "forms": forms_,
        "form": form,
        "board": selectors.reporting_board(period=period),
    }
    if request.method != "POST":
        return render(request, "situations/picture_edit.html", context)
    if _all_valid([form, *forms_]):
        judgements = [services.JudgementData(area_id=f.area.pk, **f.cleaned_data) for f in forms_]
        try:
            target = found or services.picture_start(actor=request.user, period=period)
            services.picture_save(
                actor=request.user,
                picture=target,
                version=form.cleaned_data["version"] if found else target.version,
                analysis=form.cleaned_data["analysis"],
                decisions=form.cleaned_data["decisions"],
                judgements=judgements,
            )
        except services.ConflictError as exc:
            fresh = request.POST.copy()
            fresh["version"] = exc.current.version
            context.update(
                form=PictureForm(fresh),
                conflict=True,
                theirs=selectors.picture_for(period=period),
            )
            return render(request, "situations/picture_edit.html", context, status=409)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Den sammanställda lägesbilden är sparad."))
            return redirect("situations:picture", municipality.slug, period.pk)
    return render(request, "situations/picture_edit.html", context, status=400)


def _unsaved_picture(period):
    from .models import CompiledPicture

    return CompiledPicture(period=period, version=0)


@require_POST
@municipality_view(roles=[Role.COORDINATOR])
def picture_publish(request, municipality, pk):
    period = get_scoped_or_404(ReportingPeriod.objects, municipality, pk=pk)
    found = selectors.picture_for(period=period)
    if found is None:
        messages.error(request, _("Sammanställ lägesbilden innan den publiceras."))
        return redirect("situations:picture_edit", municipality.slug, period.pk)
    try:
        services.picture_publish(actor=request.user, picture=found)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Lägesbilden är publicerad. Rapportörerna får återkoppling via e-post."),
        )
    return redirect("situations:picture", municipality.slug, period.pk)


@municipality_view(roles=[Role.COORDINATOR])
def picture_history(request, municipality, pk):
    period = get_scoped_or_404(ReportingPeriod.objects, municipality, pk=pk)
    found = selectors.picture_for(period=period)
    if found is None:
        raise Http404
    from .models import AreaJudgement

    detail = (
        AreaJudgement.history.filter(picture_id=found.pk)
        .select_related("history_user", "area")
        .order_by("-history_date")[:200]
    )
    return render(
        request,
        "situations/history.html",
        {
            "municipality": municipality,
            "title": _("Historik: lägesbild %(period)s") % {"period": period},
            "back": reverse("situations:picture", args=[municipality.slug, period.pk]),
            "records": selectors.history_of(found),
            "detail_records": detail,
        },
    )


# -- heat map ------------------------------------------------------------------------------
@municipality_view(roles=EVERYONE)
def heat_map(request, municipality):
    years = selectors.period_years(municipality=municipality)
    year = _year_param(request, default=years[0] if years else timezone.localdate().year)
    published_only = not _is_staff(request)
    return render(
        request,
        "situations/heat_map.html",
        {
            "municipality": municipality,
            "years": years,
            "year": year,
            "map": selectors.heat_map(municipality, year, published_only=published_only),
            "share": selectors.green_share_by_year(
                municipality, sorted(years), published_only=published_only
            ),
            "statuses": [(s, selectors.StatusCell(s)) for s in Status.values],
        },
    )


# -- problems ------------------------------------------------------------------------------
@municipality_view(roles=STAFF)
def problem_list(request, municipality):
    status = request.GET.get("status") or None
    if status not in ProblemStatus.values:
        status = None
    return render(
        request,
        "situations/problem_list.html",
        {
            "municipality": municipality,
            "problems": selectors.problem_list(municipality=municipality, status=status),
            "status": status,
            "statuses": ProblemStatus.choices,
            "is_coordinator": _is_coordinator(request),
        },
    )


@municipality_view(roles=STAFF)
def problem_detail(request, municipality, pk):
    problem = get_scoped_or_404(
        Problem.objects.select_related("area", "place", "owner", "period"), municipality, pk=pk
    )
    return render(
        request,
        "situations/problem_detail.html",
        {
            "municipality": municipality,
            "problem": problem,
            "is_coordinator": _is_coordinator(request),
            "records": selectors.history_of(problem) if _is_coordinator(request) else None,
        },
    )


@municipality_view(roles=[Role.COORDINATOR])
def problem_create(request, municipality):
    initial = {}
    if request.method == "GET":
        initial = {k: v for k, v in request.GET.items() if k in {"period", "area", "title"}}
    form = ProblemForm(request.POST or None, initial=initial, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            problem = services.problem_create(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Problemet är registrerat."))
            return redirect("situations:problem_detail", municipality.slug, problem.pk)
    return render(
        request,
        "situations/form_page.html",
        {
            "municipality": municipality,
            "form": form,
            "title": _("Nytt problem"),
            "back": reverse("situations:problem_list", args=[municipality.slug]),
        },
        status=400 if request.method == "POST" else 200,
    )


@municipality_view(roles=[Role.COORDINATOR])
def problem_edit(request, municipality, pk):
    problem = get_scoped_or_404(Problem.objects, municipality, pk=pk)
    form = ProblemForm(request.POST or None, instance=problem, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.problem_update(actor=request.user, problem=problem, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Problemet är sparat."))
            return redirect("situations:problem_detail", municipality.slug, problem.pk)
    return render(
        request,
        "situations/form_page.html",
        {
            "municipality": municipality,
            "form": form,
            "title": _("Ändra problem: %(title)s") % {"title": problem.title},
            "back": reverse("situations:problem_detail", args=[municipality.slug, problem.pk]),
        },
        status=400 if request.method == "POST" else 200,
    )


# -- meetings ------------------------------------------------------------------------------
@municipality_view(roles=STAFF)
def meeting_list(request, municipality):
    counts = selectors.meeting_counts(municipality=municipality)
    year = _year_param(request, default=counts[0]["year"] if counts else timezone.localdate().year)
    return render(
        request,
        "situations/meeting_list.html",
        {
            "municipality": municipality,
            "counts": counts,
            "year": year,
            "meetings": selectors.meeting_list(municipality=municipality, year=year),
            "is_coordinator": _is_coordinator(request),
            "EST": MeetingKind.EST,
            "COUNCIL": MeetingKind.COUNCIL,
        },
    )


@municipality_view(roles=STAFF)
def meeting_detail(request, municipality, pk):
    meeting = get_scoped_or_404(
        Meeting.objects.prefetch_related("organisations"), municipality, pk=pk
    )
    return render(
        request,
        "situations/meeting_detail.html",
        {
            "municipality": municipality,
            "meeting": meeting,
            "is_coordinator": _is_coordinator(request),
        },
    )


@municipality_view(roles=[Role.COORDINATOR])
def meeting_edit(request, municipality, pk=None):
    meeting = get_scoped_or_404(Meeting.objects, municipality, pk=pk) if pk else None
    form = MeetingForm(request.POST or None, instance=meeting, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        organisations = fields.pop("organisations")
        try:
            saved = services.meeting_save(
                actor=request.user,
                municipality=municipality,
                meeting=meeting,
                organisations=organisations,
                **fields,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Mötet är sparat."))
            return redirect("situations:meeting_detail", municipality.slug, saved.pk)
    return render(
        request,
        "situations/form_page.html",
        {
            "municipality": municipality,
            "form": form,
            "title": _("Ändra möte") if meeting else _("Nytt möte"),
            "back": reverse("situations:meeting_list", args=[municipality.slug]),
        },
        status=400 if request.method == "POST" else 200,
    )


# -- guidelines ----------------------------------------------------------------------------
@municipality_view(roles=EVERYONE)
def guidelines(request, municipality):
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return render(
        request,
        "situations/guidelines.html",
        {
            "municipality": municipality,
            "guidelines": selectors.guidelines_for(municipality=municipality),
            "has_read": selectors.has_read_guidelines(user=request.user, municipality=municipality),
            "next": next_url,
            "is_coordinator": _is_coordinator(request),
        },
    )


@require_POST
@municipality_view(roles=EVERYONE)
def guidelines_read(request, municipality):
    services.guidelines_acknowledge(actor=request.user, municipality=municipality)
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    messages.success(request, _("Tack! Du har läst riktlinjerna."))
    return redirect("situations:index", municipality.slug)


@municipality_view(roles=[Role.COORDINATOR])
def guidelines_edit(request, municipality):
    found = selectors.guidelines_for(municipality=municipality)
    form = GuidelinesForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.guidelines_update(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Riktlinjerna är sparade."))
            return redirect("situations:guidelines", municipality.slug)
    return render(
        request,
        "situations/form_page.html",
        {
            "municipality": municipality,
            "form": form,
            "title": _("Uppdrag och riktlinjer"),
            "back": reverse("situations:guidelines", args=[municipality.slug]),
        },
        status=400 if request.method == "POST" else 200,
    )
