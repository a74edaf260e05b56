"""Demo measures, partners, annual calendar and action plan.

Fagersta's measures follow its annual report for 2021, grouped by the lägesbild's areas;
Hagfors's action plan follows the plan its executive committee adopted in June 2024. The
sources give years and months but seldom days, so days within a month, the decision
paragraph and the risk weekends' dates are examples and marked as such.
"""

from __future__ import annotations

import datetime

from municipalities.models import Area, Municipality, Organisation

from .models import (
    ActionPlan,
    ActionPlanDecision,
    ActionPlanGoal,
    ActionPlanStatus,
    CalendarEvent,
    CalendarEventKind,
    DecisionOutcome,
    Measure,
    MeasureLevel,
    MeasureStatus,
    Partner,
)

D = datetime.date
L = MeasureLevel
S = MeasureStatus

FAGERSTA_PARTNERS = [
    ("ICA-handlarna", "Lokala ICA-handlare, genom ICA-handlarnas förbund."),
    ("Fagersta Motorklubb", "Motorklubb som tar emot motorintresserade unga."),
    ("Svenska kyrkan", "Deltar i det lokala trygghetsrådet för handeln."),
    ("Nattvandrarna", "Vuxna som rör sig ute kvällar och helger."),
    ("Tillväxtverket", "Statligt stöd till insatser för unga."),
    ("Samordningsförbundet", "Finansiell samordning av rehabilitering."),
    ("Norra Västmanlands Utbildningsförbund (NVU)", "Gymnasie- och vuxenutbildning."),
    ("Region Västmanland, ungdomsmottagningen", "Regionens ungdomsmottagning."),
]

ORDER = "ordning-otrygghet"
VIOLENCE = "hot-vald"
YOUTH = "unga-skola-andt"
OTHER = "ovrigt"

