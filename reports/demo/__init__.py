"""Demo annual report: Fagersta's written sections for 2021, in the spirit of its report."""

from __future__ import annotations

from municipalities.models import Municipality

from ..models import AnnualReport

FAGERSTA_2021 = {
    "introduction": (
        "Sedan 2019 har Fagersta byggt om sitt brottsförebyggande och trygghetsskapande arbete "
        "så att det vilar på kunskap, samverkan och långsiktiga mål. Två arbetssätt bär arbetet: "
        "EST-gruppens lägesbilder varannan vecka och medborgarlöftena som förnyas var tredje "
        "månad. Det lokala brottsförebyggande rådet tar fram förslagen till löften och "
        "politiken fastställer dem.\n\n"
        "Pandemin och restriktionerna satte sin prägel på 2021. Mycket av det förebyggande "
        "arbetet bygger på att människor möts, och flera insatser gick inte att genomföra. "
        "Alla inblandade har ändå gjort sitt yttersta inom sina områden."
    ),
    "evaluation": (
        "Mälardalens högskola har, med stöd av Länsstyrelsen Västmanland och Dalarna, utvärderat "
        "kommunens arbete med lägesbilder och medborgarlöften. Utvärderingen rekommenderar bland "
        "annat en fast rutin för hur det som lägesbilden visar tas om hand, rutiner för "
        "orsaksanalyser, en ersättare till samordnaren, systematisk uppföljning av löftena som "
        "går att jämföra över tid och mellan kommuner, och bättre återkoppling till "
        "rapportörerna.\n\n"
        "Som svar inför kommunen en årsrapport, EST-gruppen skriver en uppdragsbeskrivning och "
        "det lokala rådet tar fram ett årshjul och en kommunikationsplan."
    ),
    "results_and_challenges": (
        "Nya samverkansformer och kontaktvägar har kommit på plats, och trots pandemin har många "
        "insatser blivit av. Rapporterna om inbrott, buskörning, bränder och skadegörelse har "
        "minskat, och inom flera områden har lägesbilden oftare varit grön än tidigare år.\n\n"
        "Samtidigt beskriver skola, polis och socialtjänst en hårdare attityd bland unga, den "
        "psykiska ohälsan ökar och polisen ser mer våld i nära relation. Det är årets stora "
        "utmaningar inför 2022."
    ),
    "summary": (
        "Arbetet har fått en tydligare struktur och mer kunskap om vad som ligger bakom "
        "problemen. Det går inte att räkna hem enskilda insatser i brottsstatistiken, men "
        "kommunen kan nu arbeta mer förebyggande och mindre med akuta utryckningar. Inför 2022 "
        "står unga och attityder, psykisk hälsa, våld i nära relation, ANDTS-arbetet och "
        "föräldrastödet i fokus."
    ),
}


def load(municipalities: dict[str, Municipality]) -> None:
    AnnualReport.objects.update_or_create(
        municipality=municipalities["fagersta"], year=2021, defaults=FAGERSTA_2021
    )