# (title, areas, level, status, start, end, responsible organisation, partners,
#  funding source, target group, reach, unit, description, outcome, lessons, public)
FAGERSTA_MEASURES = [
    (
        "Trygghetsvandringar i Kolarbyområdet, centrum och Västanfors",
        [ORDER],
        L.UNIVERSAL,
        S.COMPLETED,
        D(2021, 10, 1),
        D(2021, 10, 31),
        "Norra Västmanlands Kommunalteknikförbund (NVK)",
        [],
        "",
        "Boende i de tre områdena",
        3,
        "vandringar",
        "Invånare, kommunens tjänstepersoner, NVK och polisen gick tillsammans genom tre "
        "områden för att hitta platser som känns otrygga. Vandringarna var planerade till 2020 "
        "men sköts upp på grund av pandemin.",
        "Många deltog och samtalen var givande. Trasiga lampor anmäldes direkt i NVK:s app "
        "under vandringen, och NVK har sedan röjt växtlighet så att sikten blivit bättre på "
        "flera platser.",
        "Det som gör platser otrygga här är detsamma som nationellt: skymd sikt, mörker och "
        "platser där det är för folktomt eller för trångt. Appen fungerar bra att anmäla i "
        "medan man går.",
        True,
    ),
    (
        "Motorburen ungdom – mötesplats hos motorklubben",
        [ORDER],
        L.GROUP,
        S.ONGOING,
        D(2020, 6, 1),
        None,
        "Kommunpolisen",
        ["Fagersta Motorklubb"],
        "Kommunalt stöd till föreningen",
        "Unga med EPA- och A-traktorer",
        45,
        "unga",
        "Fler unga än någon annanstans i länet har skaffat EPA- eller A-traktor. De samlas "
        "bland annat vid bensinstationer, vilket ger nedskräpning och lockar vuxna med "
        "kriminella avsikter. Kommunen stödjer motorklubben i att erbjuda en mötesplats med "
        "trygga vuxna, och polisen för en dialog med ungdomarna.",
        "Under 2021 hölls bland annat en påsktävling med stationer och en träff med polisens "
        "trafikgrupp om vad som är lagligt. Till träffen kom 45 unga.",
        "Klubben får nya, yngre medlemmar samtidigt som ungdomarna får en bra miljö för sitt "
        "intresse. Dialogen är god och ska utvecklas vidare.",
        True,
    ),
    (
        "ICA trygghetsråd för dagligvaruhandeln",
        [VIOLENCE],
        L.UNIVERSAL,
        S.ONGOING,
        D(2021, 6, 1),
        None,
        "Näringslivsansvarig",
        ["ICA-handlarna", "Svenska kyrkan"],
        "",
        "Butiker, anställda och kunder i handeln",
        None,
        "",
        "Efter en förfrågan från ICA-handlarna skrev polisen, kommunen och handeln under en "
        "trygghetsöverenskommelse i juni. Ett lokalt råd med dagligvaruhandlare, kommunen och "
        "Svenska kyrkan tar upp frågor om trygghet i och kring butikerna.",
        "Rådet har redan genomfört en trygghetsvandring vid butikerna och ett samarbete med "
        "Lindgårdsskolans högstadium, öppenvården och ICA vid skolstarten, där unga fick prata "
        "om framtiden och om att välja rätt.",
        "Korta kontaktvägar och goda relationer mellan handeln, kommunen och polisen är en "
        "vinst i sig.",
        True,
    ),
    (
        "Nattvandring med föreningar",
        [YOUTH],
        L.UNIVERSAL,
        S.ONGOING,
        D(2021, 1, 1),
        None,
        "Projekt Framtidens Fagersta",
        ["Nattvandrarna"],
        "Projektet Framtidens Fagersta",
        "Unga som är ute kvällar och helger",
        None,
        "",
        "Föreningar får stöd för att nattvandra tillsammans med Nattvandrarna, eftersom fler "
        "vuxna behöver finnas ute på kvällar och helger.",
        "",
        "",
        True,
    ),
    (
        "SIG – social insatsgrupp",
        [YOUTH],
        L.INDIVIDUAL,
        S.ONGOING,
        D(2021, 1, 1),
        None,
        "Socialförvaltningen",
        [],
        "",
        "Unga som riskerar att dras in i kriminalitet",
        None,
        "",
        "Polis, skola och socialtjänst samverkar nära kring enskilda unga. Insatsen fanns med "
        "bland de medborgarlöften som antogs under året.",
        "Arbetet kom igång ordentligt under 2021.",
        "",
        False,
    ),
    (
        "Ungdomsledare med uppsökande uppdrag",
        [YOUTH],
        L.GROUP,
        S.ONGOING,
        D(2021, 1, 1),
        D(2022, 12, 31),
        "Fritidsgården",
        ["Tillväxtverket"],
        "Tillväxtverket",
        "Unga i kommunen",
        None,
        "",
        "En ungdomsledare arbetar uppsökande och aktiverande bland unga. Tjänsten delas mellan "
        "förvaltningarna för att samordna frågor om unga och undvika stuprör.",
        "",
        "Projektet pågår hela 2022 och utvärderas löpande.",
        False,
    ),
    (
        "Steget vidare",
        [YOUTH],
        L.INDIVIDUAL,
        S.ONGOING,
        D(2021, 8, 1),
        D(2022, 3, 31),
        "Socialförvaltningen",
        ["Samordningsförbundet", "Norra Västmanlands Utbildningsförbund (NVU)"],
        "Statliga riktade medel",
        "Unga utan fullständig gymnasieutbildning",
        None,
        "",
        "Ett samverkansprojekt, byggt på en dansk studie, som med samordnade kompletterande "
        "insatser hjälper unga utan gymnasieexamen mot egen försörjning.",
        "",
        "Utvärderas efter mars 2022 för att se om arbetssättet ska fortsätta och för vilka.",
        False,
    ),
    (
        "Feriejobb för unga – Unga jobb",
        [YOUTH],
        L.GROUP,
        S.COMPLETED,
        D(2021, 6, 14),
        D(2021, 8, 13),
        None,
        ["Tillväxtverket"],
        "Statliga medel och Tillväxtverket",
        "Unga 16–18 år",
        None,
        "",
        "Alla unga mellan 16 och 18 år som sökte sommarjobb i kommunen fick ett, för andra "
        "sommaren i rad.",
        "Alla sökande fick sommarjobb.",
        "Målet är att erbjuda feriejobb även under andra lov än sommarlovet.",
        True,
    ),
    (
        "Din idé – medborgarbudget för unga",
        [YOUTH],
        L.UNIVERSAL,
        S.ONGOING,
        D(2021, 1, 1),
        D(2025, 12, 31),
        None,
        [],
        "Kommunens medborgarbudget",
        "Unga i kommunen",
        300,
        "unga",
        "Unga föreslår och röstar fram aktiviteter som kommunen genomför. Medborgarbudget "
        "stärker demokratin genom att låta invånare vara med och besluta.",
        "Över 300 unga var delaktiga och fem förslag mot psykisk ohälsa och otrygghet "
        "genomfördes. Politiken har beslutat att pengar som inte använts får användas till och "
        "med 2025.",
        "",
        True,
    ),
    (
        "Trick shot",
        [YOUTH],
        L.GROUP,
        S.ONGOING,
        D(2021, 9, 1),
        None,
        None,
        [],
        "Din idé – medborgarbudget för unga",
        "Högstadieelever från olika grupperingar",
        None,
        "",
        "Ett av de förslag i Din idé som fick flest röster: högstadieelever från olika grupper "
        "möts och samtalar om till exempel segregation och könsroller.",
        "Träffarna blev så uppskattade att de lever vidare som ett eget koncept som drivs av "
        "två unga idébärare.",
        "",
        True,
    ),
    (
        "Föräldrastöd",
        [YOUTH],
        L.UNIVERSAL,
        S.PAUSED,
        D(2021, 1, 1),
        None,
        "Öppenvården",
        [],
        "",
        "Vårdnadshavare",
        None,
        "",
        "Öppna samtal med vårdnadshavare, föräldrautbildningar och utskick med information.",
        "Det mesta som kräver fysiska träffar fick vila under pandemin.",
        "Det universella föräldrastödet ska tas upp igen 2022.",
        False,
    ),
    (
        "ANDTS-coachutbildning och ANDTS-grupp",
        [YOUTH],
        L.UNIVERSAL,
        S.COMPLETED,
        D(2021, 2, 1),
        D(2021, 2, 28),
        None,
        ["Region Västmanland, ungdomsmottagningen"],
        "",
        "Kommunanställda som arbetar förebyggande",
        None,
        "",
        "För första gången utbildades ANDTS-coacher bland kommunens anställda, med "
        "ungdomsmottagningen som deltagare, för att stärka kunskapen om förebyggande arbete mot "
        "alkohol, narkotika, dopning, tobak och spel.",
        "En samverkansgrupp bildades som träffas fyra gånger om året och som bland annat har "
        "samordnat insatser kring Valborg för att skjuta upp ungas alkoholdebut.",
        "",
        False,
    ),
    (
        "Drogtest av avloppsvattnet",
        [YOUTH],
        L.UNIVERSAL,
        S.ONGOING,
        D(2021, 1, 1),
        D(2022, 12, 31),
        None,
        [],
        "",
        "Hela kommunen",
        4,
        "provtagningar per år",
        "Avloppsvattnet analyseras fyra gånger om året för att se vilka droger som används och "
        "i vilken mängd. Försöket pågår 2021 och 2022.",
        "",
        "",
        True,
    ),
    (
        "Alkohol- och drogfria aktiviteter på riskhelger",
        [YOUTH],
        L.GROUP,
        S.ONGOING,
        D(2021, 1, 1),
        None,
        "Fritidsgården",
        ["Tillväxtverket"],
        "Tillväxtverket",
        "Unga under helger då risken för alkohol och droger är stor",
        None,
        "",
        "Större alkohol- och drogfria aktiviteter för unga under de helger som pekats ut som "
        "riskhelger. Flera skolors trygghetsteam har planerat om för att kunna fälta då.",
        "Pandemin begränsade aktiviteterna, men en struktur finns nu på plats.",
        "Arbetet fortsätter 2022.",
        True,
    ),
    (
        "ANT-informatörer",
        [YOUTH],
        L.GROUP,
        S.ONGOING,
        D(2021, 6, 1),
        None,
        None,
        ["Tillväxtverket"],
        "Tillväxtverket",
        "Elever och besökare i fritidsverksamheter",
        4,
        "unga informatörer",
        "Unga anställda som ANT-informatörer besöker skolor och fritidsverksamheter och "
        "berättar varför de själva avstår från alkohol, narkotika och tobak. Det började som "
        "ett sommarjobb 2021.",
        "Kommunen har fyra unga anställda som informatörer.",
        "",
        True,
    ),
    (
        "Livesänt samtal om unga och alkohol",
        [YOUTH],
        L.UNIVERSAL,
        S.COMPLETED,
        D(2021, 6, 8),
        D(2021, 6, 8),
        "Öppenvården",
        [],
        "",
        "Föräldrar och unga",
        2000,
        "visningar",
        "Inför skolavslutningen samtalade öppenvården och polisen direkt på kommunens "
        "Facebooksida om unga och alkohol, med råd till föräldrar och budskap till unga.",
        "Sändningen visades över 2 000 gånger.",
        "Digitala format nådde många när fysiska träffar inte gick att ordna.",
        True,
    ),
    (
        "Hundsvep i skolorna",
        [YOUTH],
        L.UNIVERSAL,
        S.ONGOING,
        D(2021, 1, 1),
        None,
        "Kommunpolisen",
        [],
        "",
        "Skolorna",
        None,
        "",
        "Polisen går igenom skolorna med narkotikahund för att upptäcka eventuell narkotika.",
        "",
        "",
        False,
    ),
    (
        "Gemensam insats vid Valborg",
        [YOUTH, OTHER],
        L.UNIVERSAL,
        S.COMPLETED,
        D(2021, 4, 30),
        D(2021, 5, 1),
        "Kommunpolisen",
        [],
        "",
        "Unga",
        None,
        "",
        "Valborg är en helg då många unga dricker alkohol för första gången. Kommunen och "
        "polisen hade extra bemanning med fältare och öppna verksamheter.",
        "",
        "",
        True,
    ),
    (
        "Gemensam insats vid skolavslutningen",
        [YOUTH, OTHER],
        L.UNIVERSAL,
        S.COMPLETED,
        D(2021, 6, 10),
        D(2021, 6, 11),
        "Fritidsgården",
        ["Nattvandrarna"],
        "",
        "Unga",
        None,
        "",
        "Ungdomsledare och fritidsgårdens personal ordnade alkohol- och drogfria aktiviteter "
        "medan trygghetsteamen från Alfaskolan och Risbroskolan fältade, i samverkan med "
        "nattvandrare och polis.",
        "",
        "",
        True,
    ),
    (
        "Polisen informerar på kommunens webbplats",
        [OTHER],
        L.UNIVERSAL,
        S.ONGOING,
        D(2021, 1, 1),
        None,
        "Kommunpolisen",
        [],
        "",
        "Kommuninvånare",
        4,
        "publiceringar",
        "Polisen publicerar information på kommunens webbplats under rubriken Polisen "
        "informerar, så att fler nås.",
        "Polisen informerade vid fyra tillfällen under 2021.",
        "",
        True,
    ),
]

# (title, kind, start, end, remind days before, description, measures)
FAGERSTA_CALENDAR = [
    (
        "Valborg",
        CalendarEventKind.RISK_WEEKEND,
        D(2021, 4, 30),
        D(2021, 5, 1),
        21,
        "Många unga gör sin alkoholdebut. Planera fältare, öppna verksamheter och polisens "
        "närvaro.",
        ["Gemensam insats vid Valborg", "Alkohol- och drogfria aktiviteter på riskhelger"],
    ),
    (
        "Skolavslutning",
        CalendarEventKind.DATE,
        D(2021, 6, 10),
        D(2021, 6, 11),
        21,
        "Risk för alkohol och droger bland unga. Datumet är exempeldata och varierar år från år.",
        ["Gemensam insats vid skolavslutningen", "Livesänt samtal om unga och alkohol"],
    ),
    (
        "Sommarlov och feriejobb",
        CalendarEventKind.HOLIDAY,
        D(2021, 6, 14),
        D(2021, 8, 13),
        45,
        "Feriejobb för unga 16–18 år under sommarlovet.",
        ["Feriejobb för unga – Unga jobb"],
    ),
    (
        "Riskhelg vid skolstarten",
        CalendarEventKind.RISK_WEEKEND,
        D(2021, 8, 20),
        D(2021, 8, 22),
        14,
        "Exempeldata: en av de riskhelger som pekats ut.",
        ["Alkohol- och drogfria aktiviteter på riskhelger", "Nattvandring med föreningar"],
    ),
    (
        "Höstlov och Halloween",
        CalendarEventKind.RISK_WEEKEND,
        D(2021, 10, 29),
        D(2021, 11, 7),
        14,
        "Exempeldata: höstlovet med Halloweenhelgen räknas som riskhelg.",
        ["Alkohol- och drogfria aktiviteter på riskhelger", "Nattvandring med föreningar"],
    ),
]

HAGFORS_PARTNERS = [
    ("Näringsidkare vid Torget", "Butiker och andra verksamheter runt torget."),
]

HAGFORS_MEASURES = [
    (
        "Fler elever i årskurs 9 med gymnasiebehörighet",
        [YOUTH],
        L.UNIVERSAL,
        S.ONGOING,
        D(2024, 8, 1),
        None,
        None,
        [],
        "",
        "Elever i årskurs 9",
        None,
        "",
        "Arbete för att fler elever som lämnar årskurs 9 har betyg som ger behörighet till "
        "gymnasiet, eftersom en fullständig skolgång skyddar mot brott.",
        "",
        "",
        True,
    ),
    (
        "Kommunikation om våld i nära relation",
        [VIOLENCE],
        L.UNIVERSAL,
        S.ONGOING,
        D(2024, 9, 1),
        None,
        "Individ- och familjeomsorgen",
        [],
        "",
        "Kommunens medarbetare och kommuninvånare",
        None,
        "",
        "Bred kommunikation om våld i nära relation, både internt i kommunens organisation och "
        "externt till invånarna, så att fler vet hur våldet ser ut och vart man vänder sig.",
        "",
        "",
        True,
    ),
    (
        "Tryggare Torget",
        [ORDER],
        L.UNIVERSAL,
        S.ONGOING,
        D(2024, 9, 1),
        None,
        "Kommunpolisen",
        ["Näringsidkare vid Torget"],
        "",
        "Alla som vistas på torget",
        None,
        "",
        "Kommunen fördjupar samarbetet med polisen och näringsidkarna vid torget för att "
        "prioritera vad som behövs för att torget ska vara en trygg plats.",
        "",
        "",
        True,
    ),
    (
        "Aktivitetsplan för arbetet med ungdomar och narkotika",
        [YOUTH],
        L.GROUP,
        S.PLANNED,
        D(2024, 9, 1),
        None,
        "Enheten för sysselsättning",
        [],
        "",
        "Unga",
        None,
        "",
        "Statistiken visar att narkotika är ett problem i kommunen och ofta leder till brott. "
        "En aktivitetsplan tas fram för insatser riktade till unga, eftersom mycket är vunnet "
        "om användningen minskar i unga år.",
        "",
        "",
        False,
    ),
]

# (area code, goal, how it is followed up, measure titles)
HAGFORS_GOALS = [
    (
        YOUTH,
        "Fler elever lämnar årskurs 9 med behörighet till gymnasiet.",
        "Andelen elever i årskurs 9 med gymnasiebehörighet, varje läsår.",
        ["Fler elever i årskurs 9 med gymnasiebehörighet"],
    ),
    (
        VIOLENCE,
        "Fler medarbetare och invånare känner igen våld i nära relation och vet vart de kan "
        "vända sig.",
        "Genomförda kommunikationsinsatser internt och externt.",
        ["Kommunikation om våld i nära relation"],
    ),
    (
        ORDER,
        "Torget i Hagfors är och upplevs som en trygg plats.",
        "Andelen som avstår från att gå ut sent av otrygghet (12 procent i Brås senaste "
        "trygghetsundersökning) och lägesbilden för torget.",
        ["Tryggare Torget"],
    ),
    (
        YOUTH,
        "Användningen av narkotika bland unga minskar.",
        "Lägesbilden och polisens statistik över narkotikabrott bland unga.",
        ["Aktivitetsplan för arbetet med ungdomar och narkotika"],
    ),
]


def _areas(codes):
    return list(Area.objects.national().filter(code__in=codes))


def _partners(municipality, specs) -> dict[str, Partner]:
    found = {}
    for name, description in specs:
        found[name], _ = Partner.objects.update_or_create(
            municipality=municipality, name=name, defaults={"description": description}
        )
    return found


def _measures(municipality, specs, partners) -> dict[str, Measure]:
    found = {}
    for (
        title,
        area_codes,
        level,
        status,
        start,
        end,
        organisation,
        partner_names,
        funding,
        target,
        reach,
        unit,
        description,
        outcome,
        lessons,
        public,
    ) in specs:
        responsible = (
            Organisation.objects.for_municipality(municipality).filter(name=organisation).first()
            if organisation
            else None
        )
        measure, _ = Measure.objects.update_or_create(
            municipality=municipality,
            title=title,
            defaults={
                "level": level,
                "status": status,
                "start_date": start,
                "end_date": end,
                "responsible_organisation": responsible,
                "funding_source": funding,
                "target_group": target,
                "reach_number": reach,
                "reach_unit": unit,
                "description": description,
                "outcome": outcome,
                "lessons_learned": lessons,
                "is_public": public,
            },
        )
        measure.areas.set(_areas(area_codes))
        measure.partners.set([partners[name] for name in partner_names])
        found[title] = measure
    return found


def _calendar(municipality, specs, measures) -> None:
    for title, kind, start, end, days, description, measure_titles in specs:
        event, _ = CalendarEvent.objects.update_or_create(
            municipality=municipality,
            title=title,
            defaults={
                "kind": kind,
                "start_date": start,
                "end_date": end,
                "recurs_yearly": True,
                "remind_days_before": days,
                "description": description,
            },
        )
        event.measures.set([measures[t] for t in measure_titles])


def _hagfors_plan(municipality, measures) -> None:
    plan, _ = ActionPlan.objects.update_or_create(
        municipality=municipality,
        version=1,
        defaults={
            "title": "Åtgärdsplan för brottsförebyggande arbete i Hagfors kommun",
            "summary": (
                "Enligt lagen från 2023 om kommuners ansvar för brottsförebyggande arbete har "
                "kommunen analyserat läget och tagit fram en plan för att minska brottsligheten. "
                "De flesta upplever Hagfors som tryggt, men narkotika bland unga leder ofta till "
                "brott, och våld i nära relation och tryggheten på torget behöver mer arbete. "
                "Planen genomförs i nära samarbete med kommunpolisen, följs upp och insatserna "
                "utvärderas. Beslutsdag, paragraf och översynsdatum är exempeldata."
            ),
            "status": ActionPlanStatus.ADOPTED,
            "decision_body": "Kommunstyrelsen",
            "decision_date": D(2024, 6, 10),
            "decision_reference": "KS § 112",
            "review_date": D(2027, 6, 30),
        },
    )
    areas = {a.code: a for a in Area.objects.national()}
    keep = []
    for position, (code, text, indicator, titles) in enumerate(HAGFORS_GOALS, start=1):
        goal, _ = ActionPlanGoal.objects.update_or_create(
            plan=plan,
            position=position,
            defaults={"area": areas[code], "text": text, "indicator": indicator},
        )
        goal.measures.set([measures[t] for t in titles])
        keep.append(goal.pk)
    plan.goals.exclude(pk__in=keep).delete()
    ActionPlanDecision.objects.update_or_create(
        plan=plan,
        outcome=DecisionOutcome.APPROVED,
        defaults={
            "body": "Kommunstyrelsen",
            "decided_on": D(2024, 6, 10),
            "reference": "KS § 112",
        },
    )


def load(municipalities: dict[str, Municipality]) -> None:
    fagersta = municipalities["fagersta"]
    partners = _partners(fagersta, FAGERSTA_PARTNERS)
    measures = _measures(fagersta, FAGERSTA_MEASURES, partners)
    _calendar(fagersta, FAGERSTA_CALENDAR, measures)

    hagfors = municipalities["hagfors"]
    partners = _partners(hagfors, HAGFORS_PARTNERS)
    measures = _measures(hagfors, HAGFORS_MEASURES, partners)
    _hagfors_plan(hagfors, measures)
